//! `GET /v1/sites.json` over HTTP: the envelope, auth, paging, filters and sorts.

mod common;

use common::{codes, TestServer};
use kiubi_standin::seed::OTHER_ACCOUNT_KEY;
use serde_json::Value;

fn assert_kind(value: &Value, kind: &str, what: &str) {
    let ok = match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "string-or-absent" => value.is_string() || value.is_null(),
        "integer-or-absent" => value.is_i64() || value.is_null(),
        _ => unreachable!(),
    };
    assert!(ok, "{what} should be {kind}, is {value}");
}

#[tokio::test]
async fn list_has_every_key_of_the_reference_with_its_type() {
    let server = TestServer::start().await;
    let (status, body) = server.get("/v1/sites.json").await;
    assert_eq!(status, 200);
    assert_eq!(body["meta"]["success"], true);
    assert_eq!(body["meta"]["status_code"], 200);
    assert_kind(&body["meta"]["rate_remaining"], "integer", "meta.rate_remaining");
    assert_eq!(body["meta"]["current_page"], 0);
    assert_eq!(body["meta"]["items_count"], 52);
    assert!(body.get("error").is_none());
    let sites = body["data"].as_array().unwrap();
    assert_eq!(sites.len(), 20, "default limit");
    for site in sites {
        for key in ["code_site", "name", "domain", "backoffice", "creation_date"] {
            assert_kind(&site[key], "string", key);
        }
        let plan = &site["plan"];
        assert_kind(plan, "object", "plan");
        assert_kind(&plan["plan_id"], "integer", "plan.plan_id");
        assert_kind(&plan["plan_name"], "string", "plan.plan_name");
        assert_kind(&plan["balance"], "integer-or-absent", "plan.balance");
        for key in ["is_closed", "is_trial", "is_demo", "is_free"] {
            assert_kind(&plan[key], "boolean", key);
        }
        assert_kind(&plan["closing_date"], "string-or-absent", "plan.closing_date");
        assert_kind(&plan["endtrial_date"], "string-or-absent", "plan.endtrial_date");
    }
}

#[tokio::test]
async fn paging_links_and_counts_across_pages() {
    let server = TestServer::start().await;
    let mut seen = Vec::new();
    let mut next = Some("/v1/sites.json?limit=20".to_owned());
    while let Some(path) = next {
        let (_, body) = server.get(&path).await;
        seen.extend(codes(&body));
        next = body["meta"]["link"]["next_page"].as_str().map(str::to_owned);
        assert_eq!(body["meta"]["link"]["first_page"], "/v1/sites.json?limit=20");
        assert_eq!(body["meta"]["link"]["last_page"], "/v1/sites.json?limit=20&page=2");
    }
    assert_eq!(seen.len(), 52);
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), 52, "no site twice across pages");
    let (_, last) = server.get("/v1/sites.json?page=2").await;
    assert_eq!(last["meta"]["link"]["next_page"], false);
    assert_eq!(last["meta"]["link"]["previous_page"], "/v1/sites.json?limit=20&page=1");
    assert_eq!(codes(&last).len(), 12);
}

#[tokio::test]
async fn paths_without_json_and_limit_capped_at_twenty() {
    let server = TestServer::start().await;
    let (status, body) = server.get("/v1/sites?limit=500").await;
    assert_eq!(status, 200);
    assert_eq!(codes(&body).len(), 20);
    assert_eq!(server.get("/v1/sites?limit=3").await.1["data"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn auth_failures_are_403_with_their_codes() {
    let server = TestServer::start().await;
    let (status, body) = server.get_as("/v1/sites.json", None).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4307)));
    assert_eq!(body["meta"]["status_code"], 403);
    assert_eq!(body["meta"]["success"], false);
    let (status, body) = server.get_as("/v1/sites.json", Some(&"0".repeat(40))).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4311)));
    let (status, body) = server.get_as("/v1/sites.json", Some("short")).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4311)));
    // Bearer is not the scheme the API uses.
    let response = server
        .http
        .get(server.url("/v1/sites.json"))
        .header("Authorization", format!("Bearer {}", kiubi_standin::DEMO_API_KEY))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn each_account_sees_only_its_sites() {
    let server = TestServer::start().await;
    let (_, body) = server.get_as("/v1/sites.json", Some(OTHER_ACCOUNT_KEY)).await;
    assert_eq!(codes(&body), vec!["voisin-prive"]);
    let (_, body) = server.get("/v1/sites.json?term=voisin").await;
    assert_eq!(body["meta"]["items_count"], 0);
}

#[tokio::test]
async fn term_filters_and_relevance_puts_the_best_match_first() {
    let server = TestServer::start().await;
    let (_, body) = server.get("/v1/sites.json?term=LYON&sort=relevance").await;
    assert_eq!(body["meta"]["items_count"], 13);
    assert!(codes(&body).iter().all(|c| c.contains("lyon")));
    let (_, body) = server.get("/v1/sites.json?term=cabinet-lyon&sort=relevance").await;
    assert_eq!(codes(&body)[0], "cabinet-lyon");
    // LIKE wildcards in the term are literal.
    assert_eq!(server.get("/v1/sites.json?term=%25").await.1["meta"]["items_count"], 0);
}

#[tokio::test]
async fn type_filters_match_plan_states() {
    let server = TestServer::start().await;
    for (site_type, key, expected) in [
        ("trial", "is_trial", true),
        ("closed", "is_closed", true),
        ("demo", "is_demo", true),
        ("free", "is_free", true),
    ] {
        let (_, body) = server.get(&format!("/v1/sites.json?type={site_type}")).await;
        let sites = body["data"].as_array().unwrap();
        assert!(!sites.is_empty(), "seed has {site_type} sites");
        assert!(sites.iter().all(|s| s["plan"][key] == expected), "{site_type}");
    }
    let (_, open) = server.get("/v1/sites.json?type=open").await;
    let (_, closed) = server.get("/v1/sites.json?type=closed").await;
    assert_eq!(open["meta"]["items_count"].as_i64().unwrap() + closed["meta"]["items_count"].as_i64().unwrap(), 52);
    let (_, soon) = server.get("/v1/sites.json?type=closing_soon").await;
    assert!(soon["data"].as_array().unwrap().iter().all(|s| s["plan"]["closing_date"].is_string()));
}

#[tokio::test]
async fn every_sort_order_orders_the_list() {
    let server = TestServer::start().await;
    let sorted = |body: &Value, key: &dyn Fn(&Value) -> String, descending: bool| {
        let values: Vec<String> = body["data"].as_array().unwrap().iter().map(key).collect();
        let mut expected = values.clone();
        expected.sort();
        if descending {
            expected.reverse();
        }
        values == expected
    };
    let code = |s: &Value| s["code_site"].as_str().unwrap().to_owned();
    let created = |s: &Value| s["creation_date"].as_str().unwrap().to_owned();
    let closing = |s: &Value| s["plan"]["closing_date"].as_str().unwrap_or("~").to_owned();
    assert!(sorted(&server.get("/v1/sites.json").await.1, &code, false));
    assert!(sorted(&server.get("/v1/sites.json?sort=code_site").await.1, &code, false));
    assert!(sorted(&server.get("/v1/sites.json?sort=-code_site").await.1, &code, true));
    assert!(sorted(&server.get("/v1/sites.json?sort=creation_date").await.1, &created, false));
    assert!(sorted(&server.get("/v1/sites.json?sort=-creation_date").await.1, &created, true));
    assert!(sorted(&server.get("/v1/sites.json?sort=closing_date").await.1, &closing, false));
    let (_, desc) = server.get("/v1/sites.json?sort=-closing_date&type=open").await;
    let dates: Vec<String> = desc["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["plan"]["closing_date"].as_str().map(str::to_owned))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(server.get("/v1/sites.json?sort=relevance").await.1["meta"]["items_count"], 52);
}

#[tokio::test]
async fn bad_parameters_are_4002_on_their_field() {
    let server = TestServer::start().await;
    for (query, field) in
        [("limit=abc", "limit"), ("limit=0", "limit"), ("page=-1", "page"), ("type=vip", "type"), ("sort=name", "sort")]
    {
        let (status, body) = server.get(&format!("/v1/sites.json?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], 4002, "{query}");
        assert_eq!(body["error"]["fields"][0]["field"], field, "{query}");
        assert!(body["meta"]["rate_remaining"].is_i64());
    }
    let (status, body) = server.get("/v1/sites.json?term=%FF%FE").await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(4012)));
}

#[tokio::test]
async fn unknown_api_paths_are_4401_in_the_envelope() {
    let server = TestServer::start().await;
    let (status, body) = server.get("/v1/nothing-here.json").await;
    assert_eq!((status, body["error"]["code"].as_i64()), (404, Some(4401)));
}

#[tokio::test]
async fn rate_quota_counts_down_then_refuses_with_4300() {
    let server = TestServer::start_with(kiubi_standin::Config { rate_quota: 2, ..Default::default() }).await;
    assert_eq!(server.get("/v1/sites.json").await.1["meta"]["rate_remaining"], 1);
    assert_eq!(server.get("/v1/sites.json").await.1["meta"]["rate_remaining"], 0);
    let (status, body) = server.get("/v1/sites.json").await;
    assert_eq!((status, body["error"]["code"].as_i64()), (429, Some(4300)));
}

#[tokio::test]
async fn cors_preflight_allows_the_authorization_header_from_any_origin() {
    let server = TestServer::start().await;
    let response = server
        .http
        .request(reqwest::Method::OPTIONS, server.url("/v1/sites.json"))
        .header("Origin", "http://panel.localhost:3000")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers["access-control-allow-headers"].to_str().unwrap().contains("authorization"));
}

#[tokio::test]
async fn data_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = || kiubi_standin::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("db.sqlite"),
        seed_sites: 30,
        ..Default::default()
    };
    let first = kiubi_standin::start(config()).await.unwrap();
    first.stop().await.unwrap();
    // A second start with another seed size keeps the existing data.
    let second = kiubi_standin::start(kiubi_standin::Config { seed_sites: 5, ..config() }).await.unwrap();
    let body: Value = reqwest::Client::new()
        .get(format!("http://{}/v1/sites.json", second.addr))
        .header("Authorization", format!("token {}", kiubi_standin::DEMO_API_KEY))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["meta"]["items_count"], 30);
    second.stop().await.unwrap();
}
