//! The team's workspace over HTTP, in front of a stand-in of the API: who may read and write, the
//! limits, the revisions, and what survives a restart. Every refusal changes nothing.

mod common;

use common::{config, Api, Server, DEMO_API_KEY, OTHER_ACCOUNT_KEY};
use kiubi_wire::team::{code, BODY_LIMIT};
use serde_json::{json, Value};

fn write(base: i64, document: Value) -> String {
    json!({"base_revision": base, "document": document}).to_string()
}

fn labels(names: &[&str]) -> Value {
    json!({"organize": {"labels": names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>()}})
}

/// The demo account's revision and document, read with its key.
async fn stored(server: &Server) -> (i64, Value) {
    let (status, body) = server.workspace(Some(DEMO_API_KEY)).await;
    assert_eq!(status, 200, "{body}");
    (body["data"]["revision"].as_i64().unwrap(), body["data"]["document"].clone())
}

#[tokio::test]
async fn an_account_reads_and_writes_its_own_workspace_only() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let (status, body) = server.workspace(Some(DEMO_API_KEY)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"], json!({"account": "100234", "revision": 0, "document": null}));

    let (status, body) = server.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["VIP"]))).await;
    assert_eq!((status, body["data"]["revision"].as_i64()), (200, Some(1)), "{body}");
    assert_eq!(stored(&server).await, (1, labels(&["VIP"])));

    // The other account sees nothing of it, and writes its own.
    let (_, other) = server.workspace(Some(OTHER_ACCOUNT_KEY)).await;
    assert_eq!((other["data"]["revision"].as_i64(), other["data"]["document"].is_null()), (Some(0), true));
    assert_ne!(other["data"]["account"], "100234");
    let (status, _) = server.put_workspace(Some(OTHER_ACCOUNT_KEY), write(0, labels(&["Theirs"]))).await;
    assert_eq!(status, 200);
    assert_eq!(stored(&server).await, (1, labels(&["VIP"])), "untouched by the other account");

    // Unchanged since the revision the panel has: no document sent again.
    let (_, body) = server.get_as(&format!("{}?since=1", kiubi_wire::team::WORKSPACE_PATH), Some(DEMO_API_KEY)).await;
    assert_eq!((body["data"]["revision"].as_i64(), body["data"]["document"].is_null()), (Some(1), true));
}

#[tokio::test]
async fn a_write_on_an_old_revision_is_refused_and_changes_nothing() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    server.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["First"]))).await;
    let (status, body) = server.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["Second"]))).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (409, Some(code::STALE_REVISION)), "{body}");
    assert_eq!(stored(&server).await, (1, labels(&["First"])));
}

#[tokio::test]
async fn no_forged_or_expired_token_reads_or_writes() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    server.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["Kept"]))).await;
    // A session token, then its session ended on the API.
    let (_, issued) = server.post("/v1/auth/token.json", &[("login", "demo"), ("password", "demo-kiubi")]).await;
    let session = issued["data"]["token"].as_str().unwrap().to_owned();
    api.running.expire_sessions().await;
    let forged = "0123456789abcdef0123456789abcdef01234567";
    for (key, status, error) in [
        (None, 401, 4307),
        (Some("not-a-token"), 401, 4311),
        (Some(forged), 403, 4311),
        (Some(session.as_str()), 403, 4311),
    ] {
        let (read_status, body) = server.workspace(key).await;
        assert_eq!((read_status, body["error"]["code"].as_i64()), (status, Some(error)), "read with {key:?}: {body}");
        assert!(body["data"].is_null(), "{body}");
        let (write_status, body) = server.put_workspace(key, write(1, labels(&["Forged"]))).await;
        assert_eq!((write_status, body["error"]["code"].as_i64()), (status, Some(error)), "write with {key:?}");
    }
    assert_eq!(stored(&server).await, (1, labels(&["Kept"])));
}

#[tokio::test]
async fn oversized_or_malformed_bodies_are_refused_and_change_nothing() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    server.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["Kept"]))).await;
    let huge = write(1, json!({"organize": {"notes": {"a": {"text": "x".repeat(BODY_LIMIT)}}}}));
    let (status, body) = server.put_workspace(Some(DEMO_API_KEY), huge).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (413, Some(code::TOO_LARGE)), "{body}");
    let big_logo = format!("data:image/png;base64,{}", "A".repeat(300 * 1024));
    for malformed in [
        "not json".to_owned(),
        json!({"document": {}}).to_string(),
        write(1, json!(["labels"])),
        write(1, json!({"organize": {"labels": "VIP"}})),
        write(1, json!({"branding": {"logo": big_logo}})),
        write(-1, json!({})),
    ] {
        let (status, body) = server.put_workspace(Some(DEMO_API_KEY), malformed.clone()).await;
        let shown: String = malformed.chars().take(60).collect();
        assert_eq!((status, body["error"]["code"].as_i64()), (422, Some(code::MALFORMED_DOCUMENT)), "{shown}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(stored(&server).await, (1, labels(&["Kept"])));
}

#[tokio::test]
async fn a_token_s_requests_are_capped_per_minute() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = kiubi_server::Database::Sqlite(dir.path().join("s.sqlite"));
    let server =
        Server::start_with(kiubi_server::Config { requests_per_minute: 3, database, ..config(&api.url()) }).await;
    for _ in 0..3 {
        assert_eq!(server.workspace(Some(DEMO_API_KEY)).await.0, 200);
    }
    let (status, body) = server.workspace(Some(DEMO_API_KEY)).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (429, Some(code::TOO_MANY_REQUESTS)), "{body}");
    assert_eq!(server.workspace(Some(OTHER_ACCOUNT_KEY)).await.0, 200, "another token has its own quota");
}

#[tokio::test]
async fn the_workspace_outlives_a_restart() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = kiubi_server::Database::Sqlite(dir.path().join("kept.sqlite"));
    let first = Server::start_with(kiubi_server::Config { database: database.clone(), ..config(&api.url()) }).await;
    first.put_workspace(Some(DEMO_API_KEY), write(0, labels(&["Kept"]))).await;
    first.running.stop().await.unwrap();
    let second = Server::start_with(kiubi_server::Config { database, ..config(&api.url()) }).await;
    assert_eq!(stored(&second).await, (1, labels(&["Kept"])));
}

#[tokio::test]
async fn an_unreachable_api_is_a_502_and_nothing_is_read() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = Server::start(&format!("http://127.0.0.1:{port}")).await;
    let (status, body) = server.workspace(Some(DEMO_API_KEY)).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (502, Some(code::API_UNREACHABLE)), "{body}");
}
