//! Proxy mode: a second stand-in forwards `/v1/*` to the first, untouched.

mod common;

use common::TestServer;
use kiubi_standin::{Config, DEMO_API_KEY};

async fn proxy_to(upstream: &str) -> TestServer {
    TestServer::start_with(Config { upstream: Some(upstream.to_owned()), ..Config::default() }).await
}

#[tokio::test]
async fn reads_and_writes_pass_through_with_their_headers() {
    let upstream = TestServer::start().await;
    let proxy = proxy_to(&upstream.url("")).await;

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
