//! The binary as agencies run it, every line it writes kept: it never prints a key it was sent
//! (forwarded, or asked about for the workspace), collects violation reports only when asked, and
//! refuses a database of a newer version with a clear message. `KIUBI_SERVER_BIN` names the binary
//! to run (the test command sets it to the release build); otherwise the one cargo built for these tests.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};

use common::{panel_dist, Api, OTHER_ACCOUNT_KEY};

struct Running {
    child: Child,
    stdout: BufReader<ChildStdout>,
    stderr: ChildStderr,
    url: Option<String>,
    printed: String,
}

/// Starts the server binary with `args` on a free loopback port; reads up to its address line (or
/// its end).
fn start(args: &[&str]) -> Running {
    let binary = std::env::var("KIUBI_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kiubi-server").to_owned());
    let mut child = Command::new(binary)
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = child.stderr.take().unwrap();
    let mut printed = String::new();
    let url = loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break None;
        }
        printed.push_str(&line);
        if let Some(url) = line.strip_prefix("Panel on ").and_then(|rest| rest.split(',').next()) {
            break Some(url.trim().to_owned());
        }
    };
    Running { child, stdout, stderr, url, printed }
}

impl Running {
    fn url(&self) -> &str {
        self.url.as_deref().unwrap_or_else(|| panic!("the server stopped: {}", self.printed))
    }

    /// Stops it and returns all it wrote, on both outputs, and its exit status.
    fn stop(mut self) -> (String, std::process::ExitStatus) {
        let _ = self.child.kill();
        let status = self.child.wait().unwrap();
        self.stdout.read_to_string(&mut self.printed).unwrap();
        self.stderr.read_to_string(&mut self.printed).unwrap();
        (self.printed, status)
    }
}

/// A violation report to `base`: its HTTP status.
async fn report(base: &str, body: String) -> u16 {
    let sent = reqwest::Client::new()
        .post(format!("{base}/csp-reports"))
        .header("Content-Type", "application/csp-report")
        .body(body)
        .send();
    sent.await.unwrap().status().as_u16()
}

#[tokio::test]
async fn keys_sent_through_the_server_are_never_printed() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let (db, dist) = (dir.path().join("server.sqlite"), panel_dist(dir.path()));
    let server = start(&[
        "--dist",
        dist.to_str().unwrap(),
        "--upstream",
        &api.url(),
        "--database",
        db.to_str().unwrap(),
        "--csp-reports",
    ]);
    let refused = "ab".repeat(20);
    let http = reqwest::Client::new();
    for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
        let auth = format!("token {key}");
        for path in ["/v1/account.json", "/v1/sites.json?term=x", "/v1/nowhere.json", "/team/v1/workspace"] {
            http.get(format!("{}{path}", server.url())).header("Authorization", &auth).send().await.unwrap();
        }
        let report_body = r#"{"csp-report":{"document-uri":"http://127.0.0.1/sites","violated-directive":"img-src"}}"#;
        for (method, path, body) in [
            (reqwest::Method::POST, "/v1/account/contact.json", "method=PUT&phone=12".to_owned()),
            (reqwest::Method::PUT, "/team/v1/workspace", r#"{"base_revision":0,"document":{}}"#.to_owned()),
            (reqwest::Method::PUT, "/team/v1/workspace", "not json".to_owned()),
            (reqwest::Method::POST, "/csp-reports", report_body.to_owned()),
        ] {
            http.request(method, format!("{}{path}", server.url()))
                .header("Authorization", &auth)
                .body(body)
                .send()
                .await
                .unwrap();
        }
    }
    let (printed, _) = server.stop();
    assert!(printed.contains("Content-Security-Policy violation"), "the outputs were read: {printed}");
    for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
        assert!(!printed.contains(key), "{key} printed:\n{printed}");
    }
}

#[tokio::test]
async fn violation_reports_are_collected_only_when_asked() {
    let api = Api::start().await;
    let dir = tempfile::tempdir().unwrap();
    let dist = panel_dist(dir.path());
    let http = reqwest::Client::new();
    for (flags, collects) in [(&[][..], false), (&["--csp-reports"][..], true)] {
        let db = dir.path().join(format!("server-{collects}.sqlite"));
        let base = ["--dist", dist.to_str().unwrap(), "--upstream", &api.url(), "--database", db.to_str().unwrap()];
        let server = start(&[&base[..], flags].concat());
        let page = http.get(format!("{}/sites", server.url())).send().await.unwrap();
        assert_eq!(page.headers()["referrer-policy"], "no-referrer");
        let policy = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert_eq!(policy.contains("report-uri /csp-reports"), collects, "{policy}");
        let status = report(server.url(), "{\"csp-report\":{}}".to_owned()).await;
        assert_eq!(status == 204, collects, "{flags:?}: {status}");
        assert_eq!(server.stop().0.contains("Content-Security-Policy violation"), collects);
    }
}

#[tokio::test]
async fn a_database_of_a_newer_version_stops_the_server_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL);
                        INSERT INTO schema_migrations VALUES (42, 0);",
        )
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let server = start(&["--database", db.to_str().unwrap()]);
    assert!(server.url.is_none(), "it did not serve");
    let (printed, status) = server.stop();
    assert!(!status.success());
    assert!(printed.contains("schema version 42") && printed.contains("nothing was changed"), "{printed}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");
}
