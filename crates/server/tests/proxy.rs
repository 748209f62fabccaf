//! The server forwards `/v1/*` to the API (here a stand-in, or a hand-made upstream), untouched
//! but for what must not cross.

mod common;

use common::{config, Api, Server, DEMO_API_KEY};
use kiubi_server::Timeouts;

async fn proxy_to(upstream: &str) -> Server {
    Server::start(upstream).await
}

#[tokio::test]
async fn reads_and_writes_pass_through_with_their_headers() {
    let upstream = Api::start().await;
    let proxy = proxy_to(&upstream.url()).await;

    let (direct_status, direct) = upstream.get("/v1/sites.json?term=lyon&sort=relevance").await;
    let (status, through) = proxy.get("/v1/sites.json?term=lyon&sort=relevance").await;
    assert_eq!((status, direct_status), (200, 200));
    assert_eq!(through["data"], direct["data"]);
    assert_eq!(through["meta"]["items_count"], direct["meta"]["items_count"]);

    // A write as the official clients send it (POST + method=PUT), then read back upstream.
    let (status, _) = proxy.post("/v1/account/contact.json", &[("method", "PUT"), ("function", "Gérante")]).await;
    assert_eq!(status, 200);
    assert_eq!(upstream.get("/v1/account/contact.json").await.1["data"]["function"], "Gérante");

    // The API's refusals come back as they are.
    let (status, body) = proxy.get_as("/v1/account.json", Some(&"0".repeat(40))).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4311)));
    let (status, body) = proxy.get_as("/v1/account.json", Some(DEMO_API_KEY)).await;
    assert_eq!((status, body["data"]["account_number"].is_string()), (200, true));
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_in_the_envelope() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let proxy = proxy_to(&format!("http://127.0.0.1:{port}")).await;
    let (status, body) = proxy.get("/v1/sites.json").await;
    assert_eq!(
        (status, body["meta"]["status_code"].as_i64(), body["error"]["code"].as_i64()),
        (502, Some(502), Some(5007))
    );
}

/// Sends `GET path` as written (no client normalizes it) and returns the status and body.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: token {DEMO_API_KEY}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.unwrap();
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = reply.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// An upstream of one exchange: it keeps the request's head and answers `reply`, bytes as given
/// (a reply cut short included), then closes.
async fn one_reply_upstream(reply: &'static str) -> (String, tokio::task::JoinHandle<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap() == 1 {
            head.push(byte[0]);
        }
        stream.write_all(reply.as_bytes()).await.unwrap();
        stream.shutdown().await.unwrap();
        String::from_utf8(head).unwrap().to_ascii_lowercase()
    });
    (url, task)
}

#[tokio::test]
async fn only_v1_paths_reach_the_upstream() {
    // The upstream serves a panel at its root: a path that left /v1 there would read it.
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "upstream root").unwrap();
    std::fs::write(dist.path().join("config.json"), "{\"upstream\": true}").unwrap();
    let upstream =
        Api::start_with(kiubi_standin::Config { dist: Some(dist.path().into()), ..kiubi_standin::Config::default() })
            .await;
    // What a URL parser makes of `/v1/../index.html`, as the proxy used to send it.
    let (status, body) = raw_get(upstream.running.addr, "/index.html").await;
    assert_eq!((status, body.contains("upstream root")), (200, true), "{body}");

    let proxy = proxy_to(&upstream.url()).await;
    for path in [
        "/v1/../index.html",
        "/v1/%2e%2e/config.json",
        "/v1/.%2E/config.json",
        "/v1/sites/..%2f..%2fconfig.json",
        "/v1/%2e%2e%5cconfig.json",
        "/v1/%252e%252e/config.json",
        "/v1/sites/..\\..\\config.json",
    ] {
        let (status, body) = raw_get(proxy.running.addr, path).await;
        let envelope: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!((status, envelope["meta"]["status_code"].as_i64()), (400, Some(400)), "{path}: {body}");
        assert!(!body.contains("upstream"), "{path}: {body}");
    }
    let (status, body) = raw_get(proxy.running.addr, "/v1/sites.json?limit=1").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn headers_go_up_by_allow_list_and_cookies_stay_out() {
    let (url, upstream) = one_reply_upstream(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: tracker=1\r\n\
         Connection: close, x-hop\r\nX-Hop: internal\r\nX-Powered-By: PHP/7.1\r\nServer: Apache\r\n\
         Access-Control-Allow-Credentials: true\r\nCache-Control: public, max-age=600\r\nContent-Length: 2\r\n\r\n{}",
    )
    .await;
    let proxy = proxy_to(&url).await;
    let reply = proxy
        .http
        .get(proxy.url("/v1/account.json"))
        .header("Authorization", format!("token {DEMO_API_KEY}"))
        .header("Accept-Language", "fr")
        .header("X-API", "Kiubi API PHP Client v2.0")
        .header("Cookie", "panel_session=secret")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("Connection", "x-caller-hop")
        .header("X-Caller-Hop", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let headers = reply.headers();
    for dropped in ["set-cookie", "x-hop", "x-powered-by", "access-control-allow-credentials"] {
        assert!(headers.get(dropped).is_none(), "{dropped}: {headers:?}");
    }
    assert_ne!(headers.get("server").map(|v| v.to_str().unwrap()), Some("Apache"), "the upstream's name");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(
        (headers["cache-control"].to_str().unwrap(), headers["x-content-type-options"].to_str().unwrap()),
        ("no-store", "nosniff")
    );
    let head = upstream.await.unwrap();
    for sent in [
        format!("authorization: token {DEMO_API_KEY}"),
        "accept-language: fr".to_owned(),
        "x-api: kiubi api php client v2.0".to_owned(),
    ] {
        assert!(head.contains(&sent.to_ascii_lowercase()), "{sent} missing in {head}");
    }
    for kept_back in ["cookie", "secret", "x-forwarded-for", "x-caller-hop"] {
        assert!(!head.contains(kept_back), "{kept_back} went up: {head}");
    }
}

#[tokio::test]
async fn every_reply_of_the_api_and_the_workspace_is_nosniff_and_no_store_and_the_panel_s_has_its_policies() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let dist = common::panel_dist(dir.path());
    let database = kiubi_server::Database::Sqlite(dir.path().join("s.sqlite"));
    for behind_https in [false, true] {
        let config = kiubi_server::Config {
            dist: Some(dist.clone()),
            database: database.clone(),
            behind_https,
            ..config(&api.url())
        };
        let server = Server::start_with(config).await;
        for (path, token) in [
            ("/v1/account.json", true),
            ("/v1/sites/..%3b/x", true),
            ("/team/v1/workspace", true),
            ("/team/v1/workspace", false),
        ] {
            let mut request = server.http.get(server.url(path));
            if token {
                request = request.header("Authorization", format!("token {DEMO_API_KEY}"));
            }
            let reply = request.send().await.unwrap();
            let headers = reply.headers();
            assert_eq!(headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
            assert_eq!(headers.get("x-content-type-options").map(|v| v.to_str().unwrap()), Some("nosniff"), "{path}");
            assert_eq!(headers.contains_key("strict-transport-security"), behind_https, "{path}");
        }
        let page = server.http.get(server.url("/sites")).send().await.unwrap();
        let headers = page.headers();
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
        assert!(headers["permissions-policy"].to_str().unwrap().contains("camera=()"));
        assert_eq!(headers.contains_key("strict-transport-security"), behind_https);
        server.running.stop().await.unwrap();
    }
}

#[tokio::test]
async fn a_slow_upstream_is_a_504_and_a_reply_cut_short_a_502() {
    let slow = Api::start_with(kiubi_standin::Config { latency_ms: 3_000, ..kiubi_standin::Config::default() }).await;
    let timeouts = Timeouts { total: std::time::Duration::from_millis(300), ..Timeouts::default() };
    let dir = tempfile::tempdir().unwrap();
    let database = kiubi_server::Database::Sqlite(dir.path().join("server.sqlite"));
    let proxy =
        Server::start_with(kiubi_server::Config { upstream_timeouts: timeouts, database, ..config(&slow.url()) }).await;
    let (status, body) = proxy.get("/v1/account.json").await;
    assert_eq!(
        (status, body["meta"]["status_code"].as_i64(), body["error"]["code"].as_i64()),
        (504, Some(504), Some(5007))
    );

    let (url, upstream) = one_reply_upstream(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"meta\":{\"success\":true",
    )
    .await;
    let proxy = proxy_to(&url).await;
    let (status, body) = proxy.get("/v1/account.json").await;
    assert_eq!(
        (status, body["meta"]["status_code"].as_i64(), body["error"]["code"].as_i64()),
        (502, Some(502), Some(5007))
    );
    upstream.await.unwrap();
}

#[tokio::test]
async fn a_client_slow_to_send_a_request_s_head_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let api = Api::start().await;
    let server = Server::start(&api.url()).await;
    let mut stream = tokio::net::TcpStream::connect(server.running.addr).await.unwrap();
    // A head that never ends, as a slow client holding connections sends it.
    stream
        .write_all(format!("GET /v1/account.json HTTP/1.1\r\nAuthorization: token {DEMO_API_KEY}\r\n").as_bytes())
        .await
        .unwrap();
    let mut answer = Vec::new();
    let bound = kiubi_server::HEADER_READ_TIMEOUT * 3;
    let closed = tokio::time::timeout(bound, stream.read_to_end(&mut answer)).await;
    assert!(closed.is_ok(), "the connection is closed by the server");
    assert!(!String::from_utf8_lossy(&answer).contains("account_number"), "nothing answered");
}
