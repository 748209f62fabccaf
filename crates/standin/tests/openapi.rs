//! The published OpenAPI document describes exactly what is routed.

mod common;

use common::TestServer;
use kiubi_standin::DEMO_API_KEY;
use reqwest::Method;

#[tokio::test]
async fn every_documented_operation_is_served() {
    let server = TestServer::start().await;
    let response = server.http.get(server.url("/v1/openapi.json")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200, "public, without a key");
    let doc: serde_json::Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.")), Some(true));

    let (_, job) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    let job_id = job["data"]["job_id"].as_i64().unwrap().to_string();
    let (_, backups) = server.get("/v1/sites/hotel-lyon/backups.json").await;
    let date = backups["data"][0]["id"].as_str().unwrap().to_owned();

    let mut operations: Vec<(Method, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let concrete = path
                .replace("{code_site}", "hotel-lyon")
                .replace("{token}", DEMO_API_KEY)
                .replace("{date}", &date)
                .replace("{job_id}", &job_id);
            operations.push((method.to_uppercase().parse().unwrap(), format!("{concrete}.json")));
        }
    }
    assert_eq!(operations.len(), 23);
    // Deletions last: they remove the site the others use.
    operations.sort_by_key(|(method, _)| *method == Method::DELETE);
    for (method, path) in operations {
        let (status, body) = server.send_form(method.clone(), &path, &[]).await;
        assert!(status == 200 || (status == 400 && body["error"]["code"] == 4001), "{method} {path}: {status} {body}");
    }
}

/// The repository keeps the description the project works from: the document served, exported.
#[test]
fn docs_holds_the_document_served() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/api-openapi.json");
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == kiubi_standin::openapi::pretty(),
        "docs/api-openapi.json is not the document served: run \
         `cargo run -q -p kiubi-standin -- --openapi > docs/api-openapi.json`"
    );
}
