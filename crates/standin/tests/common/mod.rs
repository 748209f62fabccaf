//! A stand-in on a free loopback port with a temporary database, and a small client for it.

use kiubi_standin::{Config, Running, DEMO_API_KEY};
use serde_json::Value;

pub struct TestServer {
    pub running: Running,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let running = kiubi_standin::start(Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            db_path: dir.path().join("standin.sqlite"),
            ..config
        })
        .await
        .unwrap();
        TestServer { running, http: reqwest::Client::new(), _dir: dir }
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

/// The codes of the sites of a list reply.
pub fn codes(body: &Value) -> Vec<String> {
    body["data"].as_array().unwrap().iter().map(|s| s["code_site"].as_str().unwrap().to_owned()).collect()
}
