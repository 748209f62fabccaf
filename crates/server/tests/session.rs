//! Signing in through the server, in front of a stand-in of the API: the browser gets a cookie it
//! cannot read and a proof, never the token; neither works alone, nor from another site; a session
//! ends when idle, when too old, at sign-out, and when the server's key changes.

mod common;

use common::{config, Api, Server, DEMO_API_KEY};
use kiubi_server::session::{hash_of, COOKIE};
use kiubi_server::{Config, Database, SessionKey, SessionLimits};
use kiubi_standin::seed::{DEMO_LOGIN, DEMO_PASSWORD};
use kiubi_wire::error_code;
use kiubi_wire::team::{SESSION_END_PATH, SESSION_PATH, WORKSPACE_PATH};
use serde_json::Value;

/// A browser's session: the cookie's value and the proof.
struct Signed {
    cookie: String,
    proof: String,
}

/// Signs in with `form`: the status, the body, and the session when one was given.
async fn sign_in(server: &Server, form: &[(&str, &str)]) -> (u16, Value, Option<Signed>) {
    let response = server.http.post(server.url(SESSION_PATH)).form(form).send().await.unwrap();
    let status = response.status().as_u16();
    let set_cookie = response.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
    let body: Value = response.json().await.unwrap();
    let signed = set_cookie.map(|set| {
        let cookie = set.split(';').next().unwrap().strip_prefix(&format!("{COOKIE}=")).unwrap().to_owned();
        Signed { cookie, proof: body["data"]["token"].as_str().unwrap_or_default().to_owned() }
    });
    (status, body, signed)
}

/// GET `path` with the cookie, the proof as a token, and more headers: status, `Set-Cookie`, body.
async fn get(
    server: &Server,
    path: &str,
    cookie: Option<&str>,
    proof: Option<&str>,
    more: &[(&str, &str)],
) -> (u16, Option<String>, Value) {
    let mut request = server.http.get(server.url(path));
    if let Some(cookie) = cookie {
        request = request.header("Cookie", format!("other=1; {COOKIE}={cookie}"));
    }
    if let Some(proof) = proof {
        request = request.header("Authorization", format!("token {proof}"));
    }
    for (name, value) in more {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let set_cookie = response.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
    (status, set_cookie, response.json().await.unwrap_or_default())
}

async fn account_of(server: &Server, signed: &Signed) -> (u16, Option<String>, Value) {
    get(server, "/v1/account.json", Some(&signed.cookie), Some(&signed.proof), &[("Sec-Fetch-Site", "same-origin")])
        .await
}

/// Runs `sql` on the server's SQLite database, outside the server.
fn raw(server: &Server, sql: &str) {
    let path = server.dir.as_ref().unwrap().path().join("server.sqlite");
    rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

#[tokio::test]
async fn a_sign_in_gives_a_cookie_and_a_proof_never_the_token() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let response = server
        .http
        .post(server.url(SESSION_PATH))
        .form(&[("login", DEMO_LOGIN), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    for flag in ["; Path=/;", "; Max-Age=2592000;", "; HttpOnly;", "; Secure;", "; SameSite=Strict"] {
        assert!(set_cookie.contains(flag), "{flag} in {set_cookie}");
    }
    assert_eq!(response.headers()["cache-control"], "no-store");

    let (status, body, signed) = sign_in(&server, &[("login", DEMO_LOGIN), ("password", DEMO_PASSWORD)]).await;
    let signed = signed.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(kiubi_wire::is_well_formed_token(&signed.proof), "a token's form, for the panel: {body}");
    let (status, _, account) = account_of(&server, &signed).await;
    assert_eq!((status, account["data"]["account_number"].as_str()), (200, Some("100234")), "{account}");

    // The proof alone is no token of the API's; the cookie without the proof, or sent from another
    // site, adds nothing to a request.
    let (status, _, _) = get(&server, "/v1/account.json", None, Some(&signed.proof), &[]).await;
    assert_eq!(status, 403, "the proof without the cookie");
    let (status, _, body) = get(&server, "/v1/account.json", Some(&signed.cookie), None, &[]).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(error_code::ACCESS_AUTH_NEEDED)), "{body}");
    let cross_site = [("Sec-Fetch-Site", "cross-site")];
    let (status, _, _) = get(&server, "/v1/account.json", Some(&signed.cookie), Some(&signed.proof), &cross_site).await;
    assert_eq!(status, 403, "from another site");
    let other = "ab".repeat(20);
    let (status, _, _) = get(&server, "/v1/account.json", Some(&signed.cookie), Some(&other), &[]).await;
    assert_eq!(status, 403, "another proof");
    // A token of its own (an embedding host's, in the same browser) goes on as it came.
    let (status, _, _) = get(&server, "/v1/account.json", Some(&signed.cookie), Some(DEMO_API_KEY), &[]).await;
    assert_eq!(status, 200, "the cookie ignored");

    // The team's workspace knows the session's account.
    let (status, _, body) = get(&server, WORKSPACE_PATH, Some(&signed.cookie), Some(&signed.proof), &[]).await;
    assert_eq!((status, body["data"]["account"].as_str()), (200, Some("100234")), "{body}");
}

#[tokio::test]
async fn an_api_key_is_kept_sealed_never_in_clear() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let (status, body, signed) = sign_in(&server, &[("api_key", &DEMO_API_KEY.to_uppercase())]).await;
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = account_of(&server, &signed.unwrap()).await;
    assert_eq!(status, 200);
    let path = server.dir.as_ref().unwrap().path().join("server.sqlite");
    let mut bytes = std::fs::read(&path).unwrap();
    for wal in ["server.sqlite-wal", "server.sqlite-journal"] {
        bytes.extend(std::fs::read(path.with_file_name(wal)).unwrap_or_default());
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("sessions") && !text.contains(DEMO_API_KEY), "no token in clear in the database");
}

#[tokio::test]
async fn wrong_credentials_make_no_session() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let (status, body, signed) = sign_in(&server, &[("login", DEMO_LOGIN), ("password", "wrong")]).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"].as_i64(), Some(error_code::ACCESS_IDENTIFICATION_FAILED), "the API's word");
    assert!(signed.is_none());
    let (status, _, signed) = sign_in(&server, &[("api_key", &"0".repeat(40))]).await;
    assert!(status >= 400 && signed.is_none(), "a key the API does not know");
    let (status, _, signed) = sign_in(&server, &[("login", DEMO_LOGIN)]).await;
    assert!(status == 400 && signed.is_none(), "no password");
    // Not a form: refused in the envelope, which the panel reads as the server's word.
    let response = server.http.post(server.url(SESSION_PATH)).body("{}").send().await.unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]["code"].is_i64(), "{body}");
}

#[tokio::test]
async fn a_session_ends_when_idle_too_old_or_signed_out() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let limits = SessionLimits::default();
    let form = [("login", DEMO_LOGIN), ("password", DEMO_PASSWORD)];
    // The proof of an ended session is no token: the API refuses it, as the panel's auth hook expects.
    let ended = |(status, set_cookie, body): (u16, Option<String>, Value)| {
        assert_eq!(status, 403, "{body}");
        assert!(error_code::is_auth_failure(body["error"]["code"].as_i64().unwrap()), "{body}");
        assert!(set_cookie.unwrap().contains("Max-Age=0"), "the browser drops the cookie");
    };

    let idle = sign_in(&server, &form).await.2.unwrap();
    let last_seen = now - limits.idle.as_secs() as i64 - 1;
    raw(&server, &format!("UPDATE sessions SET seen_at = {last_seen} WHERE id_hash = '{}'", hash_of(&idle.cookie)));
    ended(account_of(&server, &idle).await);

    let old = sign_in(&server, &form).await.2.unwrap();
    let signed_in_at = now - limits.max_age.as_secs() as i64 - 1;
    let sql = format!("UPDATE sessions SET created_at = {signed_in_at} WHERE id_hash = '{}'", hash_of(&old.cookie));
    raw(&server, &sql);
    ended(account_of(&server, &old).await);

    let out = sign_in(&server, &form).await.2.unwrap();
    assert_eq!(account_of(&server, &out).await.0, 200);
    let sign_out = |cookie: &str, proof: &str| {
        let request = server.http.post(server.url(SESSION_END_PATH)).header("Cookie", format!("{COOKIE}={cookie}"));
        request.header("Sec-Fetch-Site", "same-origin").body(proof.to_owned()).send()
    };
    let response = sign_out(&out.cookie, &"ab".repeat(20)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(account_of(&server, &out).await.0, 200, "not ended by a request without its proof");
    let response = sign_out(&out.cookie, &out.proof).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    ended(account_of(&server, &out).await);
    let running = server.running.team.store.session(&hash_of(&out.cookie)).await.unwrap();
    assert!(running.is_none(), "gone from the store, for every instance");
}

#[tokio::test]
async fn a_new_key_ends_the_sessions_sealed_with_the_old_one() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = Database::Sqlite(dir.path().join("server.sqlite"));
    let with_key =
        |key: SessionKey| Config { database: database.clone(), session_key: Some(key), ..config(&api.url()) };
    let first = Server::start_with(with_key(SessionKey::random())).await;
    let signed = sign_in(&first, &[("api_key", DEMO_API_KEY)]).await.2.unwrap();
    assert_eq!(account_of(&first, &signed).await.0, 200);
    first.running.stop().await.unwrap();
    let second = Server::start_with(with_key(SessionKey::random())).await;
    assert_eq!(account_of(&second, &signed).await.0, 403, "the proof is no token");
}

#[tokio::test]
async fn the_key_is_kept_beside_a_sqlite_database_and_required_with_postgresql() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let key_file = server.dir.as_ref().unwrap().path().join("server.session-key");
    let text = std::fs::read_to_string(&key_file).unwrap();
    assert!(SessionKey::from_hex(&text).is_ok(), "made at the first start");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let postgres = Config { database: Database::Postgres("postgres://127.0.0.1:1/none".into()), ..config(&api.url()) };
    let refused = kiubi_server::start(postgres).await.err().unwrap().to_string();
    assert!(refused.contains("session key"), "{refused}");
}

#[tokio::test]
async fn sign_ins_are_counted_per_login_or_key_and_per_address() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let mut statuses = Vec::new();
    for _ in 0..21 {
        statuses.push(sign_in(&server, &[("api_key", DEMO_API_KEY)]).await.0);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 20, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&429));
    let (status, body, _) = sign_in(&server, &[("login", DEMO_LOGIN), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(status, 200, "another credential from the same address: {body}");
    // Behind a proxy every user has one address: it gets ten times more, then it is refused too.
    for n in 22..200 {
        let key = format!("{n:040x}");
        assert_ne!(sign_in(&server, &[("api_key", &key)]).await.0, 429, "{n}");
    }
    let (status, _, signed) = sign_in(&server, &[("login", DEMO_LOGIN), ("password", DEMO_PASSWORD)]).await;
    assert!(status == 429 && signed.is_none(), "{status}");
}

#[tokio::test]
async fn a_write_from_another_site_is_refused_and_changes_nothing() {
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let signed = sign_in(&server, &[("api_key", DEMO_API_KEY)]).await.2.unwrap();
    let body = r#"{"base_revision":0,"document":{"organize":{"labels":[{"name":"Forged"}]}}}"#;
    let put = |proof: Option<&str>, site: &str| {
        let mut request = server.http.put(server.url(WORKSPACE_PATH)).body(body);
        request = request.header("Cookie", format!("{COOKIE}={}", signed.cookie)).header("Sec-Fetch-Site", site);
        if let Some(proof) = proof {
            request = request.header("Authorization", format!("token {proof}"));
        }
        request.header("Content-Type", "application/json").send()
    };
    // A form or a script of another site: the browser sends the cookie (were it not Strict) but
    // cannot know the proof, and says where the request comes from.
    for (proof, site) in [(None, "cross-site"), (None, "same-origin"), (Some(signed.proof.as_str()), "same-site")] {
        let status = put(proof, site).await.unwrap().status().as_u16();
        assert!(status == 401 || status == 403, "{site}, proof: {}: {status}", proof.is_some());
    }
    let (_, _, stored) = get(&server, WORKSPACE_PATH, Some(&signed.cookie), Some(&signed.proof), &[]).await;
    assert_eq!(stored["data"]["revision"], 0, "nothing written: {stored}");
    assert_eq!(put(Some(&signed.proof), "same-origin").await.unwrap().status(), 200, "the panel's own write");
}
