//! Every output format of `api-dbo-v1.fr.txt`, written as the API would send it, decoded into its
//! type through the envelope; then the same with numbers and booleans as strings and optional parts left out.

use kiubi_wire::models::*;
use kiubi_wire::{decode, Reply};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// `data` sent in a success envelope, decoded as `T`.
fn reply<T: DeserializeOwned>(data: Value) -> T {
    let body = json!({"meta": {"success": true, "status_code": 200, "rate_remaining": 4999}, "data": data});
    let decoded: Reply<T> = decode::<T>(&body.to_string()).unwrap_or_else(|e| panic!("{e:?} for {data}"));
    decoded.data
}

/// Every number and boolean of `value`, recursively, written as a string, as PHP back ends often do;
/// a `false` that stands for an absent date stays `false`.
fn stringly(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(if *b { "1".into() } else { "0".into() }),
        Value::Array(items) => Value::Array(items.iter().map(stringly).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    (k.clone(), if k.ends_with("_date") && v == &Value::Bool(false) { v.clone() } else { stringly(v) })
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Decodes `data` as written and with its scalars as strings; both must give the same value.
fn both_ways<T: DeserializeOwned + PartialEq + std::fmt::Debug>(data: Value) -> T {
    let typed = reply::<T>(data.clone());
    assert_eq!(reply::<T>(stringly(&data)), typed, "strings decode like numbers for {data}");
    typed
}

#[test]
fn account() {
    let a: Account = both_ways(
        json!({"account_number": "100234", "account_type": "prestataire", "account_level": "expert", "creation_date": "2016-03-14"}),
    );
    assert_eq!(a.account_level, "expert");
}

#[test]
fn contact() {
    let mut data = json!({
        "firstname": "Camille", "lastname": "Martin", "civility": "Mrs", "function": "Gérante", "phone": "04 72 00 00 00",
        "email": "c@exemple.fr", "company_name": "Agence", "company_address": "12 rue", "company_zipcode": "69002",
        "company_city": "Lyon", "company_country_id": 1, "company_country": "France", "company_forme": "SARL",
        "company_siret": "123", "company_capital": "10 000 €", "company_rcs": "Lyon B", "company_naf": "6201Z", "company_tva": "FR1"
    });
    let c: Contact = both_ways(data.clone());
    assert_eq!((c.company_country_id, c.company_country.as_deref()), (1, Some("France")));
    data.as_object_mut().unwrap().remove("company_country");
    assert_eq!(reply::<Contact>(data).company_country, None, "Facultatif");
}

#[test]
fn backups_and_jobs() {
    let list: Vec<Backup> = both_ways(json!([{"id": "20261127030000", "creation_date": "2026-11-27 03:00:00"}]));
    assert_eq!(list[0].id, "20261127030000");
    assert_eq!(both_ways::<JobStarted>(json!({"job_id": 42})).job_id, 42);
    let job: Job = both_ways(
        json!({"job_id": 42, "status": "working", "progression": 40, "step": "Copie", "result": "", "error": ""}),
    );
    assert_eq!((job.status.as_str(), job.progression), ("working", Some(40)));
    let bare: Job = reply(json!({"job_id": 42, "status": "todo"}));
    assert_eq!((bare.progression, bare.step, bare.error.as_str()), (None, None, ""));
}

#[test]
fn logs() {
    let data = json!([{
        "activity_id": 7, "text": "Connexion", "urn": "/blog/posts/1", "type": "login", "user_name": "Camille",
        "user_profil": "Administrateur", "avatar_url": "https://a/1.png", "avatar_thumb_url": "https://a/1-t.png",
        "customer_id": 1001, "creation_date": "2026-11-27 10:00:00", "ip": "192.0.2.1"
    }]);
    let items: Vec<Activity> = both_ways(data);
    assert_eq!((items[0].activity_type.as_str(), items[0].customer_id), ("login", Some(1001)));
    let without: Vec<Activity> = reply(json!([{
        "activity_id": 8, "text": "t", "type": "update", "user_name": "u", "user_profil": "p", "avatar_url": "",
        "avatar_thumb_url": "", "creation_date": "2026-11-27 10:00:00"
    }]));
    assert_eq!((without[0].urn.as_deref(), without[0].customer_id), (None, None));
}

#[test]
fn stats_with_and_without_optional_sections() {
    let full: Stats = both_ways(json!({
        "forms": {"unread_responses": 3},
        "checkout": {"pending_orders": 2, "pending_orders_amount": 120, "pending_orders_amount_label": "120,00 €",
            "average_cart": 60, "average_cart_label": "60,00 €", "monthly_transformation": 2, "monthly_transformation_label": "2 %"},
        "catalog": {"stock_shortage_count": 1, "refillable_count": 4}
    }));
    assert_eq!(full.checkout.unwrap().pending_orders, Some(2));
    let forms_only: Stats = reply(json!({"forms": {"unread_responses": 0}}));
    assert!(forms_only.checkout.is_none() && forms_only.catalog.is_none());
    assert_eq!(both_ways::<Live>(json!({"visitors": 12})).visitors, Some(12));
}

#[test]
fn report() {
    let data = json!({
        "start_date": "2026-11-01", "end_date": "2026-11-02", "visitors": 30, "pageviews": 90, "api_hits": 10,
        "sales": 500, "sales_label": "500,00 €",
        "days": [{"date": "2026-11-01", "pageviews": 40, "visitors": 10, "api_hits": 4, "sales": 200},
                 {"date": "2026-11-02", "pageviews": 50, "visitors": 20, "api_hits": 6, "sales": 300}]
    });
    let r: Report = both_ways(data);
    assert_eq!((r.days.len(), r.sales, r.days[1].visitors), (2, Some(500.0), Some(20)));
    let no_shop: Report =
        reply(json!({"start_date": "a", "end_date": "b", "visitors": 1, "pageviews": 1, "api_hits": 0,
        "days": [{"date": "a", "pageviews": 1, "visitors": 1, "api_hits": 0}]}));
    assert_eq!((no_shop.sales, no_shop.sales_label, no_shop.days[0].sales), (None, None, None));
}

#[test]
fn usage() {
    let quota = json!({"used": 5, "free": 15, "total": 20});
    let u: Usage = both_ways(json!({
        "space": {"medias": 1, "datas": 2, "ftp": 3, "used": 6, "free": 4, "total": 10},
        "bandwidth": quota, "api_pfo": quota, "forms": quota, "products": quota, "users": quota
    }));
    assert_eq!((u.space.used, u.users.unwrap().total), (Some(6), Some(20)));
    let bare: Usage = reply(json!({"space": {"medias": 1, "datas": 2, "ftp": 3, "used": 6, "free": 4, "total": 10}}));
    assert!(bare.bandwidth.is_none() && bare.products.is_none());
}

#[test]
fn plans_subscription_and_options() {
    let plans: Vec<Plan> = both_ways(
        json!([{"plan_id": 2, "name": "Essentiel", "description": "…", "monthly_cost": 9.9, "monthly_cost_label": "9,90 €"}]),
    );
    assert_eq!(plans[0].monthly_cost, 9.9);
    let s: Subscription = both_ways(json!({
        "plan_id": 2, "plan_name": "Essentiel", "monthly_cost": 15.4, "balance": 3, "is_trial": false, "is_demo": false,
        "is_free": false, "has_options": true, "closing_date": "2027-01-01", "closing_date_f": "01/01/2027",
        "endtrial_date": "", "endtrial_date_f": ""
    }));
    assert!(s.has_options && !s.is_trial);
    let options: Vec<SubscriptionOption> = both_ways(json!([{"code": "users", "name": "Utilisateurs", "quantity": 2,
        "quantity_max": 10, "quantity_remaining": 8, "monthly_cost": 10.0, "monthly_cost_label": "10,00 €"}]));
    assert_eq!(options[0].quantity_remaining, 8);
}

#[test]
fn sites_countries_and_auth() {
    let site = json!({
        "code_site": "a", "name": "A", "domain": "https://a.example", "backoffice": "a.kiubi-admin.example",
        "creation_date": "2024-01-01 10:00:00",
        "plan": {"plan_id": 2, "plan_name": "Essentiel", "balance": 3, "is_closed": false, "is_trial": false,
            "is_demo": false, "is_free": false, "closing_date": "2027-01-01", "endtrial_date": false}
    });
    let sites: Vec<Site> = both_ways(json!([site]));
    assert_eq!(sites[0].plan.endtrial_date, None);
    let countries: Vec<Country> =
        both_ways(json!([{"country_id": 1, "name": "France", "code": "FR", "group_id": 1, "group_name": "UE"}]));
    assert_eq!(countries[0].code, "FR");
    let token: AuthToken = reply(json!({"token": "ab", "token_media": "cd", "user": {"user_id": 1, "firstname": "C",
        "lastname": "M", "avatar": "", "email": "c@m.fr", "gender": "F", "is_admin": "1", "scopes": ["site:backup"]}}));
    assert!(token.user.is_admin);
}
