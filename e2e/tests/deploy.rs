//! Static hosting: the release build served by Debian's nginx with `deploy/nginx-kiubi-admin.conf`
//! under `/admin/` (path routing, deep links reloadable, assets compressed and cached), and the same
//! build as plain files under `/files/` with `"routing": "hash"` (no rewrites at all).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::Locator;
use kiubi_e2e::{copy_tree, dist_dir, wait_until, Harness, DEMO_API_KEY};
use tokio::process::Command;

/// Debian's nginx, installed when missing.
fn nginx() -> PathBuf {
    let found = |p: &str| Path::new(p).exists().then(|| PathBuf::from(p));
    if let Some(path) = found("/usr/sbin/nginx") {
        return path;
    }
    let installed = std::process::Command::new("sh")
        .args(["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx"])
        .status()
        .expect("apt-get");
    assert!(installed.success(), "installing nginx failed");
    found("/usr/sbin/nginx").expect("nginx after installing it")
}

async fn wait_for_port(port: u16) {
    let listening = async || tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok();
    wait_until(&format!("nginx listening on {port}"), Duration::from_secs(10), listening).await;
}

#[tokio::test]
async fn nginx_serves_one_build_under_a_sub_path_and_as_plain_files_with_hash_routing() {
    let h = Harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    copy_tree(&dist_dir(), &www.join("admin"));
    // Plain files, no rewrite: hash routing, and a base relative to index.html.
    copy_tree(&dist_dir(), &www.join("files"));
    let index = www.join("files/index.html");
    let html = std::fs::read_to_string(&index).unwrap().replace(r#"<base href="/" />"#, r#"<base href="./" />"#);
    std::fs::write(&index, html).unwrap();
    std::fs::write(www.join("files/config.json"), r#"{ "routing": "hash" }"#).unwrap();

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy");
    // The HTTPS block over plain HTTP on loopback (no certificate here); the redirecting block goes.
    let sample = std::fs::read_to_string(deploy.join("nginx-kiubi-admin.conf")).unwrap();
    let https_block = &sample[sample.find("server {\n    listen 443").expect("the HTTPS server block")..];
    let sample = https_block
        .replace("listen 443 ssl;", &format!("listen 127.0.0.1:{port};"))
        .lines()
        .filter(|line| !line.trim_start().starts_with("ssl_certificate"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "/etc/nginx/snippets/nginx-kiubi-admin-headers.conf",
            &deploy.join("nginx-kiubi-admin-headers.conf").display().to_string(),
        )
        .replace("root /srv/www;", &format!("root {};\n    location /files/ {{ }}", www.display()))
        .replace("http://127.0.0.1:8081", &format!("http://{}", h.standin.addr));
    let prefix = dir.path();
    let conf = format!(
        "user root; worker_processes 1; daemon off; pid {p}/nginx.pid; error_log {p}/error.log;
         events {{}}
         http {{ include /etc/nginx/mime.types; access_log off;
           client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fastcgi;
           uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;
           {sample} }}",
        p = prefix.display()
    );
    std::fs::write(prefix.join("nginx.conf"), conf).unwrap();
    let mut server = Command::new(nginx())
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .arg("-p")
        .arg(prefix)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("nginx starts");
    wait_for_port(port).await;
    let site = format!("http://127.0.0.1:{port}");

    // First load under /admin/: signed out, so sign-in, then back to the home; its link to the sites.
    h.goto(&format!("{site}/admin/")).await;
    h.fill("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    assert_eq!(h.browser.current_url().await.unwrap().path(), "/admin/");
    h.click("#sidebar a[href='/admin/sites']").await;
    h.text_of("table.sites tbody tr").await;
    assert_eq!(h.browser.current_url().await.unwrap().path(), "/admin/sites");

    // A deep link, reloaded: the same view.
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    h.click("table.sites tbody tr:first-child td.name a").await;
    h.click(".site-tabs a[href$='/stats']").await;
    h.click(".presets button:nth-child(1)").await;
    h.text_of(".chart svg").await;
    let deep = h.browser.current_url().await.unwrap();
    assert_eq!((deep.path(), deep.query()), (format!("/admin/sites/{code}/stats").as_str(), Some("range=7d")));
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".presets button[aria-pressed=true]", "7 days").await.unwrap();
    assert_eq!(h.browser.current_url().await.unwrap(), deep);

    // Assets come compressed and cached for good; index.html is revalidated.
    let heads = h
        .browser
        .execute_async(
            "const done = arguments[0];
             const wasm = performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm'));
             const security = r => ['content-security-policy', 'referrer-policy', 'x-content-type-options',
                 'strict-transport-security'].map(h => r.headers.get(h));
             // From the network: Chromium keeps no HSTS header in its cache.
             const fresh = { cache: 'no-store' };
             Promise.all([fetch(wasm, fresh), fetch('/admin/index.html', fresh), fetch('/admin/sites/x', fresh)]).then(([w, i, d]) => done([
                 wasm, w.headers.get('content-encoding'), w.headers.get('cache-control'), i.headers.get('cache-control'),
                 ...security(w), ...security(i), ...security(d)
             ]));",
            vec![],
        )
        .await
        .unwrap();
    let heads: Vec<Option<String>> = serde_json::from_value(heads).unwrap();
    assert!(heads[0].as_deref().unwrap().contains("/admin/kiubi-panel-"), "{heads:?}");
    assert_eq!(heads[1].as_deref(), Some("gzip"), "{heads:?}");
    assert!(heads[2].as_deref().unwrap().contains("immutable"), "{heads:?}");
    assert_eq!(heads[3].as_deref(), Some("no-cache"), "{heads:?}");
    // Every kind of reply (a hashed asset, index.html, a deep link) carries the security headers.
    for security in heads[4..].chunks(4) {
        assert!(security[0].as_deref().unwrap_or("").contains("script-src 'self' 'wasm-unsafe-eval';"), "{heads:?}");
        assert_eq!(security[1].as_deref(), Some("no-referrer"), "{heads:?}");
        assert_eq!(security[2].as_deref(), Some("nosniff"), "{heads:?}");
        assert!(security[3].as_deref().unwrap_or("").starts_with("max-age=31536000"), "{heads:?}");
    }

    // Plain files with hash routing: a deep link needs no rewrite, and survives a reload.
    h.goto(&format!("{site}/files/#/sites/{code}/activity")).await;
    h.text_of(".feed").await;
    h.browser.refresh().await.unwrap();
    h.text_of(".feed").await;
    h.click(".site-tabs a[href$='/backups']").await;
    h.text_of(".backups-intro").await;
    let url = h.browser.current_url().await.unwrap();
    assert_eq!((url.path(), url.fragment()), ("/files/", Some(format!("/sites/{code}/backups").as_str())));
    assert!(h.browser.find(Locator::Css("#sidebar a[aria-current=page]")).await.is_ok());

    server.kill().await.unwrap();
    h.close().await;
}
