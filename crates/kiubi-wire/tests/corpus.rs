//! A generated corpus of loosely typed replies, as a PHP back end may send them. Every reply type
//! starts from its output format in `api-dbo-v1.fr.txt`; then each value in turn, at every depth, is
//! reshaped in every way `kiubi_wire::lenient` names (number → string, → decimal, → null, key
//! removed, `{}` ↔ `[]`, list → `null` or keyed object, boolean → `0`/`1`, dates in other forms…).
//! Each variant must decode, except one that loses a reply's identity (`code_site`, `job_id`),
//! which must not. Then whole replies written in the PHP style, with what they must decode to.

use kiubi_wire::calendar::Day;
use kiubi_wire::lenient::List;
use kiubi_wire::models::*;
use kiubi_wire::{decode, Failure};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Keys without which a reply means nothing.
const IDENTITIES: [&str; 2] = ["code_site", "job_id"];

fn envelope(data: &Value) -> String {
    json!({"meta": {"success": true, "status_code": 200, "rate_remaining": 4999}, "data": data}).to_string()
}

/// Decoded: no item set apart.
fn decodes<T: DeserializeOwned>(data: &Value) -> Result<usize, Failure> {
    decode::<T>(&envelope(data)).map(|_| 0)
}

/// Decoded as a list: how many items were set apart as unreadable.
fn lists<T: DeserializeOwned>(data: &Value) -> Result<usize, Failure> {
    decode::<List<T>>(&envelope(data)).map(|reply| reply.data.unreadable.len())
}

/// A reply that loses an identity is refused, or, in a list, only that item is set apart.
type Check = fn(&Value) -> Result<usize, Failure>;

fn site() -> Value {
    json!({
        "code_site": "boutique-demo", "name": "Boutique démo", "domain": "https://boutique-demo.example",
        "backoffice": "boutique-demo.kiubi-admin.example", "creation_date": "2024-01-15 10:32:00",
        "plan": {"plan_id": 3, "plan_name": "Pro", "balance": 12, "is_closed": false, "is_trial": true,
                 "is_demo": false, "is_free": false, "closing_date": "2027-01-01", "endtrial_date": "2026-12-03"}
    })
}

/// Every reply type with an example of its `data`.
fn examples() -> Vec<(&'static str, Value, Check)> {
    let mut detail = site();
    detail["scopes"] = json!(["site:backup", "site:subscription"]);
    detail["features"] = json!({"catalog": true, "checkout": true});
    detail["account"] = json!({"account_type": "prestataire", "account_level": "expert"});
    let quota = json!({"used": 5, "free": 15, "total": 20});
    vec![
        ("sites", json!([site(), site()]), lists::<Site>),
        ("site", detail, decodes::<Site>),
        (
            "account",
            json!({"account_number": "100234", "account_type": "prestataire", "account_level": "expert",
                   "creation_date": "2016-03-14"}),
            decodes::<Account>,
        ),
        (
            "contact",
            json!({"firstname": "Camille", "lastname": "Martin", "civility": "Mrs", "function": "Gérante",
                   "phone": "04 72 00 00 00", "email": "c@exemple.fr", "company_name": "Agence",
                   "company_address": "12 rue", "company_zipcode": "69002", "company_city": "Lyon",
                   "company_country_id": 1, "company_country": "France", "company_forme": "SARL",
                   "company_siret": "123", "company_capital": "10 000 €", "company_rcs": "Lyon B",
                   "company_naf": "6201Z", "company_tva": "FR1"}),
            decodes::<Contact>,
        ),
        ("backups", json!([{"id": "20261127030000", "creation_date": "2026-11-27 03:00:00"}]), lists::<Backup>),
        ("job started", json!({"job_id": 42}), decodes::<JobStarted>),
        (
            "job",
            json!({"job_id": 42, "status": "working", "progression": 40, "step": "Copie", "result": "", "error": ""}),
            decodes::<Job>,
        ),
        (
            "logs",
            json!([{"activity_id": 7, "text": "Connexion", "urn": "/blog/posts/1", "type": "login",
                    "user_name": "Camille", "user_profil": "Administrateur", "avatar_url": "https://a/1.png",
                    "avatar_thumb_url": "https://a/1-t.png", "customer_id": 1001,
                    "creation_date": "2026-11-27 10:00:00"}]),
            lists::<Activity>,
        ),
        (
            "stats",
            json!({"forms": {"unread_responses": 3},
                   "checkout": {"pending_orders": 2, "pending_orders_amount": 120, "pending_orders_amount_label": "120,00 €",
                                "average_cart": 60, "average_cart_label": "60,00 €", "monthly_transformation": 2,
                                "monthly_transformation_label": "2 %"},
                   "catalog": {"stock_shortage_count": 1, "refillable_count": 4}}),
            decodes::<Stats>,
        ),
        ("live", json!({"visitors": 12}), decodes::<Live>),
        (
            "report",
            json!({"start_date": "2026-11-01", "end_date": "2026-11-02", "visitors": 30, "pageviews": 90,
                   "api_hits": 10, "sales": 500, "sales_label": "500,00 €",
                   "days": [{"date": "2026-11-01", "pageviews": 40, "visitors": 10, "api_hits": 4, "sales": 200},
                            {"date": "2026-11-02", "pageviews": 50, "visitors": 20, "api_hits": 6, "sales": 300}]}),
            decodes::<Report>,
        ),
        (
            "usage",
            json!({"space": {"medias": 1, "datas": 2, "ftp": 3, "used": 6, "free": 4, "total": 10},
                   "bandwidth": quota, "api_pfo": quota, "forms": quota, "products": quota, "users": quota}),
            decodes::<Usage>,
        ),
        (
            "plans",
            json!([{"plan_id": 2, "name": "Essentiel", "description": "…", "monthly_cost": 9.9,
                    "monthly_cost_label": "9,90 €"}]),
            lists::<Plan>,
        ),
        (
            "subscription",
            json!({"plan_id": 2, "plan_name": "Essentiel", "monthly_cost": 15.4, "balance": 3, "is_trial": false,
                   "is_demo": false, "is_free": false, "has_options": true, "closing_date": "2027-01-01",
                   "closing_date_f": "01/01/2027", "endtrial_date": "", "endtrial_date_f": ""}),
            decodes::<Subscription>,
        ),
        (
            "options",
            json!([{"code": "users", "name": "Utilisateurs", "quantity": 2, "quantity_max": 10,
                    "quantity_remaining": 8, "monthly_cost": 10.0, "monthly_cost_label": "10,00 €"}]),
            lists::<SubscriptionOption>,
        ),
        (
            "countries",
            json!([{"country_id": 1, "name": "France", "code": "FR", "group_id": 1, "group_name": "UE"}]),
            lists::<Country>,
        ),
        (
            "token",
            json!({"token": "ab", "token_media": "cd", "user": {"user_id": 1, "firstname": "C", "lastname": "M",
                   "avatar": "", "email": "c@m.fr", "gender": "F", "is_admin": true, "scopes": ["site:backup"]}}),
            decodes::<AuthToken>,
        ),
        (
            "token, as the panel reads it",
            json!({"token": "ab", "token_media": "cd", "user": {"user_id": 1, "scopes": {"0": "site:backup"}}}),
            decodes::<IssuedToken>,
        ),
        ("a write's output", json!({"firstname": "Camille"}), decodes::<IgnoredAny>),
    ]
}

/// Where a value sits: the keys and indexes from `data` down to it.
type Path = Vec<Value>;

fn paths(value: &Value, at: &mut Path, found: &mut Vec<Path>) {
    found.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(Value::String(key.clone()));
                paths(child, at, found);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(json!(i));
                paths(child, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(value: &'a Value, path: &[Value]) -> &'a Value {
    path.iter().fold(value, |v, step| match step {
        Value::String(key) => &v[key.as_str()],
        step => &v[step.as_u64().unwrap() as usize],
    })
}

/// `data` with the value at `path` replaced, or removed when `None` (a key left out).
fn reshaped(data: &Value, path: &[Value], variant: &Option<Value>) -> Value {
    let mut data = data.clone();
    let Some((last, parent_path)) = path.split_last() else {
        return variant.clone().unwrap_or(Value::Null);
    };
    let mut parent = &mut data;
    for step in parent_path {
        parent = match step {
            Value::String(key) => &mut parent[key.as_str()],
            step => &mut parent[step.as_u64().unwrap() as usize],
        };
    }
    match (last, variant) {
        (Value::String(key), None) => {
            parent.as_object_mut().unwrap().remove(key);
        }
        (Value::String(key), Some(v)) => parent[key.as_str()] = v.clone(),
        (index, None) => {
            parent.as_array_mut().unwrap().remove(index.as_u64().unwrap() as usize);
        }
        (index, Some(v)) => parent[index.as_u64().unwrap() as usize] = v.clone(),
    }
    data
}

/// `YYYY-MM-DD[ …]` as `DD/MM/YYYY[ …]`.
fn french_date(text: &str) -> Option<String> {
    let (day, rest) = text.split_once(' ').unwrap_or((text, ""));
    let parts: Vec<&str> = day.split('-').collect();
    let is_date = parts.len() == 3 && [4, 2, 2] == [parts[0].len(), parts[1].len(), parts[2].len()];
    let rest = if rest.is_empty() { String::new() } else { format!(" {rest}") };
    is_date.then(|| format!("{}/{}/{}{rest}", parts[2], parts[1], parts[0]))
}

/// Every way a PHP back end may send `value` instead; `None` leaves the key out.
fn variants(value: &Value) -> Vec<Option<Value>> {
    let mut out = vec![None, Some(Value::Null), Some(json!("")), Some(json!(false))];
    match value {
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            let french = format!("{:.2}", f + 0.75).replace('.', ",");
            out.extend(
                [json!(n.to_string()), json!(f + 0.25), json!(format!("{:.2}", f + 0.5)), json!(french)].map(Some),
            );
        }
        Value::Bool(b) => {
            let (digit, word) = if *b { (1, "true") } else { (0, "false") };
            out.extend([json!(digit), json!(digit.to_string()), json!(word)].map(Some));
        }
        Value::String(s) => {
            out.push(Some(json!(42)));
            if let Ok(n) = s.parse::<f64>() {
                out.push(Some(json!(n)));
            }
            if let Some(french) = french_date(s) {
                out.extend([json!(french), json!("0000-00-00"), json!("0000-00-00 00:00:00")].map(Some));
            }
        }
        Value::Object(_) => out.extend([json!([]), json!({})].map(Some)),
        Value::Array(items) => {
            let keyed: Map<String, Value> =
                items.iter().enumerate().map(|(i, item)| ((i * 10 + 1).to_string(), item.clone())).collect();
            out.extend([json!([]), json!({}), Value::Object(keyed)].map(Some));
        }
        Value::Null => {}
    }
    out
}

/// Nothing to go on: absent, `null`, `""`, `false`, `[]` or `{}`.
fn is_absent(variant: &Option<Value>) -> bool {
    match variant {
        None | Some(Value::Null) | Some(Value::Bool(false)) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(Value::Object(map)) => map.is_empty(),
        _ => false,
    }
}

/// Whether reshaping the value at `path` into `variant` loses an identity: the identity itself made
/// absent, or the object holding it made empty.
fn loses_identity(data: &Value, path: &[Value], variant: &Option<Value>) -> bool {
    if !is_absent(variant) || path.is_empty() && !data.is_object() {
        return false;
    }
    let named = path.last().and_then(Value::as_str).is_some_and(|key| IDENTITIES.contains(&key));
    let holder = node(data, path).as_object().is_some_and(|map| IDENTITIES.iter().any(|id| map.contains_key(*id)));
    // A list item left out, or made `null`, `false` or `""`, is no item: nothing is lost.
    let dropped_item = path.last().is_some_and(Value::is_u64)
        && matches!(variant, None | Some(Value::Null) | Some(Value::Bool(false)))
        || path.last().is_some_and(Value::is_u64) && variant.as_ref().is_some_and(|v| v == "");
    named || (holder && !dropped_item)
}

/// Every number and boolean written as a string, as PHP back ends often send them all.
fn stringly(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(if *b { "1".into() } else { "0".into() }),
        Value::Array(items) => Value::Array(items.iter().map(stringly).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), stringly(v))).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_value_of_every_reply_in_every_php_shape() {
    let (mut tried, mut refused) = (0usize, 0usize);
    let mut wrong = Vec::new();
    let examples = examples();
    for (name, example, check) in &examples {
        // As written in the reference, then with every scalar a string: each value reshaped in turn.
        for data in [example.clone(), stringly(example)] {
            assert!(check(&data).is_ok(), "{name}: the example itself, {data}");
            let mut found = Vec::new();
            paths(&data, &mut Vec::new(), &mut found);
            for path in &found {
                for variant in variants(node(&data, path)) {
                    let must_fail = loses_identity(&data, path, &variant);
                    let outcome = check(&reshaped(&data, path, &variant));
                    tried += 1;
                    refused += usize::from(must_fail);
                    let refused_or_set_apart = !matches!(outcome, Ok(0));
                    if refused_or_set_apart != must_fail {
                        wrong.push(format!("{name} {path:?} = {variant:?}: {outcome:?}"));
                    }
                }
            }
        }
    }
    println!(
        "corpus: {tried} variants of {} reply types; {refused} lose an identity: refused, or set apart in a list",
        examples.len()
    );
    assert!(tried > 2_000, "a corpus of thousands: {tried}");
    assert!(wrong.is_empty(), "{} wrong of {tried}:\n{}", wrong.len(), wrong.join("\n"));
}

/// The envelope around a list page, each `meta` value reshaped in turn: still a success with its items.
#[test]
fn every_value_of_the_envelope_in_every_php_shape() {
    let meta = json!({"success": true, "status_code": 200, "rate_remaining": 4999, "current_page": 1,
        "items_count": 53, "link": {"first_page": "/v1/sites.json?page=0", "previous_page": "/v1/sites.json?page=0",
        "next_page": "/v1/sites.json?page=2", "last_page": "/v1/sites.json?page=2"}});
    let mut found = Vec::new();
    paths(&meta, &mut Vec::new(), &mut found);
    let mut tried = 0;
    for path in found.iter().filter(|p| !p.is_empty()) {
        let key = path[0].as_str().unwrap();
        for variant in variants(node(&meta, path)) {
            // Without a success and a status of 200, a reply is a failure: those two keep a true value.
            let number =
                variant.as_ref().and_then(|v| v.as_f64().or_else(|| v.as_str()?.replace(',', ".").parse().ok()));
            let not_200 = key == "status_code" && number.is_some_and(|status: f64| status.round() != 200.0);
            let says_failure = matches!(key, "success" | "status_code") && is_absent(&variant) || not_200;
            let body = json!({"meta": reshaped(&meta, path, &variant), "data": [site()], "error": []}).to_string();
            let outcome = decode::<List<Site>>(&body);
            tried += 1;
            match outcome {
                Ok(reply) => {
                    assert!(!says_failure, "{path:?} = {variant:?} is not a success");
                    assert_eq!(reply.data.items.len(), 1);
                }
                Err(failure) => assert!(says_failure, "{path:?} = {variant:?}: {failure:?}"),
            }
        }
    }
    println!("envelope: {tried} variants");
}

/// Whole replies as a PHP back end writes them.
#[test]
fn whole_php_style_replies() {
    let stats = r#"{"meta":{"success":"1","status_code":"200","rate_remaining":"4999"},"error":[],
        "data":{"forms":[],"catalog":null,"checkout":{"pending_orders":"3","pending_orders_amount":"1250.50",
        "pending_orders_amount_label":"1 250,50 €","average_cart":45.37,"average_cart_label":"45,37 €",
        "monthly_transformation":"2,5","monthly_transformation_label":"2,5 %"}}}"#;
    let stats = decode::<Stats>(stats).unwrap().data;
    let checkout = stats.checkout.unwrap();
    assert_eq!(
        (checkout.pending_orders, checkout.pending_orders_amount, checkout.average_cart),
        (Some(3), Some(1250.5), Some(45.37))
    );
    assert_eq!((checkout.monthly_transformation, stats.forms, stats.catalog), (Some(2.5), None, None));

    let contact = r#"{"meta":{"success":true,"status_code":200},"error":null,"data":{"firstname":"Camille",
        "lastname":null,"civility":"Mrs","company_country_id":null,"company_country":false,"phone":12345}}"#;
    let contact = decode::<Contact>(contact).unwrap().data;
    assert_eq!((contact.lastname.as_str(), contact.company_country_id, contact.company_country), ("", 0, None));
    assert_eq!((contact.phone.as_str(), contact.email.as_str()), ("12345", ""));

    let report = r#"{"meta":{"success":true,"status_code":200},"data":{"start_date":"01/11/2026",
        "end_date":"02/11/2026","visitors":"30","pageviews":"90","api_hits":"10","sales":"500.40",
        "days":{"2026-11-02":{"date":"02/11/2026","visitors":"20","pageviews":"50","api_hits":"6","sales":"300.20"},
                "2026-11-01":{"date":"2026-11-01","visits":"10","hits":"40","api_pfo":4,"sales":200.2}}}}"#;
    let report = decode::<Report>(report).unwrap().data;
    assert_eq!((report.start_date.map(Day::to_iso).as_deref(), report.sales), (Some("2026-11-01"), Some(500.4)));
    let days: Vec<(String, Option<i64>, Option<f64>)> =
        report.days.iter().map(|d| (d.date.unwrap().to_iso(), d.visitors, d.sales)).collect();
    assert_eq!(days, [("2026-11-01".into(), Some(10), Some(200.2)), ("2026-11-02".into(), Some(20), Some(300.2))]);

    let subscription = r#"{"meta":{"success":true,"status_code":200},"data":{"plan_id":"2","plan_name":"Essentiel",
        "monthly_cost":"15,40","balance":null,"is_trial":"0","is_demo":"","is_free":0,"has_options":"1",
        "closing_date":"0000-00-00","endtrial_date":false}}"#;
    let subscription = decode::<Subscription>(subscription).unwrap().data;
    assert_eq!((subscription.monthly_cost, subscription.balance, subscription.has_options), (15.4, None, true));
    assert_eq!((subscription.closing_date, subscription.endtrial_date), (None, None), "no date, not a made-up one");

    let empty_list = r#"{"meta":{"success":true,"status_code":200,"link":false},"data":null}"#;
    assert!(decode::<List<Site>>(empty_list).unwrap().data.items.is_empty());
    // One site that cannot be read spoils only itself, named by its code.
    let one_bad = r#"{"meta":{"success":true,"status_code":200},"data":[
        {"code_site":"a","name":"A","plan":[]},{"code_site":"b","name":{"oops":1}},{"code_site":"c"}]}"#;
    let list = decode::<List<Site>>(one_bad).unwrap().data;
    assert_eq!(list.items.iter().map(|s| s.code_site.as_str()).collect::<Vec<_>>(), ["a", "c"]);
    assert_eq!(list.unreadable[0].id.as_deref(), Some("b"));
    for written in ["true", "null", "1234", r#"{"firstname":"Camille"}"#] {
        let body = format!(r#"{{"meta":{{"success":true,"status_code":200}},"data":{written}}}"#);
        assert!(decode::<IgnoredAny>(&body).is_ok(), "{written}");
    }
}

/// A reply's decoding and writing again, as one function.
type RoundTrip = fn(&Value) -> Value;

/// A figure reply decoded, then written again as the models write it.
fn round_trip<T: DeserializeOwned + Serialize>(data: &Value) -> Value {
    serde_json::to_value(decode::<T>(&envelope(data)).unwrap().data).unwrap()
}

/// Every figure of the statistics' replies (every number, at any depth) sent as `null`, `""` or no
/// key at all is unknown once decoded, never 0; sent as `"0"`, it is a zero.
#[test]
fn an_unknown_figure_stays_unknown_and_only_a_real_zero_is_zero() {
    let readers: [(&str, RoundTrip); 4] = [
        ("stats", round_trip::<Stats>),
        ("live", round_trip::<Live>),
        ("report", round_trip::<Report>),
        ("usage", round_trip::<Usage>),
    ];
    let mut tried = 0;
    for (name, read) in readers {
        let (_, data, _) = examples().into_iter().find(|(n, _, _)| *n == name).unwrap();
        let mut found = Vec::new();
        paths(&data, &mut Vec::new(), &mut found);
        for path in found.iter().filter(|path| node(&data, path).is_number()) {
            for blank in [Some(Value::Null), Some(json!("")), None] {
                let decoded = read(&reshaped(&data, path, &blank));
                assert!(node(&decoded, path).is_null(), "{name} {path:?} as {blank:?}: {}", node(&decoded, path));
                tried += 1;
            }
            let zero = read(&reshaped(&data, path, &Some(json!("0"))));
            assert_eq!(node(&zero, path).as_f64(), Some(0.0), "{name} {path:?} as \"0\"");
        }
    }
    println!("{tried} unknown figures");
}
