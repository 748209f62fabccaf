//! The panel under the stand-in's strict Content-Security-Policy (no inline script or style, the API
//! on its own origin): a walk through every page and dialog causes no violation report.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness};

/// A violation of our own making, told apart from any other by its address (a loopback one, never
/// fetched: the policy blocks it); the browser reports a violation once per page, so each control
/// has an address of its own.
const CONTROL: &str = "http://127.0.0.2:9/csp-control.png";

/// Every violation reported for what happened so far. The browser sends reports as violations happen:
/// once the report of a violation caused now has come, those of earlier ones have come too. So this
/// causes one and waits for its report, as long as it takes, then returns the others.
async fn reports(h: &Harness) -> Vec<String> {
    let before = h.standin.control.csp_reports().len();
    h.browser
        .execute(
            "document.body.append(Object.assign(new Image(), { src: arguments[0], alt: '' }));",
            vec![format!("{CONTROL}?{before}").into()],
        )
        .await
        .unwrap();
    let arrived = async || h.standin.control.csp_reports()[before..].iter().any(|r| r.contains(CONTROL));
    wait_until("the control violation's report", Duration::from_secs(30), arrived).await;
    h.browser
        .execute("document.querySelectorAll('img[src*=csp-control]').forEach(i => i.remove());", vec![])
        .await
        .unwrap();
    h.standin.control.csp_reports().into_iter().filter(|r| !r.contains(CONTROL)).collect()
}

#[tokio::test]
async fn every_page_runs_under_a_strict_content_security_policy() {
    let h = Harness::start().await;
    h.open("/sign-in").await;
    h.text_of("#api-key").await;
    let policy = h.policy_of("/sign-in").await;
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval';") && policy.contains("style-src 'self';"),
        "{policy}"
    );

    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    // The chart's tooltip and the stack's widths are positioned by script: allowed.
    h.walk_every_page(&code, async |_| {}).await;
    assert_eq!(reports(&h).await, Vec::<String>::new());

    // The check sees a violation when there is one: an inline style attribute.
    h.browser.execute("document.body.setAttribute('style', 'outline: 1px solid red')", vec![]).await.unwrap();
    let seen = reports(&h).await;
    assert!(seen.iter().any(|r| r.contains("style-src")), "{seen:?}");
    h.close().await;
}
