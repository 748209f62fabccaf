//! The panel under the stand-in's strict Content-Security-Policy (no inline script or style, the API
//! on its own origin): a walk through every page and dialog causes no violation report.

use std::time::Duration;

use fantoccini::key::Key;
use kiubi_e2e::Harness;

/// The violations reported so far, after giving the browser time to send them.
async fn reports(h: &Harness) -> Vec<String> {
    tokio::time::sleep(Duration::from_millis(400)).await;
    h.standin.control.csp_reports()
}

#[tokio::test]
async fn every_page_runs_under_a_strict_content_security_policy() {
    let h = Harness::start().await;
    h.open("/sign-in").await;
    h.text_of("#api-key").await;
    let policy = h
        .browser
        .execute_async(
            "const done = arguments[0]; fetch('/sign-in').then(r => done(r.headers.get('content-security-policy')));",
            vec![],
        )
        .await
        .unwrap();
    let policy = policy.as_str().unwrap().to_owned();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval';") && policy.contains("style-src 'self';"),
        "{policy}"
    );

    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    // The switcher's dialog.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.text_of("dialog.switcher[open]").await;
    h.press("#switcher-search", &Key::Escape.to_string()).await;
    for (path, ready) in [
        ("/".to_owned(), ".site-card .sparkline"),
        ("/sites/new".to_owned(), "#f-plan_id option[value='2']"),
        (format!("/sites/{code}"), ".usage .stack"),
        (format!("/sites/{code}/stats?range=12m&compare=1"), ".chart path.line.previous"),
        (format!("/sites/{code}/activity"), ".feed"),
        (format!("/sites/{code}/backups"), "ul.backups"),
        (format!("/sites/{code}/subscription"), ".subscription"),
        ("/plans".to_owned(), ".plans"),
        ("/account".to_owned(), ".contact-view"),
    ] {
        h.open(&path).await;
        h.text_of(ready).await;
    }
    // The chart's tooltip and the stack's widths are positioned by script: allowed.
    h.open(&format!("/sites/{code}/stats")).await;
    h.text_of(".chart svg").await;
    h.browser.execute("document.querySelector('.chart svg').focus()", vec![]).await.unwrap();
    h.text_of(".chart-tooltip").await;
    // Dialogs and the contact form.
    h.open(&format!("/sites/{code}")).await;
    h.text_of(".danger-zone > button").await;
    h.click(".danger-zone > button").await;
    h.text_of("dialog.confirm[open] #delete-confirm").await;
    h.open("/account").await;
    h.text_of("#edit-contact").await;
    h.click("#edit-contact").await;
    h.text_of("form.contact").await;
    assert_eq!(reports(&h).await, Vec::<String>::new());

    // The check sees a violation when there is one: an inline style attribute.
    h.browser.execute("document.body.setAttribute('style', 'outline: 1px solid red')", vec![]).await.unwrap();
    let mut seen = Vec::new();
    for _ in 0..30 {
        seen = reports(&h).await;
        if !seen.is_empty() {
            break;
        }
    }
    assert!(seen.iter().any(|r| r.contains("style-src")), "{seen:?}");
    h.close().await;
}
