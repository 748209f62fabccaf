//! The development loop as a developer runs it: `trunk serve` (Trunk.toml) in a copy of the project,
//! its `/v1/` proxied to a stand-in, builds the debug panel, which signs in; an edit of a page's file
//! then rebuilds it and reloads the browser with the change. Prints how long the edit took to reach
//! the browser (BENCHMARKS.md, "Development loop"): a figure, not a limit.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use kiubi_e2e::{wait_until, Harness, DEMO_API_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

/// The project's files as git has them (what a clone holds), copied into `to`.
fn copy_project(root: &Path, to: &Path) {
    let listed = std::process::Command::new("git").arg("-C").arg(root).args(["ls-files", "-z"]).output().expect("git");
    assert!(listed.status.success(), "git ls-files in {}", root.display());
    for file in listed.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()) {
        let file = Path::new(std::str::from_utf8(file).unwrap());
        std::fs::create_dir_all(to.join(file).parent().unwrap()).unwrap();
        // A file deleted in the work tree but still in git's index is not part of the project.
        if root.join(file).exists() {
            std::fs::copy(root.join(file), to.join(file)).unwrap();
        }
    }
}

/// `path`'s status and body at `addr`, or None while nothing answers there.
async fn get(addr: &str, path: &str) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.ok()?;
    let reply = String::from_utf8_lossy(&reply);
    let status = reply.split(' ').nth(1)?.parse().ok()?;
    Some((status, reply.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default()))
}

fn replace_once(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in {}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
}

#[tokio::test]
async fn trunk_serve_builds_the_panel_proxies_the_api_and_reloads_the_browser_after_an_edit() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap();
    let project = tempfile::tempdir().unwrap();
    copy_project(&root, project.path());
    // The API only: the panel comes from `trunk serve`.
    let h = Harness::start_with(|config| config.dist = None).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let trunk_toml = project.path().join("Trunk.toml");
    replace_once(&trunk_toml, "port = 8080", &format!("port = {port}"));
    replace_once(&trunk_toml, "http://127.0.0.1:8081/v1/", &format!("http://{}/v1/", h.standin.addr));

    let log = std::fs::File::create(project.path().join("trunk.log")).unwrap();
    let _trunk = Command::new("trunk")
        .args(["serve", "--dist", "target/dev-dist"])
        .current_dir(project.path())
        // The project's own target directory: the dependencies are built once.
        .env("CARGO_TARGET_DIR", root.join("target"))
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("trunk (scripts/setup.sh installs it)");
    let addr = format!("127.0.0.1:{port}");
    let trunk_log = || std::fs::read_to_string(project.path().join("trunk.log")).unwrap_or_default();
    let started = Instant::now();
    wait_until("trunk serve's first build", Duration::from_secs(20 * 60), async || {
        if trunk_log().contains(" ERROR ") {
            panic!("trunk serve's build failed:\n{}", trunk_log());
        }
        get(&addr, "/embed.js").await.is_some_and(|(status, body)| status == 200 && body.contains("kiubi-panel.js"))
    })
    .await;
    println!("dev loop: first build served after {:.0} s", started.elapsed().as_secs_f64());
    // The proxy reaches the stand-in: an API envelope (refused without a key), not the page.
    let (status, body) = get(&addr, "/v1/account.json").await.expect("the proxied API");
    assert!(status == 403 && body.contains(r#""code":4307"#), "{status}: {body}");

    h.goto(&format!("http://{addr}/sign-in?next=/plans")).await;
    h.press("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text("h1", "Plans").await.unwrap();
    h.wait_for_text(".plans", "€").await.unwrap();

    let edited = Instant::now();
    replace_once(
        &project.path().join("src/pages/plans.rs"),
        "<h1>{tr(Key::PlansTitle)}</h1>",
        "<h1>{tr(Key::PlansTitle)}\" (edited)\"</h1>",
    );
    // Trunk's reload script reloads the page once the new build is in; the session is kept for the tab.
    wait_until("the browser reloaded with the edited page", Duration::from_secs(10 * 60), async || {
        h.browser.find(fantoccini::Locator::Css("h1")).await.ok().is_some()
            && h.text_of("h1").await.contains("Plans (edited)")
    })
    .await;
    println!(
        "dev loop: edit of src/pages/plans.rs to the browser reloaded with it: {:.1} s",
        edited.elapsed().as_secs_f64()
    );
    h.wait_for_text(".plans", "€").await.unwrap();
    h.close().await;
}
