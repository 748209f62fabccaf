//! Signing in through the panel's server (`kiubi-server` in front of the stand-in, as an agency runs
//! it): the page never holds the Kiubi token, only a proof that works with a cookie it cannot read,
//! and signing out ends the session on the server.

use kiubi_e2e::{dist_dir, wait_until, Harness, DEMO_API_KEY};
use kiubi_server::session::{hash_of, COOKIE};
use std::time::Duration;

/// `kiubi-server` serving the panel and forwarding to the harness's stand-in; the harness's pages
/// are opened on it from now on.
async fn server_in_front(h: &mut Harness) -> (kiubi_server::Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let config = kiubi_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        dist: Some(dist_dir()),
        upstream: h.base_url.clone(),
        database: kiubi_server::Database::Sqlite(dir.path().join("server.sqlite")),
        ..kiubi_server::Config::default()
    };
    let running = kiubi_server::start(config).await.expect("the server starts");
    h.base_url = format!("http://{}", running.addr);
    (running, dir)
}

/// What the page's scripts can reach: both storages' values and `document.cookie`.
async fn in_reach(h: &Harness) -> (Vec<String>, String) {
    h.script(
        "const values = s => Object.keys(s).map(k => s.getItem(k));
         return [values(localStorage).concat(values(sessionStorage)), document.cookie];",
    )
    .await
}

/// The status of `GET /v1/account.json` at `origin` with `token` and no cookie.
async fn status_with(origin: &str, token: &str) -> u16 {
    let request = reqwest::Client::new().get(format!("{origin}/v1/account.json"));
    request.header("Authorization", format!("token {token}")).send().await.unwrap().status().as_u16()
}

/// The session cookie as the browser keeps it (the driver reads what the page cannot): its value.
async fn session_cookie(h: &Harness) -> String {
    let cookie = h.browser.get_named_cookie(COOKIE).await.expect("the session's cookie");
    assert_eq!(cookie.http_only(), Some(true), "out of the page's scripts' reach");
    assert_eq!(cookie.secure(), Some(true));
    assert_eq!(cookie.same_site().map(|s| s.to_string()).as_deref(), Some("Strict"));
    cookie.value().to_owned()
}

#[tokio::test]
async fn through_the_server_the_page_never_holds_the_token() {
    let mut h = Harness::start().await;
    let standin = h.base_url.clone();
    let (server, _dir) = server_in_front(&mut h).await;

    for way in ["login", "key"] {
        match way {
            "login" => h.sign_in_with_login_to_sites().await,
            _ => h.sign_in_to_sites().await,
        }
        let cookie = session_cookie(&h).await;
        let (values, cookies) = in_reach(&h).await;
        assert_eq!(cookies, "", "{way}: no cookie a script can read");
        assert!(values.iter().all(|v| !v.contains(DEMO_API_KEY)), "{way}: {values:?}");
        // What the page keeps in a token's place opens nothing on the API, nor on the server alone.
        let proofs: Vec<&String> = values.iter().filter(|v| kiubi_wire::is_well_formed_token(v)).collect();
        assert_eq!(proofs.len(), 1, "{way}: the session's proof, for this tab: {values:?}");
        assert_ne!(status_with(&standin, proofs[0]).await, 200, "{way}: the API does not take the proof");
        assert_ne!(status_with(&h.base_url, proofs[0]).await, 200, "{way}: nor the server, without the cookie");

        // The pages work through it, the team's workspace too.
        h.open("/account").await;
        h.wait_for_text("#organize-sharing", "Shared with your team").await.unwrap();

        // Signing out ends the session on the server, for every instance.
        h.click(".topbar button.sign-out").await;
        h.text_of("#api-key").await;
        wait_until(&format!("{way}: the session ended on the server"), Duration::from_secs(10), async || {
            server.team.store.session(&hash_of(&cookie)).await.unwrap().is_none()
        })
        .await;
    }

    // A session the server ended (its limits, another instance's sign-out): the next request says
    // so, and the panel asks to sign in again.
    h.sign_in_with_login_to_sites().await;
    let cookie = session_cookie(&h).await;
    server.team.store.end_session(&hash_of(&cookie)).await.unwrap();
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    h.close().await;
}
