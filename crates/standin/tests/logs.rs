//! The stand-in and its proxy mode never print a key they were sent: the binaries are run as users
//! run them, every line they write is kept, and keys of all kinds go through both.

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiubi-standin"))
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
async fn keys_sent_to_the_stand_in_or_through_its_proxy_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let dist = dir.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>panel</title>").unwrap();
    let api = start(&["--db", db.to_str().unwrap(), "--test-control"]);
    let proxy = start(&["--dist", dist.to_str().unwrap(), "--upstream", &api.url]);

    let refused = "ab".repeat(20);
    let http = reqwest::Client::new();
    for base in [&api.url, &proxy.url] {
        for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
            let auth = format!("token {key}");
            for path in ["/v1/account.json", "/v1/sites.json?term=x", "/v1/sites/nowhere.json", "/v1/nowhere.json"] {
                http.get(format!("{base}{path}")).header("Authorization", &auth).send().await.unwrap();
            }
            // A write, a malformed body and a report of the panel's policy, each with the key.
            let form = "application/x-www-form-urlencoded";
            let report = r#"{"csp-report":{"document-uri":"http://127.0.0.1/sites","violated-directive":"img-src"}}"#;
            for (path, content_type, body) in [
                ("/v1/account/contact.json", form, "method=PUT&phone=12"),
                ("/v1/sites.json", form, "%zz"),
                ("/_standin/csp-reports", "application/csp-report", report),
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
    let printed = format!("{}\n{}", proxy.stop(), api.stop());
    assert!(printed.contains("Content-Security-Policy violation"), "the outputs were read: {printed}");
    for key in [OTHER_ACCOUNT_KEY, refused.as_str()] {
        assert!(!printed.contains(key), "{key} printed:\n{printed}");
    }
}
