//! Embedding: `examples/embed/host.html`, a host page with hostile styles, shows the panel through
//! `<kiubi-admin>` and through `KiubiAdmin.mount()`; neither side's styles reach the other, the host's
//! URL stays as it is, and the host hears about navigations.

use std::path::Path;

use kiubi_e2e::{copy_tree, dist_dir, Harness, DEMO_API_KEY};
use serde_json::Value;

/// Runs `script` in the `<kiubi-admin id="panel">` of the host page.
async fn in_panel(h: &Harness, script: &str) -> Value {
    h.in_panel("panel", script).await
}

async fn wait_in_panel(h: &Harness, what: &str, script: &str) {
    h.wait_in_panel("panel", what, script).await;
}

#[tokio::test]
async fn a_hostile_host_page_embeds_the_panel_without_either_breaking_the_other() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&dist_dir(), site.path());
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/embed"), site.path());
    let served = site.path().to_owned();
    let h = Harness::start_with(move |config| config.dist = Some(served)).await;
    h.open("/host.html").await;

    // No token yet: the panel's own sign-in, inside its shadow root.
    wait_in_panel(&h, "the sign-in form", "return !!root.querySelector('#api-key')").await;
    // The host hands the token over: the portfolio home shows, then the sites list.
    h.browser
        .execute(&format!("document.getElementById('panel').setAttribute('token', '{DEMO_API_KEY}')"), vec![])
        .await
        .unwrap();
    wait_in_panel(
        &h,
        "the sites",
        "return (root.querySelector('.pager .count')?.textContent ?? '').includes('of 52 sites')",
    )
    .await;
    in_panel(&h, "root.querySelector('#sidebar a[href$=\"/sites\"]').click()").await;
    wait_in_panel(&h, "the sites list", "return !!root.querySelector('table.sites td')").await;

    // Styles stay on their side (the shadow root's own stylesheet, `embed-<hash>.css`, loaded).
    wait_in_panel(&h, "the panel's stylesheet", "return !!root.querySelector('link[rel=stylesheet]')?.sheet").await;
    let looks = in_panel(
        &h,
        "const cell = getComputedStyle(root.querySelector('table.sites td'));
         const button = getComputedStyle(root.querySelector('.page-head .button'));
         const note = getComputedStyle(document.getElementById('host-note'));
         return [cell.fontSize, cell.color, button.backgroundColor, note.fontSize, note.backgroundColor];",
    )
    .await;
    let looks: Vec<String> = serde_json::from_value(looks).unwrap();
    assert_eq!(looks[0], "15px", "{looks:?}");
    assert_ne!(looks[1], "rgb(255, 255, 0)", "{looks:?}");
    assert_ne!(looks[2], "rgb(255, 0, 0)", "{looks:?}");
    assert_eq!((looks[3].as_str(), looks[4].as_str()), ("40px", "rgb(255, 0, 0)"), "the host keeps its own look");

    // Navigating inside leaves the host's URL alone and tells the host.
    in_panel(&h, "root.querySelector('table.sites tbody tr td.name a').click()").await;
    wait_in_panel(&h, "the site page", "return !!root.querySelector('.site-head:not([aria-busy]) h1')").await;
    let url = h.browser.current_url().await.unwrap();
    assert_eq!((url.path(), url.fragment()), ("/host.html", None));
    let events = h.browser.execute("return window.hostEvents", vec![]).await.unwrap();
    let last = events.as_array().unwrap().last().unwrap();
    assert_eq!(last[0], "kiubi-navigate");
    assert!(last[1].as_str().unwrap().starts_with("/sites/"), "{events}");
    let title = h.browser.title().await.unwrap();
    assert_eq!(title, "Acme back office · Kiubi sites", "the host's title is the host's");

    // The JavaScript API: mount, then unmount, which leaves nothing behind.
    let mounted = h
        .browser
        .execute(
            &format!(
                "window.second = KiubiAdmin.mount(document.getElementById('second-panel'), {{ token: '{DEMO_API_KEY}', locale: 'fr' }});
                 return window.second;"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert!(mounted.as_u64().is_some());
    h.wait_for_text("#second-panel", "sur 52 sites").await.unwrap();
    h.browser.execute("KiubiAdmin.unmount(window.second)", vec![]).await.unwrap();
    let left =
        h.browser.execute("return document.getElementById('second-panel').childElementCount", vec![]).await.unwrap();
    assert_eq!(left, 0);

    // Taking the token back signs the panel out.
    h.browser.execute("document.getElementById('panel').removeAttribute('token')", vec![]).await.unwrap();
    wait_in_panel(&h, "the sign-in form again", "return !!root.querySelector('#api-key')").await;
    h.close().await;
}
