//! The team's workspaces, one JSON document per account with its revision, in SQLite (embedded, the
//! default: a file beside the server) or PostgreSQL (several servers behind a load balancer). Both
//! apply the same numbered migrations and pass the same tests (`tests/store.rs`).
//!
//! A write names the revision it was made from and is stored only if that is still the current
//! one, in one transaction; the revision it replaces is kept in `workspace_revisions` (the latest
//! `KEPT_REVISIONS`).

mod migrations;
mod postgres;
mod sqlite;

use std::path::PathBuf;

pub use migrations::{latest as latest_schema_version, MIGRATIONS};

/// Earlier revisions kept per account.
pub const KEPT_REVISIONS: i64 = 20;

/// Where the workspaces are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host:port/db`, `host=/run/postgresql` for a socket).
    Postgres(String),
}

impl Database {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH` or any other text a SQLite file.
    pub fn parse(text: &str) -> Database {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Database::Postgres(text.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(text.strip_prefix("sqlite:").unwrap_or(text)))
        }
    }
}

/// A failure of the database, said for the server's operator (never holds a document or a token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

/// What a write came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Stored as this revision.
    As(i64),
    /// Not stored: the current revision is this one, not the write's base.
    Stale(i64),
}

/// A browser's session of the server, as kept (`crate::session` makes and reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// SHA-256 of the cookie's value, in hex.
    pub id_hash: String,
    /// SHA-256 of the proof the panel sends with each request, in hex.
    pub proof_hash: String,
    /// The Kiubi token, sealed with the server's key.
    pub sealed_token: String,
    /// Seconds since 1970: the sign-in, and the last request seen.
    pub created_at: i64,
    pub seen_at: i64,
}

/// An account's stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub revision: i64,
    pub document: String,
}

pub enum Store {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PostgresStore),
}

impl Store {
    /// Opens `database` and brings its schema to this build's version.
    pub async fn open(database: &Database) -> Result<Store, StoreError> {
        match database {
            Database::Sqlite(path) => sqlite::SqliteStore::open(path.clone()).await.map(Store::Sqlite),
            Database::Postgres(url) => postgres::PostgresStore::open(url).await.map(Store::Postgres),
        }
    }

    /// The schema version the database is at.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(store) => store.schema_version().await,
            Store::Postgres(store) => store.schema_version().await,
        }
    }

    /// The account's document, if one was written.
    pub async fn read(&self, account: &str) -> Result<Option<Stored>, StoreError> {
        match self {
            Store::Sqlite(store) => store.read(account).await,
            Store::Postgres(store) => store.read(account).await,
        }
    }

    /// Stores `document` as the account's next revision if `base` is the current one (0: none yet).
    pub async fn write(&self, account: &str, base: i64, document: &str) -> Result<Written, StoreError> {
        match self {
            Store::Sqlite(store) => store.write(account, base, document).await,
            Store::Postgres(store) => store.write(account, base, document).await,
        }
    }

    /// The revisions a write replaced, newest first: (revision, document).
    pub async fn earlier(&self, account: &str) -> Result<Vec<Stored>, StoreError> {
        match self {
            Store::Sqlite(store) => store.earlier(account).await,
            Store::Postgres(store) => store.earlier(account).await,
        }
    }
}

/// The servers' sessions, on either backend.
impl Store {
    pub async fn create_session(&self, row: &SessionRow) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(store) => store.create_session(row.clone()).await,
            Store::Postgres(store) => store.create_session(row).await,
        }
    }

    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        match self {
            Store::Sqlite(store) => store.session(id_hash).await,
            Store::Postgres(store) => store.session(id_hash).await,
        }
    }

    /// Notes a request of the session at `seen_at`.
    pub async fn touch_session(&self, id_hash: &str, seen_at: i64) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(store) => store.touch_session(id_hash, seen_at).await,
            Store::Postgres(store) => store.touch_session(id_hash, seen_at).await,
        }
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(store) => store.end_session(id_hash).await,
            Store::Postgres(store) => store.end_session(id_hash).await,
        }
    }

    /// Ends the sessions last seen before `seen_before` or begun before `created_before`; how many.
    pub async fn end_sessions_before(&self, seen_before: i64, created_before: i64) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(store) => store.end_sessions_before(seen_before, created_before).await,
            Store::Postgres(store) => store.end_sessions_before(seen_before, created_before).await,
        }
    }
}

/// Seconds since 1970, for `written_at` and the sessions' times.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
