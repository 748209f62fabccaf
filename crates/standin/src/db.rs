//! SQLite storage. One connection behind a mutex: writes are serialised, so concurrent writers
//! never lose an update; queries run on tokio's blocking pool.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::reply::ApiFailure;

/// Whether `api_keys` has `column`.
fn has_column(conn: &Connection, column: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) > 0 FROM pragma_table_info('api_keys') WHERE name = ?1", [column], |row| row.get(0))
}

/// A database of an earlier stand-in: its keys get the columns this one reads (its sessions never
/// expire, as they did not; each key's hash computed).
fn bring_keys_up_to_date(conn: &Connection) -> rusqlite::Result<()> {
    if !has_column(conn, "expires_at")? {
        conn.execute("ALTER TABLE api_keys ADD COLUMN expires_at INTEGER", [])?;
    }
    if !has_column(conn, "key_hash")? {
        conn.execute("ALTER TABLE api_keys ADD COLUMN key_hash TEXT", [])?;
    }
    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS api_keys_by_hash ON api_keys(key_hash)", [])?;
    let keys: Vec<String> = conn
        .prepare("SELECT key FROM api_keys WHERE key_hash IS NULL")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for key in keys {
        conn.execute("UPDATE api_keys SET key_hash = ?1 WHERE key = ?2", [crate::auth::key_hash(&key), key])?;
    }
    Ok(())
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
    account_number TEXT PRIMARY KEY,
    account_type TEXT NOT NULL,
    account_level TEXT NOT NULL,
    creation_date TEXT NOT NULL,
    firstname TEXT NOT NULL, lastname TEXT NOT NULL, civility TEXT NOT NULL, function TEXT NOT NULL,
    phone TEXT NOT NULL, email TEXT NOT NULL, company_name TEXT NOT NULL, company_address TEXT NOT NULL,
    company_zipcode TEXT NOT NULL, company_city TEXT NOT NULL, company_country_id INTEGER NOT NULL,
    company_forme TEXT NOT NULL, company_siret TEXT NOT NULL, company_capital TEXT NOT NULL,
    company_rcs TEXT NOT NULL, company_naf TEXT NOT NULL, company_tva TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    user_id INTEGER PRIMARY KEY,
    account_number TEXT NOT NULL REFERENCES accounts(account_number),
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    firstname TEXT NOT NULL, lastname TEXT NOT NULL, email TEXT NOT NULL, gender TEXT NOT NULL,
    is_admin INTEGER NOT NULL
);
-- API keys and session tokens alike: the API accepts both in the same header.
CREATE TABLE IF NOT EXISTS api_keys (
    key TEXT PRIMARY KEY,
    account_number TEXT NOT NULL,
    user_id INTEGER,
    token_media TEXT,
    -- Seconds since 1970 after which a session token is refused; NULL for API keys.
    expires_at INTEGER,
    -- The key's SHA-256 (hex): what a request's token is looked up by (`auth::key_hash`).
    key_hash TEXT
);
-- The scopes granted to a key, comma-separated; a key without a row here has every scope.
CREATE TABLE IF NOT EXISTS key_scopes (
    key TEXT PRIMARY KEY REFERENCES api_keys(key) ON DELETE CASCADE,
    scopes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS countries (
    country_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, code TEXT NOT NULL, group_id INTEGER, group_name TEXT
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
    endtrial_date TEXT,
    -- What `term` searches: code, name and domain, lower-cased once on write.
    search_text TEXT GENERATED ALWAYS AS (lower(code_site || ' ' || name || ' ' || domain)) STORED,
    -- Shape of the daily statistics, which are derived from it (see stats.rs).
    traffic_base INTEGER NOT NULL DEFAULT 50,
    has_shop INTEGER NOT NULL DEFAULT 0,
    has_forms INTEGER NOT NULL DEFAULT 1,
    live_visitors INTEGER NOT NULL DEFAULT 0,
    unread_responses INTEGER NOT NULL DEFAULT 0,
    pending_orders INTEGER NOT NULL DEFAULT 0,
    pending_orders_amount INTEGER NOT NULL DEFAULT 0,
    average_cart INTEGER NOT NULL DEFAULT 0,
    monthly_transformation INTEGER NOT NULL DEFAULT 0,
    stock_shortage_count INTEGER NOT NULL DEFAULT 0,
    refillable_count INTEGER NOT NULL DEFAULT 0,
    space_medias INTEGER NOT NULL DEFAULT 0,
    space_datas INTEGER NOT NULL DEFAULT 0,
    space_ftp INTEGER NOT NULL DEFAULT 0,
    space_total INTEGER NOT NULL DEFAULT 0,
    bandwidth_used INTEGER NOT NULL DEFAULT 0, bandwidth_total INTEGER NOT NULL DEFAULT 0,
    api_pfo_used INTEGER NOT NULL DEFAULT 0, api_pfo_total INTEGER NOT NULL DEFAULT 0,
    forms_used INTEGER NOT NULL DEFAULT 0, forms_total INTEGER NOT NULL DEFAULT 0,
    products_used INTEGER NOT NULL DEFAULT 0, products_total INTEGER NOT NULL DEFAULT 0,
    users_used INTEGER NOT NULL DEFAULT 0, users_total INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sites_account ON sites(account_number, code_site);
-- Covers the sites list's filters and sort keys: counting and paging read this narrow index, and only
-- the page's rows are read in full.
CREATE INDEX IF NOT EXISTS sites_filters ON sites(account_number, search_text, is_closed, is_trial, is_demo, is_free,
    closing_date, creation_date, code_site, name);
CREATE TABLE IF NOT EXISTS site_options (
    code_site TEXT NOT NULL REFERENCES sites(code_site) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    quantity_max INTEGER NOT NULL,
    unit_cost REAL NOT NULL,
    PRIMARY KEY (code_site, code)
);
CREATE TABLE IF NOT EXISTS backups (
    code_site TEXT NOT NULL REFERENCES sites(code_site) ON DELETE CASCADE,
    id TEXT NOT NULL,
    creation_date TEXT NOT NULL,
    manual INTEGER NOT NULL,
    -- The site's data at backup time: what a restore brings back.
    snapshot_name TEXT NOT NULL,
    snapshot_products_used INTEGER NOT NULL DEFAULT 0,
    snapshot_forms_used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code_site, id)
);
CREATE TABLE IF NOT EXISTS logs (
    activity_id INTEGER PRIMARY KEY AUTOINCREMENT,
    code_site TEXT NOT NULL REFERENCES sites(code_site) ON DELETE CASCADE,
    text TEXT NOT NULL,
    urn TEXT,
    type TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_profil TEXT NOT NULL,
    avatar_url TEXT NOT NULL,
    avatar_thumb_url TEXT NOT NULL,
    customer_id INTEGER,
    creation_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_site ON logs(code_site, creation_date);
-- Jobs outlive their site (a deleted site) and precede it (a site being created).
CREATE TABLE IF NOT EXISTS jobs (
    job_id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_number TEXT NOT NULL,
    code_site TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    fails INTEGER NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT ''
);
";

/// Connections in the pool: reads run side by side (WAL); SQLite serialises the writes, waiting up
/// to `BUSY_TIMEOUT` for its lock, and every write runs in a transaction, so none is lost.
const POOL_SIZE: usize = 4;
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Clone)]
pub struct Db {
    pool: Arc<Vec<Mutex<Connection>>>,
    next: Arc<std::sync::atomic::AtomicUsize>,
}

impl Db {
    /// Opens the database at `path`, making its tables when new.
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        let mut pool = Vec::with_capacity(POOL_SIZE);
        for i in 0..POOL_SIZE {
            let conn = Connection::open(path)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            if i == 0 {
                conn.execute_batch(SCHEMA)?;
                bring_keys_up_to_date(&conn)?;
            }
            pool.push(Mutex::new(conn));
        }
        Ok(Db { pool: Arc::new(pool), next: Arc::default() })
    }

    /// The next connection, round robin; a panic while one was held leaves it usable.
    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.pool.len();
        self.pool[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<R> + Send + 'static,
    ) -> Result<R, ApiFailure> {
        let db = self.clone();
        tokio::task::spawn_blocking(move || f(&mut db.connection()))
            .await
            .map_err(|_| ApiFailure::unexpected())?
            .map_err(ApiFailure::from)
    }

    /// The same, for start-up code outside the runtime.
    pub fn call_blocking<R>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<R>) -> rusqlite::Result<R> {
        f(&mut self.connection())
    }
}
