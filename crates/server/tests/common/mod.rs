// Each test binary compiles this module and uses a part of it.
#![allow(dead_code, unused_imports)]

//! A server on a free loopback port with a temporary SQLite database, in front of a stand-in of the
//! API (or any upstream), and a small client for both.

use std::path::PathBuf;

use kiubi_server::{Config, Database, Running};
use serde_json::Value;

/// The demo account's key, and the second account's (one site).
pub use kiubi_standin::seed::OTHER_ACCOUNT_KEY;
pub use kiubi_standin::DEMO_API_KEY;

/// A stand-in of the API on a free port, with its database in a temporary folder.
pub struct Api {
    pub running: kiubi_standin::Running,
    _dir: tempfile::TempDir,
}

impl Api {
    pub async fn start() -> Api {
        Api::start_with(kiubi_standin::Config::default()).await
    }

    pub async fn start_with(config: kiubi_standin::Config) -> Api {
        let dir = tempfile::tempdir().unwrap();
        let config = kiubi_standin::Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            db_path: dir.path().join("standin.sqlite"),
            seed_sites: 3,
            ..config
        };
        Api { running: kiubi_standin::start(config).await.unwrap(), _dir: dir }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.running.addr)
    }

    /// GET straight from the API with the demo key: HTTP status and decoded body.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let request = reqwest::Client::new().get(format!("{}{path}", self.url()));
        let response = request.header("Authorization", format!("token {DEMO_API_KEY}")).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
}

pub struct Server {
    pub running: Running,
    pub http: reqwest::Client,
    /// Where its SQLite database is, when it has one of its own.
    pub dir: Option<tempfile::TempDir>,
}

impl Server {
    /// A server forwarding to `upstream`, its workspaces in a new SQLite file.
    pub async fn start(upstream: &str) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let database = Database::Sqlite(dir.path().join("server.sqlite"));
        Server { dir: Some(dir), ..Server::start_with(Config { database, ..config(upstream) }).await }
    }

    pub async fn start_with(config: Config) -> Server {
        let running = kiubi_server::start(config).await.expect("the server starts");
        Server { running, http: reqwest::Client::new(), dir: None }
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

    /// A url-encoded form, as the official clients send it, with the demo key.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let body = kiubi_wire::encoding::form_urlencode(form);
        let response = self
            .http
            .post(self.url(path))
            .header("Authorization", format!("token {DEMO_API_KEY}"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    /// The workspace of `key`'s account: status and body.
    pub async fn workspace(&self, key: Option<&str>) -> (u16, Value) {
        self.get_as(kiubi_wire::team::WORKSPACE_PATH, key).await
    }

    /// Writes `body` (sent as is) as `key`'s workspace: status and body.
    pub async fn put_workspace(&self, key: Option<&str>, body: impl Into<reqwest::Body>) -> (u16, Value) {
        let mut request = self.http.put(self.url(kiubi_wire::team::WORKSPACE_PATH)).body(body);
        if let Some(key) = key {
            request = request.header("Authorization", format!("token {key}"));
        }
        let response = request.header("Content-Type", "application/json").send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or_default())
    }
}

/// The server's configuration for `upstream`, on a free loopback port.
pub fn config(upstream: &str) -> Config {
    Config { listen: "127.0.0.1:0".parse().unwrap(), upstream: upstream.to_owned(), ..Config::default() }
}

/// A panel directory with an `index.html`, in `dir`.
pub fn panel_dist(dir: &std::path::Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>panel</title>").unwrap();
    dist
}
