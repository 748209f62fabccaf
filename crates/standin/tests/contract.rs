//! One contract test per endpoint: every key of the reference's output format, with its JSON type.
//! Shapes are copied from `api-dbo-v1.fr.txt`; `?` marks what the reference calls "Facultatif".

mod common;

use common::{assert_shape, TestServer};
use serde_json::{json, Value};

const SHOP: &str = "hotel-lyon";
const NO_SHOP: &str = "boulangerie-lyon";

async fn ok(server: &TestServer, path: &str) -> Value {
    let (status, body) = server.get(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    assert_eq!(body["meta"]["status_code"], 200);
    assert_eq!(body["meta"]["success"], true);
    assert!(body["meta"]["rate_remaining"].is_i64());
    body["data"].clone()
}

#[tokio::test]
async fn account() {
    let server = TestServer::start().await;
    let shape = json!({"account_number": "string", "account_type": "string", "account_level": "string", "creation_date": "string"});
    assert_shape(&ok(&server, "/v1/account.json").await, &shape, "account");
}

#[tokio::test]
async fn account_contact() {
    let server = TestServer::start().await;
    let shape = json!({
        "firstname": "string", "lastname": "string", "civility": "string", "function": "string", "phone": "string",
        "email": "string", "company_name": "string", "company_address": "string", "company_zipcode": "string",
        "company_city": "string", "company_country_id": "integer", "company_country": "string?",
        "company_forme": "string", "company_siret": "string", "company_capital": "string", "company_rcs": "string",
        "company_naf": "string", "company_tva": "string"
    });
    let contact = ok(&server, "/v1/account/contact.json").await;
    assert_shape(&contact, &shape, "contact");
    assert!(["Mr", "Mrs", "Miss"].contains(&contact["civility"].as_str().unwrap()));
}

#[tokio::test]
async fn backups() {
    let server = TestServer::start().await;
    let data = ok(&server, &format!("/v1/sites/{SHOP}/backups.json")).await;
    assert_shape(&data, &json!([{"id": "string", "creation_date": "string"}]), "backups");
}

#[tokio::test]
async fn logs() {
    let server = TestServer::start().await;
    let shape = json!([{
        "activity_id": "integer", "text": "string", "urn": "string", "type": "string", "user_name": "string",
        "user_profil": "string", "avatar_url": "string", "avatar_thumb_url": "string", "customer_id": "integer?",
        "creation_date": "string"
    }]);
    let data = ok(&server, &format!("/v1/sites/{SHOP}/logs.json")).await;
    assert_shape(&data, &shape, "logs");
    let types: std::collections::BTreeSet<&str> =
        data.as_array().unwrap().iter().map(|a| a["type"].as_str().unwrap()).collect();
    assert_eq!(types.into_iter().collect::<Vec<_>>(), ["checkout", "comment", "form", "login", "update"]);
    // A string on every item, empty where the activity names no resource (not `null`, not missing).
    let urns: Vec<&str> = data.as_array().unwrap().iter().map(|a| a["urn"].as_str().expect("a string urn")).collect();
    assert!(urns.contains(&""), "{urns:?}");
}

#[tokio::test]
async fn stats_with_and_without_a_shop() {
    let server = TestServer::start().await;
    let shape = json!({
        "forms": {"unread_responses": "integer"},
        "checkout": {
            "pending_orders": "integer", "pending_orders_amount": "integer", "pending_orders_amount_label": "string",
            "average_cart": "integer", "average_cart_label": "string", "monthly_transformation": "integer",
            "monthly_transformation_label": "string"
        },
        "catalog": {"stock_shortage_count": "integer", "refillable_count": "integer"}
    });
    assert_shape(&ok(&server, &format!("/v1/sites/{SHOP}/stats.json")).await, &shape, "stats");
    let without = ok(&server, &format!("/v1/sites/{NO_SHOP}/stats.json")).await;
    assert!(without.get("checkout").is_none() && without.get("catalog").is_none(), "{without}");
    assert_shape(&without, &json!({"forms": {"unread_responses": "integer"}}), "stats");
}

#[tokio::test]
async fn stats_live() {
    let server = TestServer::start().await;
    assert_shape(
        &ok(&server, &format!("/v1/sites/{SHOP}/stats/live.json")).await,
        &json!({"visitors": "integer"}),
        "live",
    );
}

#[tokio::test]
async fn stats_report() {
    let server = TestServer::start().await;
    let shape = json!({
        "start_date": "string", "end_date": "string", "visitors": "integer", "pageviews": "integer",
        "api_hits": "integer", "sales": "integer?", "sales_label": "string?",
        "days": [{"date": "string", "pageviews": "integer", "visitors": "integer", "api_hits": "integer", "sales": "integer?"}]
    });
    let data =
        ok(&server, &format!("/v1/sites/{SHOP}/stats/report.json?start_date=01/10/2026&end_date=31/10/2026")).await;
    assert_shape(&data, &shape, "report");
    assert_eq!((data["start_date"].as_str(), data["end_date"].as_str()), (Some("2026-10-01"), Some("2026-10-31")));
    let days = data["days"].as_array().unwrap();
    assert_eq!(days.len(), 31);
    let total: i64 = days.iter().map(|d| d["visitors"].as_i64().unwrap()).sum();
    assert_eq!(data["visitors"].as_i64(), Some(total));
    assert!(data["sales"].is_i64());
    let plain = ok(&server, &format!("/v1/sites/{NO_SHOP}/stats/report.json")).await;
    assert!(plain.get("sales").is_none() && plain["days"][0].get("sales").is_none());
    assert_eq!(plain["days"].as_array().unwrap().len(), 30, "default: the last 30 days");
}

#[tokio::test]
async fn stats_usage() {
    let server = TestServer::start().await;
    let quota = json!({"used": "integer", "free": "integer", "total": "integer"});
    let shape = json!({
        "space": {"medias": "integer", "datas": "integer", "ftp": "integer", "used": "integer", "free": "integer", "total": "integer"},
        "bandwidth": quota, "api_pfo": quota, "forms": quota, "products": quota, "users": quota
    });
    let data =
        ok(&server, &format!("/v1/sites/{SHOP}/stats/usage.json?extra_fields=bp,api_pfo,forms,products,users")).await;
    assert_shape(&data, &shape, "usage");
    let space = &data["space"];
    assert_eq!(
        space["used"].as_i64().unwrap(),
        ["medias", "datas", "ftp"].iter().map(|k| space[k].as_i64().unwrap()).sum::<i64>()
    );
    let bare = ok(&server, &format!("/v1/sites/{SHOP}/stats/usage.json")).await;
    assert_eq!(bare.as_object().unwrap().keys().collect::<Vec<_>>(), ["space"]);
}

#[tokio::test]
async fn plans() {
    let server = TestServer::start().await;
    let shape = json!([{"plan_id": "integer", "name": "string", "description": "string", "monthly_cost": "float", "monthly_cost_label": "string"}]);
    assert_shape(&ok(&server, "/v1/plans.json").await, &shape, "plans");
}

#[tokio::test]
async fn subscription() {
    let server = TestServer::start().await;
    let shape = json!({
        "plan_id": "integer", "plan_name": "string", "monthly_cost": "float", "balance": "integer",
        "is_trial": "boolean", "is_demo": "boolean", "is_free": "boolean", "has_options": "boolean",
        "closing_date": "string", "closing_date_f": "string", "endtrial_date": "string", "endtrial_date_f": "string"
    });
    assert_shape(&ok(&server, &format!("/v1/sites/{SHOP}/subscriptions.json")).await, &shape, "subscription");
}

#[tokio::test]
async fn subscription_options() {
    let server = TestServer::start().await;
    let shape = json!([{
        "code": "string", "name": "string", "quantity": "integer", "quantity_max": "integer",
        "quantity_remaining": "integer", "monthly_cost": "float", "monthly_cost_label": "string"
    }]);
    assert_shape(&ok(&server, &format!("/v1/sites/{SHOP}/subscriptions/options.json")).await, &shape, "options");
}

#[tokio::test]
async fn site_detail_with_every_extra_field() {
    let server = TestServer::start().await;
    let shape = json!({
        "code_site": "string", "name": "string",
        "plan": {
            "plan_id": "integer", "plan_name": "string", "balance": "integer?", "is_closed": "boolean", "is_trial": "boolean",
            "is_demo": "boolean", "is_free": "boolean", "closing_date": "string?", "endtrial_date": "string?"
        },
        "domain": "string", "backoffice": "string", "creation_date": "string",
        "scopes": "list", "features": "object", "account": {"account_type": "string", "account_level": "string"}
    });
    let data = ok(&server, &format!("/v1/sites/{SHOP}.json?extra_fields=scopes,features,account")).await;
    assert_shape(&data, &shape, "site");
    assert_eq!(data["features"]["checkout"], true);
    let bare = ok(&server, &format!("/v1/sites/{SHOP}.json")).await;
    assert!(bare.get("scopes").is_none() && bare.get("features").is_none() && bare.get("account").is_none());
}

#[tokio::test]
async fn countries_rate_and_auth_token() {
    let server = TestServer::start().await;
    let countries = ok(&server, "/v1/geo/countries.json").await;
    assert_shape(
        &countries,
        &json!([{"country_id": "integer", "name": "string", "code": "string", "group_id": "integer?", "group_name": "string?"}]),
        "countries",
    );
    assert!(ok(&server, "/v1/rate.json").await["rate_remaining"].is_i64());

    let (status, body) = server
        .send_form(reqwest::Method::POST, "/v1/auth/token.json", &[("login", "demo"), ("password", "demo-kiubi")])
        .await;
    assert_eq!(status, 200, "{body}");
    let user = json!({"user_id": "integer", "firstname": "string", "lastname": "string", "avatar": "string", "email": "string", "gender": "string", "is_admin": "boolean", "scopes": "list"});
    assert_shape(&body["data"], &json!({"token": "string", "token_media": "string", "user": user}), "auth");
    let token = body["data"]["token"].as_str().unwrap().to_owned();
    assert!(kiubi_wire::is_well_formed_token(&token));
    let (status, checked) = server.get_as(&format!("/v1/auth/token/{token}.json"), Some(&token)).await;
    assert_eq!((status, checked["data"]["token"].as_str()), (200, Some(token.as_str())));
    // The session token works on every endpoint, like an API key.
    assert_eq!(server.get_as("/v1/sites.json", Some(&token)).await.0, 200);
}

#[tokio::test]
async fn jobs() {
    let server = TestServer::start().await;
    let (status, body) = server.post(&format!("/v1/sites/{SHOP}/backups.json"), &[]).await;
    assert_eq!(status, 200);
    assert_shape(&body["data"], &json!({"job_id": "integer"}), "job start");
    let job_id = body["data"]["job_id"].as_i64().unwrap();
    let shape = json!({"job_id": "integer", "status": "string", "progression": "integer?", "step": "string?", "result": "string", "error": "string"});
    assert_shape(&ok(&server, &format!("/v1/sites/{SHOP}/jobs/{job_id}.json")).await, &shape, "job");
}
