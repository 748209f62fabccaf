//! SQLite storage. One connection behind a mutex: writes are serialised, so concurrent writers
//! never lose an update; queries run on tokio's blocking pool.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::reply::ApiFailure;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS api_keys (
    key TEXT PRIMARY KEY,
    account_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS plans (
    plan_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    monthly_cost REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sites (
    code_site TEXT PRIMARY KEY,
    account_number TEXT NOT NULL,
    name TEXT NOT NULL,
    domain TEXT NOT NULL,
    backoffice TEXT NOT NULL,
    creation_date TEXT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
    balance INTEGER,
    is_closed INTEGER NOT NULL DEFAULT 0,
    is_trial INTEGER NOT NULL DEFAULT 0,
    is_demo INTEGER NOT NULL DEFAULT 0,
    is_free INTEGER NOT NULL DEFAULT 0,
    closing_date TEXT,
    endtrial_date TEXT
);
CREATE INDEX IF NOT EXISTS sites_account ON sites(account_number, code_site);
";

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<R> + Send + 'static,
    ) -> Result<R, ApiFailure> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves the connection usable: take it back.
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|_| ApiFailure::unexpected())?
        .map_err(ApiFailure::from)
    }

    /// The same, for start-up code outside the runtime.
    pub fn call_blocking<R>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<R>) -> rusqlite::Result<R> {
        let mut guard = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}
