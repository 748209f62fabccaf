//! Hostile data from the API (the stand-in's seed has markup, very long words, right-to-left and
//! emoji text, empty strings): shown as text, nothing runs, and every page stays usable.

use kiubi_e2e::Harness;
use kiubi_standin::seed::{BIDI_OVERRIDE, HOSTILE};

/// Catches what injected markup would do once parsed: dialogs, errors, new script and image
/// elements, across the in-panel navigations that follow (the page is never reloaded).
async fn set_traps(h: &Harness) {
    h.browser
        .execute(
            "window.__caught = [];
             for (const name of ['alert', 'confirm', 'prompt']) {
                 window[name] = (message) => { window.__caught.push(name + ': ' + message); };
             }
             window.addEventListener('error', (e) => window.__caught.push('error: ' + e.message));
             const log = console.error;
             console.error = (...args) => { window.__caught.push('console: ' + args.join(' ')); log(...args); };
             new MutationObserver((changes) => {
                 for (const change of changes) for (const node of change.addedNodes) {
                     if (node.querySelectorAll && [node, ...node.querySelectorAll('script, img[src=x]')]
                         .some((n) => n.matches && n.matches('script, img[src=x]'))) {
                         window.__caught.push('element: ' + node.outerHTML.slice(0, 80));
                     }
                 }
             }).observe(document, { subtree: true, childList: true });",
            vec![],
        )
        .await
        .unwrap();
}

async fn caught(h: &Harness) -> Vec<String> {
    serde_json::from_value(h.browser.execute("return window.__caught", vec![]).await.unwrap()).unwrap()
}

/// The page does not scroll sideways, and `css` (an action) lies inside the window.
async fn assert_usable(h: &Harness, what: &str, css: &str) {
    let found = h
        .browser
        .execute(
            "const root = document.documentElement;
             const action = document.querySelector(arguments[0]);
             const box = action && action.getBoundingClientRect();
             return [root.scrollWidth - root.clientWidth, box ? box.right - root.clientWidth : null, box ? box.width : 0];",
            vec![css.into()],
        )
        .await
        .unwrap();
    let [overflow, beyond, width]: [Option<f64>; 3] = serde_json::from_value(found).unwrap();
    assert!(overflow.unwrap_or(0.0) <= 1.0, "{what}: the page scrolls sideways by {overflow:?} px");
    assert!(
        beyond.is_some_and(|b| b <= 1.0) && width.unwrap_or(0.0) > 0.0,
        "{what}: {css} is out of sight ({beyond:?})"
    );
}

#[tokio::test]
async fn hostile_text_is_shown_literally_runs_nothing_and_leaves_pages_usable() {
    let h = Harness::start().await;
    h.browser.set_window_size(1024, 768).await.unwrap();
    h.sign_in_to_sites().await;
    set_traps(&h).await;
    let sites = h.every_site("sort=code_site").await;
    let hostile: Vec<(String, String)> = sites
        .iter()
        .filter(|s| HOSTILE.iter().any(|text| !text.is_empty() && s["name"].as_str().unwrap().contains(text)))
        .map(|s| (s["code_site"].as_str().unwrap().to_owned(), s["name"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(hostile.len(), 3, "the seed's hostile sites: {hostile:?}");

    // In the list, found by search, each name exactly as the API wrote it.
    for (_, name) in &hostile {
        let word = name.split(' ').nth(1).unwrap();
        h.fill("#site-search", word).await;
        h.wait_for_text(".sites tbody", name).await.unwrap();
        assert_usable(&h, &format!("list of {word}"), ".pager").await;
    }

    for (code, name) in &hostile {
        h.visit(&format!("/sites/{code}")).await;
        h.wait_for_text(".site-head:not([aria-busy]) h1", name).await.unwrap();
        assert_eq!(h.text_of(".site-head:not([aria-busy]) h1").await, *name);
        assert_usable(&h, name, ".site-tabs a:last-child").await;
        assert_usable(&h, name, ".danger-zone button.danger").await;

        h.visit(&format!("/sites/{code}/activity")).await;
        h.text_of(".feed .event").await;
        let texts = h.texts_of(".feed .event").await.join("\n");
        for text in HOSTILE.iter().filter(|t| !t.is_empty()) {
            assert!(texts.contains(text), "{text} shown in the activity of {code}: {texts}");
        }
        assert_usable(&h, &format!("activity of {code}"), ".feed .event").await;
    }

    // A name with an open right-to-left override, inside a sentence: isolated, so the words after it
    // keep their place.
    let (code, name) = hostile.iter().find(|(_, name)| name.contains(BIDI_OVERRIDE)).expect("a site with the override");
    h.visit(&format!("/sites/{code}")).await;
    h.click(".danger-zone button.danger").await;
    h.text_of("dialog[open] .delete-explanation bdi").await;
    let measured = h
        .browser
        .execute(
            "const bdi = document.querySelector('dialog[open] .delete-explanation bdi');
             const range = document.createRange();
             range.setStart(bdi.nextSibling, 0);
             range.setEnd(bdi.nextSibling, 1);
             const after = range.getBoundingClientRect();
             const rects = bdi.getClientRects();
             const end = rects[rects.length - 1];
             return [bdi.textContent, getComputedStyle(bdi).unicodeBidi, after.left - end.right, after.top - end.top];",
            vec![],
        )
        .await
        .unwrap();
    let (text, bidi, dx, dy): (String, String, f64, f64) = serde_json::from_value(measured).unwrap();
    assert_eq!((text.as_str(), bidi.as_str()), (name.as_str(), "isolate"));
    assert!(dx >= -1.0 || dy > 2.0, "the closing quote is drawn after the name ({dx}, {dy})");
    h.press("dialog[open] #delete-confirm", &fantoccini::key::Key::Escape.to_string()).await;
    // The same text as a user name in the activity feed, and every site name in the home's alerts.
    h.visit(&format!("/sites/{code}/activity")).await;
    h.text_of(".feed .event").await;
    let users = h.texts_of(".event-meta bdi.user").await;
    assert!(users.iter().any(|u| u == BIDI_OVERRIDE), "{users:?}");
    h.visit("/").await;
    h.text_of(".alert-list li a bdi").await;
    let isolated = h
        .browser
        .execute(
            "return [...document.querySelectorAll('.alert-list li a')]
                 .every(a => a.firstElementChild && a.firstElementChild.tagName === 'BDI'
                     && a.firstElementChild.textContent === a.textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(isolated, serde_json::Value::Bool(true), "every site name in an alert is isolated");

    // The same name as the site a new one copies: isolated in "Copy of … (code)".
    h.visit("/sites/new").await;
    h.fill("#copy-site-search", code).await;
    h.wait_for_text("#copy-site-search-list", code).await.unwrap();
    h.press("#copy-site-search", &fantoccini::key::Key::Enter.to_string()).await;
    h.text_of(".picked bdi").await;
    let picked: Vec<String> =
        h.script("return [...document.querySelectorAll('.picked bdi')].map(b => b.textContent)").await;
    assert_eq!(picked, [name.clone(), code.clone()], "the copied site's name and code, each isolated");

    h.visit("/account").await;
    h.wait_for_text(".contact-view", HOSTILE[0]).await.unwrap();
    h.wait_for_text(".contact-view", HOSTILE[2]).await.unwrap();
    assert_usable(&h, "account", "#edit-contact").await;

    h.visit("/plans").await;
    h.wait_for_text("main", "<img src=x onerror=\"alert('plan')\">").await.unwrap();
    h.wait_for_text("main", "🎉 متجر").await.unwrap();
    assert_usable(&h, "plans", "main h1").await;

    // The switcher's results too.
    h.press("body", &format!("{}k", fantoccini::key::Key::Control)).await;
    h.text_of("dialog.switcher[open] #switcher-search").await;
    h.fill("#switcher-search", "script").await;
    h.wait_for_text("dialog.switcher", &hostile[0].1).await.unwrap();

    let caught = caught(&h).await;
    assert!(caught.is_empty(), "nothing injected ran or appeared: {caught:?}");
    h.close().await;
}
