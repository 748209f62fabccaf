// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

//! A stand-in on a free loopback port with a temporary database, and a small client for it.

use std::future::Future;
use std::time::Duration;

use kiubi_standin::{Config, Running, DEMO_API_KEY};
use serde_json::Value;

/// Waits until `check` answers a value, looking every 25 ms, for 10 s at most; that value.
pub async fn wait_until<T, F: Future<Output = Option<T>>>(what: &str, mut check: impl FnMut() -> F) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

pub struct TestServer {
    pub running: Running,
    pub http: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(Config::default()).await
    }

    /// A server with `config`, on a free port and a new temporary database.
    pub async fn start_with(config: Config) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let config =
            Config { listen: "127.0.0.1:0".parse().unwrap(), db_path: dir.path().join("standin.sqlite"), ..config };
        TestServer { _dir: Some(dir), ..TestServer::start_in(config).await }
    }

    /// A server with exactly `config` (its database path included).
    pub async fn start_in(config: Config) -> TestServer {
        let running = kiubi_standin::start(config).await.unwrap();
        TestServer { running, http: reqwest::Client::new(), _dir: None }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.running.addr)
    }

    /// GET with the demo key: HTTP status and decoded body.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.get_as(path, Some(DEMO_API_KEY)).await
    }

    pub async fn get_as(&self, path: &str, key: Option<&str>) -> (u16, Value) {
        let mut request = self.http.get(self.url(path));
        if let Some(key) = key {
            request = request.header("Authorization", format!("token {key}"));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
}

/// A valid site creation form (`code_site` "nouveau-site").
pub const NEW_SITE: [(&str, &str); 12] = [
    ("plan_id", "2"),
    ("code_site", "nouveau-site"),
    ("site_name", "Nouveau site"),
    ("contact_firstname", "Jeanne"),
    ("contact_lastname", "Durand"),
    ("contact_civility", "Mrs"),
    ("contact_email", "jeanne@exemple.fr"),
    ("contact_address", "1 place Bellecour"),
    ("contact_zipcode", "69002"),
    ("contact_city", "Lyon"),
    ("contact_country_id", "1"),
    ("contact_phone", "04 72 00 00 00"),
];

/// The codes of the sites of a list reply.
pub fn codes(body: &Value) -> Vec<String> {
    body["data"].as_array().unwrap().iter().map(|s| s["code_site"].as_str().unwrap().to_owned()).collect()
}

impl TestServer {
    /// Sends `method` with a url-encoded form body and the demo key.
    pub async fn send_form(&self, method: reqwest::Method, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let body = kiubi_wire::encoding::form_urlencode(form);
        let response = self
            .http
            .request(method, self.url(path))
            .header("Authorization", format!("token {DEMO_API_KEY}"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    /// POST with a form, as the official clients send writes (`method=PUT|DELETE` inside for those).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        self.send_form(reqwest::Method::POST, path, form).await
    }

    /// The job's state, once it ended.
    pub async fn wait_job(&self, code_site: &str, job_id: i64) -> Value {
        let path = format!("/v1/sites/{code_site}/jobs/{job_id}.json");
        wait_until(&format!("the end of job {job_id}"), || async {
            let (status, body) = self.get(&path).await;
            assert_eq!(status, 200, "{body}");
            matches!(body["data"]["status"].as_str(), Some("done" | "halt")).then(|| body["data"].clone())
        })
        .await
    }
}

/// Checks `value` against a shape written like the reference's output formats: `"string"`,
/// `"integer"`, `"float"`, `"boolean"`, a `?` suffix for optional ("Facultatif") keys, nested objects,
/// and `[shape]` for arrays. Every key of the shape must be there (unless optional) with its type.
pub fn assert_shape(value: &Value, shape: &Value, path: &str) {
    match shape {
        Value::String(kind) => {
            let (kind, optional) = match kind.strip_suffix('?') {
                Some(k) => (k, true),
                None => (kind.as_str(), false),
            };
            if optional && value.is_null() {
                return;
            }
            let ok = match kind {
                "string" => value.is_string(),
                "integer" => value.is_i64() || value.is_u64(),
                "float" => value.is_number(),
                "boolean" => value.is_boolean(),
                "object" => value.is_object(),
                "list" => value.is_array(),
                _ => panic!("unknown kind {kind}"),
            };
            assert!(ok, "{path}: expected {kind}, got {value}");
        }
        Value::Object(fields) => {
            assert!(value.is_object(), "{path}: expected an object, got {value}");
            for (key, sub) in fields {
                // `"key?": {…}` is an optional section; `"key": "type?"` an optional value.
                let optional = key.ends_with('?') || sub.as_str().is_some_and(|kind| kind.ends_with('?'));
                let key = key.trim_end_matches('?');
                match value.get(key) {
                    None | Some(Value::Null) if optional => {}
                    None => panic!("{path}.{key} is missing in {value}"),
                    Some(v) => assert_shape(v, sub, &format!("{path}.{key}")),
                }
            }
        }
        Value::Array(items) => {
            let items_value = value.as_array().unwrap_or_else(|| panic!("{path}: expected an array, got {value}"));
            assert!(!items_value.is_empty(), "{path}: expected items to check");
            for (i, item) in items_value.iter().enumerate() {
                assert_shape(item, &items[0], &format!("{path}[{i}]"));
            }
        }
        _ => panic!("bad shape at {path}"),
    }
}
