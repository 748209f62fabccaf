//! The workspaces in PostgreSQL, for several servers sharing one database: a pool of connections,
//! migrations under an advisory lock (two servers starting at once migrate once), each write in a
//! transaction that locks the account's row.

use std::str::FromStr;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::{Client, NoTls};

use super::migrations::{pending, VERSIONS_TABLE};
use super::{now, SessionRow, StoreError, Stored, Written, KEPT_REVISIONS};

/// Connections per server: the writes are short, and PostgreSQL's default allows 100 in all.
const POOL_SIZE: usize = 16;
/// Any number, the same for every server of this kind: the lock taken while migrating.
const MIGRATION_LOCK: i64 = 0x6b69_7562_6973_7276;

pub struct PostgresStore {
    pool: Pool,
}

fn failed(error: impl std::fmt::Display) -> StoreError {
    StoreError(format!("PostgreSQL: {error}"))
}

impl PostgresStore {
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let config = tokio_postgres::Config::from_str(url).map_err(failed)?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager).max_size(POOL_SIZE).build().map_err(failed)?;
        let store = PostgresStore { pool };
        let mut client = store.client().await?;
        migrate(&mut client).await?;
        Ok(store)
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        self.pool.get().await.map_err(failed)
    }

    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        version(&**self.client().await?).await
    }

    pub async fn read(&self, account: &str) -> Result<Option<Stored>, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_opt("SELECT revision, document FROM workspaces WHERE account = $1", &[&account])
            .await
            .map_err(failed)?;
        Ok(row.map(|row| Stored { revision: row.get(0), document: row.get(1) }))
    }

    pub async fn write(&self, account: &str, base: i64, document: &str) -> Result<Written, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(failed)?;
        let current = tx
            .query_opt(
                "SELECT revision, document, written_at FROM workspaces WHERE account = $1 FOR UPDATE",
                &[&account],
            )
            .await
            .map_err(failed)?;
        let revision: i64 = current.as_ref().map_or(0, |row| row.get(0));
        if revision != base {
            return Ok(Written::Stale(revision));
        }
        if let Some(row) = current {
            let (earlier, written_at): (String, i64) = (row.get(1), row.get(2));
            tx.execute(
                "INSERT INTO workspace_revisions (account, revision, document, written_at) VALUES ($1, $2, $3, $4)",
                &[&account, &revision, &earlier, &written_at],
            )
            .await
            .map_err(failed)?;
            tx.execute(
                "DELETE FROM workspace_revisions WHERE account = $1 AND revision <= $2",
                &[&account, &(revision - KEPT_REVISIONS)],
            )
            .await
            .map_err(failed)?;
        }
        // Two first writes at once: the second inserts nothing and is stale.
        let stored = tx
            .execute(
                "INSERT INTO workspaces (account, revision, document, written_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (account) DO UPDATE SET revision = excluded.revision, document = excluded.document,
                 written_at = excluded.written_at WHERE workspaces.revision = $5",
                &[&account, &(base + 1), &document, &now(), &base],
            )
            .await
            .map_err(failed)?;
        if stored == 0 {
            return Ok(Written::Stale(base + 1));
        }
        tx.commit().await.map_err(failed)?;
        Ok(Written::As(base + 1))
    }

    pub async fn earlier(&self, account: &str) -> Result<Vec<Stored>, StoreError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT revision, document FROM workspace_revisions WHERE account = $1 ORDER BY revision DESC",
                &[&account],
            )
            .await
            .map_err(failed)?;
        Ok(rows.into_iter().map(|row| Stored { revision: row.get(0), document: row.get(1) }).collect())
    }
}

impl PostgresStore {
    pub async fn create_session(&self, row: &SessionRow) -> Result<(), StoreError> {
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO sessions (id_hash, proof_hash, sealed_token, created_at, seen_at) VALUES ($1, $2, $3, $4, $5)",
                &[&row.id_hash, &row.proof_hash, &row.sealed_token, &row.created_at, &row.seen_at],
            )
            .await
            .map(drop)
            .map_err(failed)
    }

    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT id_hash, proof_hash, sealed_token, created_at, seen_at FROM sessions WHERE id_hash = $1",
                &[&id_hash],
            )
            .await
            .map_err(failed)?;
        Ok(row.map(|row| SessionRow {
            id_hash: row.get(0),
            proof_hash: row.get(1),
            sealed_token: row.get(2),
            created_at: row.get(3),
            seen_at: row.get(4),
        }))
    }

    pub async fn touch_session(&self, id_hash: &str, seen_at: i64) -> Result<(), StoreError> {
        let client = self.client().await?;
        let sql = "UPDATE sessions SET seen_at = $2 WHERE id_hash = $1";
        client.execute(sql, &[&id_hash, &seen_at]).await.map(drop).map_err(failed)
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<(), StoreError> {
        let client = self.client().await?;
        client.execute("DELETE FROM sessions WHERE id_hash = $1", &[&id_hash]).await.map(drop).map_err(failed)
    }

    pub async fn end_sessions_before(&self, seen_before: i64, created_before: i64) -> Result<u64, StoreError> {
        let client = self.client().await?;
        let sql = "DELETE FROM sessions WHERE seen_at < $1 OR created_at < $2";
        client.execute(sql, &[&seen_before, &created_before]).await.map_err(failed)
    }
}

async fn version(client: &Client) -> Result<i64, StoreError> {
    let row = client.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations", &[]).await;
    Ok(row.map_err(failed)?.get(0))
}

/// Applies the steps the database lacks, under the migration lock, all in one transaction.
async fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let tx = client.transaction().await.map_err(failed)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(failed)?;
    tx.batch_execute(VERSIONS_TABLE).await.map_err(failed)?;
    let row = tx.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations", &[]).await;
    let current: i64 = row.map_err(failed)?.get(0);
    for step in pending(current).map_err(StoreError)? {
        tx.batch_execute(step.postgres).await.map_err(failed)?;
        tx.execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", &[&step.version, &now()])
            .await
            .map_err(failed)?;
    }
    tx.commit().await.map_err(failed)
}
