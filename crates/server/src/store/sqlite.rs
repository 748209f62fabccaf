//! The workspaces in a SQLite file: one connection, used on tokio's blocking threads, each write in
//! an immediate transaction.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::migrations::{pending, VERSIONS_TABLE};
use super::{now, SessionRow, StoreError, Stored, Written, KEPT_REVISIONS};

pub struct SqliteStore {
    connection: Arc<Mutex<Connection>>,
}

fn failed(error: rusqlite::Error) -> StoreError {
    StoreError(format!("SQLite: {error}"))
}

impl SqliteStore {
    pub async fn open(path: PathBuf) -> Result<SqliteStore, StoreError> {
        let connection = tokio::task::spawn_blocking(move || -> Result<Connection, StoreError> {
            let mut connection = Connection::open(&path).map_err(|e| StoreError(format!("{}: {e}", path.display())))?;
            connection.busy_timeout(std::time::Duration::from_secs(5)).map_err(failed)?;
            migrate(&mut connection)?;
            // Readers do not wait for a write (and the other way round).
            connection.pragma_update(None, "journal_mode", "WAL").map_err(failed)?;
            Ok(connection)
        })
        .await
        .map_err(|e| StoreError(e.to_string()))??;
        Ok(SqliteStore { connection: Arc::new(Mutex::new(connection)) })
    }

    /// Runs `work` on the connection, off the async threads.
    async fn with<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    ) -> Result<T, StoreError> {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut connection).map_err(failed)
        })
        .await
        .map_err(|e| StoreError(e.to_string()))?
    }

    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        self.with(|c| version(c)).await
    }

    pub async fn read(&self, account: &str) -> Result<Option<Stored>, StoreError> {
        let account = account.to_owned();
        self.with(move |c| {
            c.query_row("SELECT revision, document FROM workspaces WHERE account = ?1", [account], |row| {
                Ok(Stored { revision: row.get(0)?, document: row.get(1)? })
            })
            .optional()
        })
        .await
    }

    pub async fn write(&self, account: &str, base: i64, document: &str) -> Result<Written, StoreError> {
        let (account, document) = (account.to_owned(), document.to_owned());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current: Option<(i64, String, i64)> = tx
                .query_row(
                    "SELECT revision, document, written_at FROM workspaces WHERE account = ?1",
                    [&account],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            let revision = current.as_ref().map_or(0, |(revision, _, _)| *revision);
            if revision != base {
                return Ok(Written::Stale(revision));
            }
            if let Some((revision, earlier, written_at)) = current {
                tx.execute(
                    "INSERT INTO workspace_revisions (account, revision, document, written_at) VALUES (?1, ?2, ?3, ?4)",
                    params![account, revision, earlier, written_at],
                )?;
                tx.execute(
                    "DELETE FROM workspace_revisions WHERE account = ?1 AND revision <= ?2",
                    params![account, revision - KEPT_REVISIONS],
                )?;
            }
            tx.execute(
                "INSERT INTO workspaces (account, revision, document, written_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account) DO UPDATE SET revision = excluded.revision, document = excluded.document,
                 written_at = excluded.written_at",
                params![account, base + 1, document, now()],
            )?;
            tx.commit()?;
            Ok(Written::As(base + 1))
        })
        .await
    }

    pub async fn earlier(&self, account: &str) -> Result<Vec<Stored>, StoreError> {
        let account = account.to_owned();
        self.with(move |c| {
            let mut query = c.prepare(
                "SELECT revision, document FROM workspace_revisions WHERE account = ?1 ORDER BY revision DESC",
            )?;
            let rows = query.query_map([account], |row| Ok(Stored { revision: row.get(0)?, document: row.get(1)? }))?;
            rows.collect()
        })
        .await
    }
}

impl SqliteStore {
    pub async fn create_session(&self, row: SessionRow) -> Result<(), StoreError> {
        self.with(move |c| {
            c.execute(
                "INSERT INTO sessions (id_hash, proof_hash, sealed_token, created_at, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![row.id_hash, row.proof_hash, row.sealed_token, row.created_at, row.seen_at],
            )
            .map(drop)
        })
        .await
    }

    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        let id_hash = id_hash.to_owned();
        self.with(move |c| {
            c.query_row(
                "SELECT id_hash, proof_hash, sealed_token, created_at, seen_at FROM sessions WHERE id_hash = ?1",
                [id_hash],
                |row| {
                    Ok(SessionRow {
                        id_hash: row.get(0)?,
                        proof_hash: row.get(1)?,
                        sealed_token: row.get(2)?,
                        created_at: row.get(3)?,
                        seen_at: row.get(4)?,
                    })
                },
            )
            .optional()
        })
        .await
    }

    pub async fn touch_session(&self, id_hash: &str, seen_at: i64) -> Result<(), StoreError> {
        let id_hash = id_hash.to_owned();
        self.with(move |c| {
            c.execute("UPDATE sessions SET seen_at = ?2 WHERE id_hash = ?1", params![id_hash, seen_at]).map(drop)
        })
        .await
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<(), StoreError> {
        let id_hash = id_hash.to_owned();
        self.with(move |c| c.execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash]).map(drop)).await
    }

    pub async fn end_sessions_before(&self, seen_before: i64, created_before: i64) -> Result<u64, StoreError> {
        self.with(move |c| {
            c.execute(
                "DELETE FROM sessions WHERE seen_at < ?1 OR created_at < ?2",
                params![seen_before, created_before],
            )
            .map(|n| n as u64)
        })
        .await
    }
}

fn version(connection: &Connection) -> Result<i64, rusqlite::Error> {
    connection.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))
}

/// Applies the steps the database lacks, each with its version in one transaction.
fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    connection.execute(VERSIONS_TABLE, []).map_err(failed)?;
    let current = version(connection).map_err(failed)?;
    for step in pending(current).map_err(StoreError)? {
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(failed)?;
        tx.execute_batch(step.sqlite).map_err(failed)?;
        tx.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)", params![step.version, now()])
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
    Ok(())
}
