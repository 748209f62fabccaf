//! The binary as users run it, every line it writes kept: the stand-in never prints a key it was
//! sent (to its API or its workspace), violation reports are capped and logged one line each, and a handler's panic
//! is a 500 reply with the server still serving. `KIUBI_STANDIN_BIN` names the binary to run (the
//! test command sets it to the release build); otherwise the one cargo built for these tests.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};

use kiubi_standin::seed::OTHER_ACCOUNT_KEY;

struct Running {
    child: Child,
    stdout: BufReader<ChildStdout>,
    stderr: ChildStderr,
    url: String,
    printed: String,
}

/// Starts the stand-in binary with `args` on a free loopback port; reads up to its address line.
fn start(args: &[&str]) -> Running {
    let binary = std::env::var("KIUBI_STANDIN_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kiubi-standin").to_owned());
    let mut child = Command::new(binary)
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the stand-in starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = child.stderr.take().unwrap();
    let mut printed = String::new();
    let url = loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break None;
        }
        printed.push_str(&line);
        if let Some(url) = line.split(" on ").nth(1).and_then(|rest| rest.split([',', '\n']).next()) {
            break Some(url.trim().to_owned());
        }
    };
    match url {
        Some(url) => Running { child, stdout, stderr, url, printed },
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the stand-in stopped: {printed}");
        }
    }
}

impl Running {
    /// Stops it and returns all it wrote, on both outputs.
    fn stop(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.stdout.read_to_string(&mut self.printed).unwrap();
        self.stderr.read_to_string(&mut self.printed).unwrap();
        self.printed
    }
}

#[tokio::test]
async fn keys_sent_to_the_stand_in_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let dist = panel_dist(dir.path());
    let api = start(&["--db", db.to_str().unwrap(), "--test-control", "--dist", dist.to_str().unwrap()]);

    let refused = "ab".repeat(20);
    let http = reqwest::Client::new();
    {
        let base = &api.url;
        for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
            let auth = format!("token {key}");
            for path in [
                "/v1/account.json",
                "/v1/sites.json?term=x",
                "/v1/sites/nowhere.json",
                "/v1/nowhere.json",
                "/team/v1/workspace",
            ] {
                http.get(format!("{base}{path}")).header("Authorization", &auth).send().await.unwrap();
            }
            // A write, a malformed body and a report of the panel's policy, each with the key.
            let form = "application/x-www-form-urlencoded";
            let report = r#"{"csp-report":{"document-uri":"http://127.0.0.1/sites","violated-directive":"img-src"}}"#;
            for (path, content_type, body) in [
                ("/v1/account/contact.json", form, "method=PUT&phone=12"),
                ("/v1/sites.json", form, "%zz"),
                ("/csp-reports", "application/csp-report", report),
            ] {
                http.post(format!("{base}{path}"))
                    .header("Authorization", &auth)
                    .header("Content-Type", content_type)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
            }
        }
    }
    let printed = api.stop();
    assert!(printed.contains("Content-Security-Policy violation"), "the outputs were read: {printed}");
    for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
        assert!(!printed.contains(key), "{key} printed:\n{printed}");
    }
}

/// A violation report to the stand-in at `base`: its HTTP status.
async fn report(base: &str, body: String) -> u16 {
    let sent = reqwest::Client::new()
        .post(format!("{base}/csp-reports"))
        .header("Content-Type", "application/csp-report")
        .body(body)
        .send();
    sent.await.unwrap().status().as_u16()
}

/// A panel directory with an `index.html`, in `dir`.
fn panel_dist(dir: &std::path::Path) -> std::path::PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>panel</title>").unwrap();
    dist
}

#[tokio::test]
async fn violation_reports_are_capped_and_logged_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let dist = panel_dist(dir.path());
    let standin = start(&["--db", db.to_str().unwrap(), "--dist", dist.to_str().unwrap()]);
    // A report that tries to forge a second line, then one over 16 KB.
    let forged = "{\"csp-report\":\"x\nContent-Security-Policy violation: forged\r\u{1b}[31m\"}".to_owned();
    assert_eq!(report(&standin.url, forged).await, 204);
    let huge = format!("{{\"csp-report\":\"{}\"}}", "h".repeat(20 * 1024));
    assert_eq!(report(&standin.url, huge).await, 413);
    // Far more than are kept.
    for i in 0..260 {
        assert_eq!(report(&standin.url, format!("{{\"csp-report\":{i}}}")).await, 204);
    }
    let printed = standin.stop();
    let lines: Vec<&str> = printed.lines().filter(|l| l.contains("Content-Security-Policy violation")).collect();
    assert_eq!(lines.len(), 200, "{printed}");
    assert!(lines[0].ends_with("\\u{a}Content-Security-Policy violation: forged\\u{d}\\u{1b}[31m\"}"), "{}", lines[0]);
    assert!(!printed.contains('\u{1b}') && !printed.contains("hhhh"), "{printed}");
}

#[tokio::test]
async fn a_panicking_handler_is_a_500_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let standin = start(&["--db", db.to_str().unwrap(), "--test-control"]);
    let http = reqwest::Client::new();
    let control = http
        .post(format!("{}/_standin/control", standin.url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("fail_with=panic&fail_next=3")
        .send()
        .await
        .unwrap();
    assert_eq!(control.status(), 200);
    let auth = format!("token {}", kiubi_standin::DEMO_API_KEY);
    for _ in 0..3 {
        let reply = http.get(format!("{}/v1/account.json", standin.url)).header("Authorization", &auth).send().await;
        let reply = reply.expect("a reply, not a closed connection");
        assert_eq!(reply.status(), 500);
        // Readable across origins like any other reply.
        assert_eq!(reply.headers().get("access-control-allow-origin").map(|v| v.to_str().unwrap()), Some("*"));
        let body: serde_json::Value = reply.json().await.unwrap();
        assert_eq!((body["meta"]["status_code"].as_i64(), body["error"]["code"].as_i64()), (Some(500), Some(5007)));
    }
    let reply = http.get(format!("{}/v1/account.json", standin.url)).header("Authorization", &auth).send().await;
    assert_eq!(reply.unwrap().status(), 200, "still serving after the panics");
    assert!(standin.stop().contains("a panic injected by a test"), "the panic was the handler's");
}
