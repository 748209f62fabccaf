//! The first paint without waiting for the code: `index.html` draws the panel's frame (a kept
//! session's top bar and sidebar, or the sign-in page's heading) from HTML and CSS, and the panel
//! takes its place when it mounts, with its brand where the frame had it and nothing painted in
//! between. The frame is seen by loading the page with the code's wasm blocked (DevTools), the panel
//! by loading it again without the block.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness, DEMO_API_KEY};

const LIMIT: Duration = Duration::from_secs(30);

/// Run by the browser before the page's own code: notes, the first time the frame is found gone,
/// whether the panel was there in its place (a mutation observer runs after the task that changed
/// the page, before anything is painted).
const WATCH_TAKEOVER: &str = "(() => {
    let seen = false;
    new MutationObserver(() => {
        const frame = document.querySelector('.boot');
        if (frame) seen = true;
        else if (seen && window.__takeover === undefined)
            window.__takeover = !!document.querySelector('body > .shell, body > main.sign-in');
    }).observe(document, { childList: true, subtree: true });
})();";

/// The theme, and where the elements `selectors` are drawn: their boxes' corner and height, rounded,
/// in order (the height of one that reaches the window's bottom is the page's, left out); an element
/// not shown reads as `null`.
async fn drawn(h: &Harness, selectors: &[&str]) -> serde_json::Value {
    let script = format!(
        "return [document.documentElement.dataset.theme, ...{selectors:?}.map(s => {{
             const e = [...document.querySelectorAll(s)].find(e => e.getClientRects().length);
             if (!e) return null;
             const b = e.getBoundingClientRect();
             return [s, Math.round(b.x), Math.round(b.y), b.bottom < innerHeight ? Math.round(b.height) : null];
         }})];"
    );
    h.script(&script).await
}

/// Loads `path` with the code blocked and returns how the frame draws `selectors` (after checking
/// which frame shows), then loads it with the code and returns how the panel draws them.
async fn frame_then_panel(
    h: &Harness,
    path: &str,
    frame: &str,
    ready: &str,
    selectors: &[&str],
) -> [serde_json::Value; 2] {
    h.devtools("Network.setBlockedURLs", serde_json::json!({ "urls": ["*_bg.wasm"] })).await;
    h.open(path).await;
    let chosen = "return !!document.documentElement.dataset.boot";
    wait_until("the frame is chosen", LIMIT, async || h.script::<bool>(chosen).await).await;
    let shown: Vec<bool> = h
        .script("return ['.boot > .shell', '.boot > .sign-in'].map(s => document.querySelector(s).getClientRects().length > 0);")
        .await;
    assert_eq!(shown, [frame == "in", frame == "out"], "{path}: the {frame} frame alone shows");
    let before = drawn(h, selectors).await;

    h.devtools("Network.setBlockedURLs", serde_json::json!({ "urls": [] })).await;
    h.open(path).await;
    let there = format!("return !!document.querySelector({ready:?})");
    wait_until(ready, LIMIT, async || h.script::<bool>(&there).await).await;
    assert_eq!(
        h.script::<Option<bool>>("return window.__takeover ?? null;").await,
        Some(true),
        "{path}: the panel replaced the frame in one task"
    );
    assert!(h.script::<bool>("return !document.querySelector('.boot');").await, "{path}: the frame is gone");
    [before, drawn(h, selectors).await]
}

#[tokio::test]
async fn the_page_draws_the_frame_before_the_code_and_the_panel_takes_its_place() {
    let h = Harness::start().await;
    h.devtools("Network.enable", serde_json::json!({})).await;
    h.devtools("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": WATCH_TAKEOVER })).await;
    for (width, height) in [(1280, 900), (412, 823)] {
        h.browser.set_window_size(width, height).await.unwrap();
        // A first visit: the sign-in page's heading, where the sign-in form's page has it.
        h.open("/sign-in").await;
        h.script::<()>("localStorage.clear(); sessionStorage.clear();").await;
        let [frame, panel] = frame_then_panel(&h, "/sign-in", "out", "form #api-key", &[".sign-in h1"]).await;
        assert!(!frame[1].is_null(), "{width} px: the sign-in frame draws the heading: {frame}");
        assert_eq!(frame, panel, "{width} px: the sign-in heading stays where the frame drew it");

        // A kept session, in the dark theme chosen before: the signed-in frame, dark from the start.
        h.script::<()>(&format!(
            "localStorage.setItem('kiubi.token', '{DEMO_API_KEY}'); localStorage.setItem('kiubi.theme', 'dark');"
        ))
        .await;
        let [frame, panel] =
            frame_then_panel(&h, "/sites", "in", ".shell .sidebar a", &[".topbar", ".brand", ".sidebar"]).await;
        assert_eq!(frame[0], "dark", "{width} px: the frame is in the theme chosen before");
        assert!(
            !frame[1].is_null() && !frame[2].is_null(),
            "{width} px: the frame draws the top bar and the brand: {frame}"
        );
        assert_eq!(frame, panel, "{width} px: the top bar, the brand and the sidebar stay where the frame drew them");
        h.script::<()>("localStorage.clear();").await;
    }
    h.close().await;
}
