//! Two panels on one host page, signed in to two accounts: each shows its own account, contact and
//! sites, nothing crosses over when both load at once, an expiry or a sign-out in one leaves the
//! other signed in, and what one account leaves behind (a draft, recent sites) is never offered to
//! another; an account's labels show in its own panel only, and are kept for its return.

use std::path::Path;

use kiubi_e2e::{copy_tree, dist_dir, Harness, DEMO_API_KEY};
use kiubi_standin::seed::{DEMO_ACCOUNT, OTHER_ACCOUNT, OTHER_ACCOUNT_KEY, OTHER_SITE};
use serde_json::Value;

const HOST: &str = r#"<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Two panels</title><script type="module" src="embed.js"></script></head>
  <body>
    <kiubi-admin id="a" locale="en" storage-key="a" token="A_TOKEN"></kiubi-admin>
    <kiubi-admin id="b" locale="en" token="B_TOKEN"></kiubi-admin>
  </body>
</html>"#;

async fn text(h: &Harness, panel: &str, css: &str) -> String {
    let found = h.in_panel(panel, &format!("return root.querySelector({css:?})?.textContent ?? ''")).await;
    found.as_str().unwrap_or_default().to_owned()
}

async fn wait_text(h: &Harness, panel: &str, css: &str, expected: &str) {
    let script = format!("return (root.querySelector({css:?})?.textContent ?? '').includes({expected:?})");
    h.wait_in_panel(panel, &format!("{expected:?} in {css} of panel {panel}"), &script).await;
}

/// Follows the sidebar's link to `href_end` in `panel`, once the panel shows it.
async fn go(h: &Harness, panel: &str, href_end: &str) {
    let link = format!("root.querySelector('#sidebar a[href$=\"{href_end}\"]')");
    h.wait_in_panel(panel, &format!("the link to {href_end} in panel {panel}"), &format!("return !!{link}")).await;
    h.in_panel(panel, &format!("{link}.click()")).await;
}

/// The keys of users' session data (drafts, recent sites, jobs) among `keys`.
fn user_keys(keys: &[String]) -> Vec<String> {
    keys.iter().filter(|k| k.contains(".user.")).cloned().collect()
}

async fn set_token(h: &Harness, panel: &str, token: &str) {
    let script = format!("document.getElementById('{panel}').setAttribute('token', '{token}')");
    h.browser.execute(&script, vec![]).await.unwrap();
}

#[tokio::test]
async fn two_panels_signed_in_to_two_accounts_share_nothing() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&dist_dir(), site.path());
    let page = HOST.replace("A_TOKEN", DEMO_API_KEY).replace("B_TOKEN", OTHER_ACCOUNT_KEY);
    std::fs::write(site.path().join("two.html"), page).unwrap();
    assert!(Path::new(&site.path().join("embed.js")).exists(), "the build's embed.js");
    let served = site.path().to_owned();
    let h = Harness::start_with(move |config| config.dist = Some(served)).await;
    // Panel a's demo account has a label on its first site, in the team's workspace beside its API.
    h.open("/config.json").await;
    let first_site = h.api_data("/v1/sites.json?limit=1&sort=code_site").await[0]["code_site"].clone();
    let organize = serde_json::json!({
        "labels": [{"name": "Client A", "colour": "blue"}],
        "site_labels": {first_site.as_str().unwrap(): ["Client A"]},
    });
    let organize_key = format!("kiubi.panel.a.workspace.{DEMO_ACCOUNT}.organize");
    let write = serde_json::json!({"base_revision": 0, "document": {"organize": organize}}).to_string();
    let stored = h
        .browser
        .execute_async(
            "const [key, body, done] = arguments;
             fetch('/team/v1/workspace', { method: 'PUT', body,
               headers: { Authorization: 'token ' + key, 'Content-Type': 'application/json' } }).then(r => done(r.status));",
            vec![DEMO_API_KEY.into(), write.into()],
        )
        .await
        .unwrap();
    assert_eq!(stored, Value::from(200));
    h.open("/two.html").await;

    // Both load at once; each its own account, contact and sites.
    go(&h, "a", "/account").await;
    go(&h, "b", "/account").await;
    wait_text(&h, "a", ".contact-view", "camille.martin@agence-exemple.fr").await;
    wait_text(&h, "b", ".contact-view", "paul.durand@voisin.example").await;
    assert!(text(&h, "a", ".card.account").await.contains(DEMO_ACCOUNT));
    assert!(text(&h, "b", ".card.account").await.contains(OTHER_ACCOUNT));
    go(&h, "a", "/sites").await;
    go(&h, "b", "/sites").await;
    wait_text(&h, "a", ".pager .count", "of 52 sites").await;
    h.wait_in_panel("b", "panel b's one site", "return root.querySelectorAll('table.sites tbody tr').length === 1")
        .await;
    assert!(text(&h, "b", "table.sites tbody").await.contains(OTHER_SITE));
    assert!(!text(&h, "a", "table.sites tbody").await.contains(OTHER_SITE));
    // The label shows in panel a only, on its site.
    let labelled = format!("table.sites tr[data-code={first_site}] .site-labels");
    wait_text(&h, "a", &labelled, "Client A").await;
    assert_eq!(h.in_panel("b", "return root.querySelectorAll('.site-labels').length").await, Value::from(0));

    // Panel a (storage-key "a") opens a site and starts editing its contact: its recent sites and
    // its draft are kept under its own key and account; panel b (no storage-key) keeps nothing.
    h.in_panel("a", "root.querySelector('table.sites tbody tr td.name a').click()").await;
    h.wait_in_panel("a", "a site page", "return !!root.querySelector('.site-head:not([aria-busy]) h1')").await;
    go(&h, "a", "/account").await;
    h.wait_in_panel("a", "the contact", "return !!root.querySelector('#edit-contact')").await;
    h.in_panel("a", "root.querySelector('#edit-contact').click()").await;
    h.wait_in_panel("a", "the contact form", "return !!root.querySelector('#f-function')").await;
    h.in_panel(
        "a",
        "const field = root.querySelector('#f-function'); field.value = 'Brouillon de A';
         field.dispatchEvent(new Event('input', { bubbles: true }));",
    )
    .await;
    let recent = format!("kiubi.panel.a.user.{DEMO_ACCOUNT}.recentSites");
    let draft = format!("kiubi.panel.a.user.{DEMO_ACCOUNT}.draft.contact");
    let (device, tab) = (h.storage_keys("localStorage").await, h.storage_keys("sessionStorage").await);
    assert!(device.iter().chain(&tab).all(|k| k.starts_with("kiubi.panel.a.")), "b keeps nothing: {device:?} {tab:?}");
    assert_eq!(user_keys(&device), [recent], "{device:?}");
    assert_eq!(user_keys(&tab), [draft], "{tab:?}");

    // Another account signs in to panel a: a's draft and recent sites are not offered, and dropped.
    set_token(&h, "a", OTHER_ACCOUNT_KEY).await;
    wait_text(&h, "a", ".contact-view", "paul.durand@voisin.example").await;
    assert_eq!(h.in_panel("a", "return !!root.querySelector('form.contact')").await, Value::Bool(false));
    assert_eq!(user_keys(&h.storage_keys("localStorage").await), Vec::<String>::new());
    assert_eq!(user_keys(&h.storage_keys("sessionStorage").await), Vec::<String>::new());
    // The first account's labels are not shown to the other, and its device copy is kept for its return.
    go(&h, "a", "/sites").await;
    h.wait_in_panel(
        "a",
        "the other account's list",
        "return root.querySelectorAll('table.sites tbody tr').length === 1",
    )
    .await;
    assert_eq!(h.in_panel("a", "return root.querySelectorAll('.site-labels').length").await, Value::from(0));
    assert!(h.storage_keys("localStorage").await.contains(&organize_key));

    // A refused token expires panel b only.
    set_token(&h, "b", &"f".repeat(40)).await;
    wait_text(&h, "b", ".panel-root", "Your session has expired").await;
    go(&h, "a", "/sites").await;
    h.wait_in_panel("a", "panel a's list", "return root.querySelectorAll('table.sites tbody tr').length === 1").await;

    // Panel b signs in again (the demo account); signing out of panel a leaves b signed in.
    set_token(&h, "b", DEMO_API_KEY).await;
    wait_text(&h, "b", ".pager .count", "of 52 sites").await;
    h.in_panel("a", "root.querySelector('.sign-out').click()").await;
    h.wait_in_panel("a", "panel a's sign-in", "return !!root.querySelector('#api-key')").await;
    go(&h, "b", "/account").await;
    wait_text(&h, "b", ".contact-view", "camille.martin@agence-exemple.fr").await;
    assert_eq!(h.in_panel("b", "return !!root.querySelector('#api-key')").await, Value::Bool(false));
    h.close().await;
}
