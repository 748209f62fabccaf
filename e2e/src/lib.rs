//! Harness of the end-to-end tests: a stand-in on a free loopback port with a temporary database,
//! serving the release build in `dist/`, and a headless Chromium driven through chromedriver.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use kiubi_standin::{Config, Running};
use tokio::process::{Child, Command};

pub use kiubi_standin::DEMO_API_KEY;

/// Waits until `check` holds, trying every 100 ms for up to `limit`; panics with `what` otherwise.
pub async fn wait_until(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let found = wait_for(limit, async || if check().await { Ok(()) } else { Err(String::new()) }).await;
    found.unwrap_or_else(|_| panic!("never: {what}"));
}

/// Tries `check` every 100 ms for up to `limit` until it gives a value; else the last reason it gave.
/// The one polling loop of the end-to-end tests (`wait_until` is its yes-or-no face).
pub async fn wait_for<T>(limit: Duration, mut check: impl AsyncFnMut() -> Result<T, String>) -> Result<T, String> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let reason = match check().await {
            Ok(value) => return Ok(value),
            Err(reason) => reason,
        };
        if tokio::time::Instant::now() >= deadline {
            return Err(reason);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The built panel; `trunk build --release` makes it (the test script does so first).
pub fn dist_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free loopback port").port()
}

/// One test's world: its own stand-in, database and browser.
/// Copies the files and directories of `from` into `to` (created if needed).
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub struct Harness {
    pub browser: Client,
    /// `http://127.0.0.1:<port>`, serving panel and API.
    pub base_url: String,
    pub standin: Running,
    chromedriver: Child,
    driver_url: String,
    _db_dir: tempfile::TempDir,
    /// The browser's profile: chromedriver's own temporary profiles outlive a session that ends
    /// in a panic, and hundreds of runs filled the disk. This one goes with the harness.
    _profile_dir: tempfile::TempDir,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::start_with(|_| {}).await
    }

    /// The same, with the stand-in configured by `adjust` (e.g. more seeded sites).
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Harness {
        assert!(
            dist_dir().join("index.html").exists(),
            "no built panel in {}: run `trunk build --release` first (scripts/test.sh does)",
            dist_dir().display()
        );
        // A `trunk serve` without scripts/dev.sh's `--dist` writes its debug build there.
        assert!(
            std::fs::read_dir(dist_dir())
                .unwrap()
                .flatten()
                .any(|f| f.file_name().to_string_lossy().starts_with("__wasm_split-")),
            "{} holds a debug build (trunk serve?): run `trunk build --release` first",
            dist_dir().display()
        );
        let db_dir = tempfile::tempdir().expect("a temporary directory");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            db_path: db_dir.path().join("standin.sqlite"),
            dist: Some(dist_dir()),
            ..Config::default()
        };
        adjust(&mut config);
        let standin = kiubi_standin::start(config).await.expect("the stand-in starts");
        let base_url = format!("http://{}", standin.addr);

        let driver_port = free_port();
        let chromedriver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chromedriver = Command::new(&chromedriver_bin)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver_bin}: {e} (install chromium-driver)"));

        let driver_url = format!("http://127.0.0.1:{driver_port}");
        let (browser, profile_dir) = browser_session(&driver_url).await;
        Harness { browser, base_url, standin, chromedriver, driver_url, _db_dir: db_dir, _profile_dir: profile_dir }
    }

    /// A second browser with a profile of its own (a colleague's), on the same chromedriver: the
    /// helpers drive it once swapped in with `swap_browser`.
    pub async fn new_browser(&self) -> (Client, tempfile::TempDir) {
        browser_session(&self.driver_url).await
    }

    /// Makes `other` the browser the helpers drive, and the one they drove `other`.
    pub fn swap_browser(&mut self, other: &mut Client) {
        std::mem::swap(&mut self.browser, other);
    }

    pub async fn open(&self, path: &str) {
        self.goto(&format!("{}{path}", self.base_url)).await;
    }

    /// Loads `url` in the browser. Tests count requests in the Resource Timing buffer, which keeps
    /// 250 entries by default and drops later ones silently: it is made large enough for any test.
    pub async fn goto(&self, url: &str) {
        self.browser.goto(url).await.expect("navigation");
        self.browser.execute("performance.setResourceTimingBufferSize(1000000);", vec![]).await.expect("a loaded page");
    }

    /// Every page, tab and dialog of the signed-in panel, with site `code` for a site's tabs, each
    /// waited for until it shows what it is for; `check` runs on each, given its name.
    pub async fn walk_every_page(&self, code: &str, mut check: impl AsyncFnMut(&str)) {
        use fantoccini::key::Key;
        self.press("body", &format!("{}k", Key::Control)).await;
        self.text_of("dialog.switcher[open]").await;
        check("the site switcher").await;
        self.press("#switcher-search", &Key::Escape.to_string()).await;
        for (path, ready) in every_page(code) {
            self.open(&path).await;
            self.text_of(ready).await;
            check(&path).await;
        }
        // The chart's tooltip, the delete dialog and the contact form.
        self.open(&format!("/sites/{code}/stats")).await;
        self.text_of(".chart svg").await;
        self.browser.execute("document.querySelector('.chart svg').focus()", vec![]).await.unwrap();
        self.text_of(".chart-tooltip").await;
        check("the chart's tooltip").await;
        self.open(&format!("/sites/{code}")).await;
        self.click(".danger-zone > button").await;
        self.text_of("dialog.confirm[open] #delete-confirm").await;
        check("the delete dialog").await;
        self.open("/account").await;
        self.click("#edit-contact").await;
        self.text_of("form.contact").await;
        check("the contact form").await;
    }

    /// The Content-Security-Policy the page's origin sends with `path`, fetched from the page.
    pub async fn policy_of(&self, path: &str) -> String {
        let policy = self
            .browser
            .execute_async(
                "const [path, done] = arguments; fetch(path).then(r => done(r.headers.get('content-security-policy')));",
                vec![path.into()],
            )
            .await
            .expect("a fetch from the page");
        policy.as_str().unwrap_or_default().to_owned()
    }

    /// Goes to `path` inside the panel, as the back and forward buttons do: the page is not
    /// reloaded, so what a test set up in it stays.
    pub async fn visit(&self, path: &str) {
        self.browser
            .execute(
                "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));",
                vec![path.into()],
            )
            .await
            .expect("a navigation inside the panel");
    }

    /// Waits (up to 10 s) for an element and returns its text. An element replaced while being read
    /// (the page re-rendered it) is looked up again.
    pub async fn text_of(&self, css: &str) -> String {
        let text = wait_for(Duration::from_secs(10), async || {
            let element = self.browser.find(Locator::Css(css)).await.map_err(|e| e.to_string())?;
            element.text().await.map_err(|e| e.to_string())
        });
        text.await.unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until `css` holds `expected` somewhere in its text; the last text seen otherwise.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<(), String> {
        wait_for(Duration::from_secs(10), async || {
            let seen = match self.browser.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            match seen.contains(expected) {
                true => Ok(()),
                false => Err(format!("{css} never showed {expected:?}; last text: {seen:?}")),
            }
        })
        .await
    }

    /// Chooses the file at `path` in the `<input type="file">` at `css`.
    pub async fn choose_file(&self, css: &str, path: &std::path::Path) {
        let input = self.browser.find(Locator::Css(css)).await.unwrap();
        input.send_keys(&path.display().to_string()).await.unwrap_or_else(|e| panic!("choosing a file in {css}: {e}"));
    }

    /// The file `name` once the browser has downloaded it whole (up to 30 s), taken out of the
    /// downloads so that the next download of that name is not saved as "name (1)".
    pub async fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self._profile_dir.path().join("downloads").join(name);
        // Under load the browser may show the name before the bytes: wait for them, and for no
        // download of it still under way.
        let partial = path.with_file_name(format!("{name}.crdownload"));
        let done = async || std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) && !partial.exists();
        wait_until(&format!("the download of {name}"), Duration::from_secs(30), done).await;
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        bytes
    }

    /// The browser's date `offset` days from today, as the API writes dates in queries (`DD/MM/YYYY`).
    pub async fn day_fr(&self, offset: i64) -> String {
        self.script(&format!(
            "const d = new Date(); d.setDate(d.getDate() + {offset});
             const p = n => String(n).padStart(2, '0');
             return `${{p(d.getDate())}}/${{p(d.getMonth() + 1)}}/${{d.getFullYear()}}`;"
        ))
        .await
    }

    /// The element `css`, once it is there (up to 10 s).
    async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.browser
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Clicks the element `css`, waiting for it to be there.
    pub async fn click(&self, css: &str) {
        self.element(css).await.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Presses `key` (with the keys before it held, e.g. `Key::Control` then `k`) in the element `css`.
    pub async fn press(&self, css: &str, keys: &str) {
        self.element(css).await.send_keys(keys).await.unwrap_or_else(|e| panic!("pressing keys in {css}: {e}"));
    }

    /// Runs `script` in the panel embedded in element `#host` (the script reads its shadow root, or
    /// the element itself for a mounted panel, as `root`) and returns its value.
    pub async fn in_panel(&self, host: &str, script: &str) -> serde_json::Value {
        let script = format!(
            "const host = document.getElementById('{host}'); const root = host && (host.shadowRoot ?? host);
             if (!root) return null; {script}"
        );
        self.browser.execute(&script, vec![]).await.unwrap()
    }

    /// Waits until `script`, run in the panel in `#host`, returns true.
    pub async fn wait_in_panel(&self, host: &str, what: &str, script: &str) {
        wait_until(what, Duration::from_secs(10), async || {
            self.in_panel(host, script).await == serde_json::Value::Bool(true)
        })
        .await;
    }

    /// Fills the sign-in form shown now with a login and a password, and sends it.
    pub async fn sign_in_with_login(&self, login: &str, password: &str) {
        self.text_of("#api-key").await;
        self.click(".tabs.method button:nth-child(2)").await;
        self.text_of("#login").await;
        self.browser.find(Locator::Css("#login")).await.unwrap().send_keys(login).await.unwrap();
        self.browser.find(Locator::Css("#password")).await.unwrap().send_keys(password).await.unwrap();
        self.click("form button[type=submit]").await;
    }

    /// Signs in through the form with `key`, asking to land on the sites list (the home, `/`, is
    /// the portfolio; `e2e/tests/home.rs` signs in to it), and waits until the panel has left the
    /// sign-in page: a page opened next finds the session kept.
    pub async fn sign_in_with(&self, key: &str) {
        self.send_sign_in(key).await;
        wait_until("the sign-in done", Duration::from_secs(20), async || {
            !self.location().await.starts_with("/sign-in")
        })
        .await;
    }

    /// Sends the sign-in form with `key`, whatever comes of it (a refused key stays on the page).
    pub async fn send_sign_in(&self, key: &str) {
        self.open("/sign-in?next=/sites").await;
        self.press("#api-key", key).await;
        self.click("form button[type=submit]").await;
    }

    /// Signs in with the demo user's login and password, and waits for the sites list.
    pub async fn sign_in_with_login_to_sites(&self) {
        self.open("/sign-in?next=/sites").await;
        self.sign_in_with_login(kiubi_standin::seed::DEMO_LOGIN, kiubi_standin::seed::DEMO_PASSWORD).await;
        self.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    }

    /// Signs in with the demo key and waits for the sites list of the demo account (52 sites).
    pub async fn sign_in_to_sites(&self) {
        self.sign_in_with(DEMO_API_KEY).await;
        self.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    }

    /// `data` of a GET to the stand-in's API with the demo key, sent from the page (to learn the seed's
    /// facts without hard-coding them).
    pub async fn api_data(&self, path_and_query: &str) -> serde_json::Value {
        let reply = self
            .browser
            .execute_async(
                "const [url, key, done] = arguments;
                 fetch(url, { headers: { Authorization: 'token ' + key } }).then(r => r.json()).then(done, e => done(String(e)));",
                vec![path_and_query.into(), DEMO_API_KEY.into()],
            )
            .await
            .expect("a request from the page");
        reply.get("data").cloned().unwrap_or_else(|| panic!("no data in {reply}"))
    }

    /// Every site of `sites.json?{query}` with the demo key, page after page.
    pub async fn every_site(&self, query: &str) -> Vec<serde_json::Value> {
        let mut all = Vec::new();
        for page in 0.. {
            let found = self.api_data(&format!("/v1/sites.json?{query}&limit=20&page={page}")).await;
            let found = found.as_array().expect("a list of sites").clone();
            if found.is_empty() {
                break;
            }
            all.extend(found);
        }
        all
    }

    /// Types `text` into the element `css`, after clearing it.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.element(css).await;
        element.clear().await.unwrap_or_else(|e| panic!("clearing {css}: {e}"));
        element.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Picks the option of value `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.text_of(&format!("{css} option[value=\"{value}\"]")).await;
        let select = self.browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        select.select_by_value(value).await.unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
    }

    /// The value of the form control `css`.
    pub async fn value_of(&self, css: &str) -> String {
        let element = self.browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The texts of every element `css`, in page order.
    pub async fn texts_of(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.browser.find_all(Locator::Css(css)).await.unwrap_or_default() {
            texts.push(element.text().await.unwrap_or_default());
        }
        texts
    }

    /// The path and query the browser shows.
    pub async fn location(&self) -> String {
        let url = self.browser.current_url().await.expect("the current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Saves a PNG of the page to `target/screenshots/<name>.png`, for a look at what users see.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let png = self.browser.screenshot().await.expect("screenshot");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("writing the screenshot");
    }

    /// A DevTools command (`Page.printToPDF`, `Emulation.setEmulatedMedia`…) sent through
    /// chromedriver; its result.
    pub async fn devtools(&self, command: &str, params: serde_json::Value) -> serde_json::Value {
        let sent = DevTools { command: command.to_owned(), params };
        self.browser.issue_cmd(sent).await.unwrap_or_else(|e| panic!("DevTools {command}: {e}"))
    }

    /// A controlled clock: from the next load on, the page's `Date` is `days` days ahead of the
    /// machine's (a script DevTools runs before the page's own; no waiting for time to pass).
    pub async fn shift_clock(&self, days: i64) {
        const SHIFT: &str = "(() => {
            if (globalThis.__clockShifted) return;
            globalThis.__clockShifted = true;
            const shift = Number(localStorage.getItem('e2e.clockDays') || 0) * 86400000;
            const Real = Date;
            globalThis.Date = class extends Real {
                constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); }
                static now() { return Real.now() + shift; }
            };
        })();";
        self.devtools("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": SHIFT })).await;
        let script = format!("localStorage.setItem('e2e.clockDays', '{days}')");
        self.browser.execute(&script, vec![]).await.unwrap();
    }

    /// The page printed as the browser's "Save as PDF" does (the page's own `@page` size and margins,
    /// backgrounds), saved as `target/screenshots/<name>.pdf` for a look, then read back with poppler's
    /// `pdftotext` (scripts/test.sh installs poppler-utils): each page's text, in order.
    pub async fn printed_pages(&self, name: &str) -> Vec<String> {
        use base64::Engine;
        let printed = self
            .devtools("Page.printToPDF", serde_json::json!({ "preferCSSPageSize": true, "printBackground": true }))
            .await;
        let data = printed["data"].as_str().expect("a PDF from Page.printToPDF");
        let bytes = base64::engine::general_purpose::STANDARD.decode(data).expect("base64 from DevTools");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf, bytes).expect("writing the PDF");
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
        // A form feed ends each page.
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
        pages.pop();
        pages
    }

    /// Runs axe-core on the page as it is and fails on any serious or critical violation.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.serious_violations().await;
        assert!(violations.is_empty(), "{what}: accessibility violations:\n{}", violations.join("\n"));
    }

    /// The serious and critical violations axe-core finds on the page as it is.
    pub async fn serious_violations(&self) -> Vec<String> {
        let axe =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"))
                .expect("axe-core: scripts/test.sh installs it (npm ci in e2e/)");
        self.browser.execute(&axe, vec![]).await.expect("injecting axe-core");
        let violations = self
            .browser
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)));",
                vec![],
            )
            .await
            .expect("running axe-core");
        serde_json::from_value(violations).expect("axe-core results")
    }

    /// The keys of the page's origin in `storage` (`localStorage` or `sessionStorage`), sorted.
    pub async fn storage_keys(&self, storage: &str) -> Vec<String> {
        self.script(&format!("return Object.keys({storage}).sort()")).await
    }

    /// What `script` (run in the page, without arguments) returns, read as a `T`.
    pub async fn script<T: serde::de::DeserializeOwned>(&self, script: &str) -> T {
        let value = self.browser.execute(script, vec![]).await.unwrap();
        serde_json::from_value(value).unwrap()
    }

    /// The keys of both storages whose name passes `keep`, sorted.
    pub async fn stored_keys(&self, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let mut keys = self.storage_keys("localStorage").await;
        keys.extend(self.storage_keys("sessionStorage").await);
        keys.retain(|k| keep(k));
        keys.sort();
        keys
    }

    /// Ends the browser session, chromedriver and the stand-in.
    pub async fn close(mut self) {
        let _ = self.browser.close().await;
        let _ = self.chromedriver.kill().await;
        let _ = self.standin.stop().await;
    }
}

/// A headless Chromium session of chromedriver at `driver_url`, with a new profile of its own.
async fn browser_session(driver_url: &str) -> (Client, tempfile::TempDir) {
    let profile_dir = tempfile::tempdir().expect("a temporary directory");
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=en-US",
                format!("--user-data-dir={}", profile_dir.path().display())
            ],
            // Downloads land in the profile, where `downloaded` finds them.
            "prefs": {
                "download.default_directory": profile_dir.path().join("downloads").display().to_string(),
                "download.prompt_for_download": false
            }
        }),
    );
    let browser = wait_for(Duration::from_secs(10), async || {
        let session = ClientBuilder::native().capabilities(capabilities.clone()).connect(driver_url).await;
        session.map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| panic!("chromedriver did not accept a session: {e}"));
    (browser, profile_dir)
}

/// Chromedriver's command that runs a DevTools command.
#[derive(Debug)]
struct DevTools {
    command: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Every page of the signed-in panel, with site `code` for a site's tabs: its path, and what shows
/// it has loaded (its content, not the placeholder drawn meanwhile).
pub fn every_page(code: &str) -> [(String, &'static str); 11] {
    [
        ("/".to_owned(), ".site-card[data-state=ready] .sparkline"),
        ("/sites".to_owned(), "table.sites tbody tr"),
        ("/sites/new".to_owned(), "#f-plan_id option[value='2']"),
        (format!("/sites/{code}"), ".usage .space:not(.placeholder) .stack"),
        (format!("/sites/{code}/stats?range=12m&compare=1"), ".chart path.line.previous"),
        (format!("/sites/{code}/activity"), ".feed"),
        (format!("/sites/{code}/backups"), "ul.backups"),
        (format!("/sites/{code}/subscription"), ".subscription"),
        ("/plans".to_owned(), ".plans"),
        ("/account".to_owned(), ".contact-view"),
        (format!("/reports?site={code}"), ".client-report .report-figure"),
    ]
}
