//! The store's tests, each run on SQLite and on PostgreSQL: the test command starts a PostgreSQL
//! and names it in `KIUBI_TEST_POSTGRES` (a URL whose user may create databases); each test gets a
//! new database of its own there. Without it the PostgreSQL half is skipped with a line saying so,
//! unless `KIUBI_REQUIRE_POSTGRES` is set (the test command sets it), which makes it a failure.

use std::sync::atomic::{AtomicU32, Ordering};

use kiubi_server::store::{latest_schema_version, Stored, Written, KEPT_REVISIONS, MIGRATIONS};
use kiubi_server::{Database, Store};

/// A new, empty database of each backend, with what keeps it alive.
async fn databases() -> Vec<(Database, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec![(Database::Sqlite(dir.path().join("store.sqlite")), Some(dir))];
    match std::env::var("KIUBI_TEST_POSTGRES") {
        Ok(url) => all.push((Database::Postgres(new_postgres_database(&url).await), None)),
        Err(_) if std::env::var_os("KIUBI_REQUIRE_POSTGRES").is_some() => {
            panic!("KIUBI_REQUIRE_POSTGRES is set but KIUBI_TEST_POSTGRES names no PostgreSQL")
        }
        Err(_) => eprintln!("PostgreSQL skipped: KIUBI_TEST_POSTGRES is not set"),
    }
    all
}

/// A database made for one test on the server at `url`; its URL.
async fn new_postgres_database(url: &str) -> String {
    static MADE: AtomicU32 = AtomicU32::new(0);
    let name = format!("store_test_{}_{}", std::process::id(), MADE.fetch_add(1, Ordering::Relaxed));
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("PostgreSQL");
    tokio::spawn(connection);
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    let (base, query) = url.split_once('?').map_or((url, ""), |(b, q)| (b, q));
    let base = base.rsplit_once('/').map_or(base, |(server, _)| server);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

/// Runs `sql` on `database` as it is, outside the store (to make older or newer databases).
async fn raw(database: &Database, sql: &str) {
    match database {
        Database::Sqlite(path) => rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap(),
        Database::Postgres(url) => {
            let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(connection);
            client.batch_execute(sql).await.unwrap();
        }
    }
}

fn name(database: &Database) -> &'static str {
    match database {
        Database::Sqlite(_) => "SQLite",
        Database::Postgres(_) => "PostgreSQL",
    }
}

#[tokio::test]
async fn a_new_database_is_made_at_the_latest_schema() {
    for (database, _keep) in databases().await {
        let store = Store::open(&database).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), latest_schema_version(), "{}", name(&database));
        assert_eq!(store.read("1").await.unwrap(), None);
        drop(store);
        let again = Store::open(&database).await.unwrap();
        assert_eq!(again.schema_version().await.unwrap(), latest_schema_version(), "opened twice: {}", name(&database));
    }
}

#[tokio::test]
async fn a_write_is_stored_only_on_the_current_revision() {
    for (database, _keep) in databases().await {
        let what = name(&database);
        let store = Store::open(&database).await.unwrap();
        assert_eq!(store.write("1", 0, r#"{"a":1}"#).await.unwrap(), Written::As(1), "{what}");
        assert_eq!(store.write("1", 0, r#"{"a":2}"#).await.unwrap(), Written::Stale(1), "{what}: stale");
        assert_eq!(store.write("1", 5, r#"{"a":2}"#).await.unwrap(), Written::Stale(1), "{what}: ahead");
        assert_eq!(store.write("1", 1, r#"{"a":3}"#).await.unwrap(), Written::As(2), "{what}");
        assert_eq!(store.read("1").await.unwrap(), Some(Stored { revision: 2, document: r#"{"a":3}"#.into() }));
        assert_eq!(store.read("2").await.unwrap(), None, "{what}: another account has none");
        let earlier = store.earlier("1").await.unwrap();
        assert_eq!(earlier, [Stored { revision: 1, document: r#"{"a":1}"#.into() }], "{what}: what it replaced");
    }
}

#[tokio::test]
async fn of_writes_made_at_once_on_one_revision_exactly_one_is_stored() {
    for (database, _keep) in databases().await {
        let store = std::sync::Arc::new(Store::open(&database).await.unwrap());
        for base in [0, 1] {
            let writes = (0..20).map(|i| {
                let store = store.clone();
                tokio::spawn(async move { store.write("7", base, &format!("{{\"writer\":{i}}}")).await.unwrap() })
            });
            let outcomes = futures_all(writes).await;
            let stored = outcomes.iter().filter(|w| **w == Written::As(base + 1)).count();
            assert_eq!(stored, 1, "{} at {base}: {outcomes:?}", name(&database));
            assert!(outcomes.iter().all(|w| matches!(w, Written::As(_) | Written::Stale(_))));
        }
    }
}

async fn futures_all<T>(tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut all = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        all.push(task.await.unwrap());
    }
    all
}

#[tokio::test]
async fn the_revisions_a_write_replaced_are_kept_up_to_a_limit() {
    for (database, _keep) in databases().await {
        let store = Store::open(&database).await.unwrap();
        for base in 0..KEPT_REVISIONS + 5 {
            assert_eq!(store.write("1", base, &format!("{{\"n\":{base}}}")).await.unwrap(), Written::As(base + 1));
        }
        let earlier = store.earlier("1").await.unwrap();
        assert_eq!(earlier.len() as i64, KEPT_REVISIONS, "{}", name(&database));
        assert_eq!(earlier[0].revision, KEPT_REVISIONS + 4, "newest first");
    }
}

#[tokio::test]
async fn a_database_of_an_older_version_is_migrated_and_keeps_its_data() {
    for (database, _keep) in databases().await {
        let first = &MIGRATIONS[0];
        let step = if matches!(database, Database::Sqlite(_)) { first.sqlite } else { first.postgres };
        raw(
            &database,
            &format!(
                "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL);
                 {step};
                 INSERT INTO schema_migrations VALUES (1, 0);
                 INSERT INTO workspaces (account, revision, document) VALUES ('1', 4, '{{\"kept\":true}}');"
            ),
        )
        .await;
        let store = Store::open(&database).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), latest_schema_version(), "{}", name(&database));
        assert_eq!(
            store.read("1").await.unwrap().map(|s| (s.revision, s.document)),
            Some((4, "{\"kept\":true}".into()))
        );
        assert_eq!(store.write("1", 4, "{}").await.unwrap(), Written::As(5), "and written after");
    }
}

#[tokio::test]
async fn a_database_of_a_newer_version_is_refused_and_left_untouched() {
    for (database, _keep) in databases().await {
        raw(
            &database,
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL);
                        INSERT INTO schema_migrations VALUES (99, 0);",
        )
        .await;
        let refused = Store::open(&database).await.err().expect("refused").to_string();
        assert!(refused.contains("schema version 99") && refused.contains("newer kiubi-server"), "{refused}");
        // No step ran: the table of step 1 is still missing.
        let made = match &database {
            Database::Sqlite(path) => rusqlite::Connection::open(path)
                .unwrap()
                .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'workspaces'", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            Database::Postgres(url) => {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
                tokio::spawn(connection);
                let row = client.query_one("SELECT count(*) FROM pg_tables WHERE tablename = 'workspaces'", &[]).await;
                row.unwrap().get(0)
            }
        };
        assert_eq!(made, 0, "{}", name(&database));
    }
}

#[tokio::test]
async fn sessions_are_made_read_noted_and_ended() {
    use kiubi_server::store::SessionRow;
    for (database, _keep) in databases().await {
        let what = name(&database);
        let store = Store::open(&database).await.unwrap();
        let row = |id: &str, created_at, seen_at| SessionRow {
            id_hash: id.to_owned(),
            proof_hash: format!("proof of {id}"),
            sealed_token: format!("sealed for {id}"),
            created_at,
            seen_at,
        };
        for session in [row("a", 100, 100), row("b", 100, 500), row("c", 10, 900)] {
            store.create_session(&session).await.unwrap();
        }
        assert_eq!(store.session("a").await.unwrap(), Some(row("a", 100, 100)), "{what}");
        assert_eq!(store.session("z").await.unwrap(), None, "{what}");
        store.touch_session("a", 400).await.unwrap();
        assert_eq!(store.session("a").await.unwrap().map(|r| r.seen_at), Some(400), "{what}: noted");
        // Last seen before 450, or begun before 50: a (idle) and c (too old) end; b stays.
        assert_eq!(store.end_sessions_before(450, 50).await.unwrap(), 2, "{what}");
        assert!(store.session("a").await.unwrap().is_none() && store.session("c").await.unwrap().is_none());
        store.end_session("b").await.unwrap();
        assert_eq!(store.session("b").await.unwrap(), None, "{what}: signed out");
    }
}
