//! Where the token goes (only where it must), and failures shown where they happen with a way on.

use kiubi_e2e::{wait_until, Harness, DEMO_API_KEY};
use kiubi_standin::Fault;
use serde_json::Value;

/// Every URL the page asked for, every value of both storages, and the cookies.
async fn traces(h: &Harness) -> (Vec<String>, Vec<String>, Vec<String>, String) {
    h.script(
        "const values = s => Object.keys(s).map(k => s.getItem(k));
         return [performance.getEntriesByType('resource').map(e => e.name).concat([location.href]),
                 values(localStorage), values(sessionStorage), document.cookie];",
    )
    .await
}

#[tokio::test]
async fn the_key_stays_out_of_urls_cookies_the_console_and_lasting_storage() {
    let h = Harness::start().await;
    // Everything written to the console from before the sign-in on (the page is not reloaded after).
    h.open("/sign-in").await;
    h.text_of("#api-key").await;
    h.browser
        .execute(
            "window.__console = [];
             for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
                 const original = console[level];
                 console[level] = (...args) => {
                     window.__console.push(args.map((a) => { try { return typeof a === 'string' ? a : JSON.stringify(a) ?? String(a); } catch { return String(a); } }).join(' '));
                     original.apply(console, args);
                 };
             }",
            vec![],
        )
        .await
        .unwrap();
    // A refused key first (its failure is reported), then the right one.
    h.fill("#api-key", &"0".repeat(40)).await;
    h.click("form button[type=submit]").await;
    h.text_of("#sign-in-error").await;
    h.fill("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    for path in [format!("/sites/{code}"), format!("/sites/{code}/stats"), "/account".to_owned()] {
        h.browser
            .execute(
                "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));",
                vec![path.into()],
            )
            .await
            .unwrap();
        h.text_of("main h1, .site-head:not([aria-busy]) h1").await;
    }
    let (urls, local, per_tab, cookies) = traces(&h).await;
    assert!(urls.iter().all(|u| !u.contains(DEMO_API_KEY)), "{urls:?}");
    assert!(local.iter().all(|v| !v.contains(DEMO_API_KEY)), "no lasting copy without 'stay signed in': {local:?}");
    assert!(per_tab.iter().any(|v| v == DEMO_API_KEY), "the tab keeps it to survive a reload");
    assert_eq!(cookies, "");

    h.click(".topbar button.sign-out").await;
    h.text_of("#api-key").await;
    let (_, local, per_tab, _) = traces(&h).await;
    assert!(local.iter().chain(&per_tab).all(|v| !v.contains(DEMO_API_KEY)), "gone everywhere: {local:?} {per_tab:?}");
    let console: Vec<String> =
        serde_json::from_value(h.browser.execute("return window.__console", vec![]).await.unwrap()).unwrap();
    assert!(console.iter().all(|line| !line.contains(DEMO_API_KEY) && !line.contains(&"0".repeat(40))), "{console:?}");
    h.close().await;
}

#[tokio::test]
async fn failures_say_what_happened_and_retry_works_once_the_fault_clears() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;

    // Maintenance on every try of a read: the message, then a retry that works.
    h.standin.control.fail_next(3);
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".error-panel", "under maintenance").await.unwrap();
    assert_no_spinner(&h).await;
    h.click(".error-panel button").await;
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();

    // One failed try is retried without the user seeing it.
    h.standin.control.fail_next(1);
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".pager .count", "41–52 of 52 sites").await.unwrap();

    // A plain-HTTP API elsewhere than this computer is refused before the key is sent anywhere.
    h.click(".topbar button.sign-out").await;
    h.fill("#api-base", "http://api.kiubi.example").await;
    h.fill("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text("#sign-in-error", "https:// (http:// only for this computer)").await.unwrap();

    // An API that cannot be reached, chosen at sign-in: said at once, nothing kept.
    h.fill("#api-base", "http://127.0.0.1:9").await;
    h.fill("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text("#sign-in-error", "cannot be reached").await.unwrap();
    let kept = h.browser.execute("return sessionStorage.getItem('kiubi.token')", vec![]).await.unwrap();
    assert_eq!(kept, Value::Null);
    h.close().await;
}

async fn assert_no_spinner(h: &Harness) {
    assert!(h.browser.find(fantoccini::Locator::Css(".progress-bar")).await.is_err(), "no spinner left running");
}

/// The next page of sites read while the stand-in answers `tries` times with `fault`: `said` in the
/// page's place, no spinner left, then the page shown by the retry (`shown`: its count).
async fn next_page_fails_then_retried(h: &Harness, tries: u32, fault: Fault, said: &str, shown: &str) {
    h.standin.control.fail_next_with(tries, fault);
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".error-panel", said).await.unwrap();
    assert_no_spinner(h).await;
    h.click(".error-panel button").await;
    h.wait_for_text(".pager .count", shown).await.unwrap();
}

#[tokio::test]
async fn a_server_error_an_unreadable_reply_and_the_rate_limit_are_said_and_nothing_typed_is_lost() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;

    // A 500 on every try of a read: said in the user's language (not the API's French), then retried.
    let failing = "The API ran into an error, try again (500, 5007)";
    next_page_fails_then_retried(&h, 3, Fault::Unexpected, failing, "21–40 of 52 sites").await;
    // A reply cut in the middle: not tried again (it would read the same), said, and retried on demand.
    next_page_fails_then_retried(&h, 1, Fault::Undecodable, "cannot be read", "41–52 of 52 sites").await;

    // The rate limit on a write (never retried by itself): said in the form, every field kept, and
    // sent again by the user once the quota allows.
    h.click("#sidebar a[href='/account']").await;
    h.click("#edit-contact").await;
    h.fill("#f-company_city", "Angers").await;
    h.fill("#f-function", "Gérante").await;
    h.standin.control.fail_next_with(1, Fault::RateLimited);
    h.click("form.contact button[type=submit]").await;
    h.wait_for_text("form.contact .error-panel", "Too many requests").await.unwrap();
    assert_no_spinner(&h).await;
    assert_eq!(h.value_of("#f-company_city").await, "Angers");
    assert_eq!(h.value_of("#f-function").await, "Gérante");
    h.click("form.contact button[type=submit]").await;
    h.wait_for_text(".contact-view dd[data-field=company_city]", "Angers").await.unwrap();
    h.close().await;
}

#[tokio::test]
async fn a_page_of_100_000_items_and_a_9_mb_reply_are_refused_without_a_trap() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;

    // A page of 20 that brings 100,000 items: refused as unreadable (not tried again), the panel goes on.
    next_page_fails_then_retried(&h, 1, Fault::Flood, "cannot be read", "21–40 of 52 sites").await;
    // 9 MB, its length declared: refused before it is read, said, and retried on demand.
    next_page_fails_then_retried(&h, 1, Fault::Oversized, "cannot be read", "41–52 of 52 sites").await;
    let fatal = h.script::<bool>("return !!document.querySelector('.fatal')").await;
    assert!(!fatal, "no fatal error screen");
    h.close().await;
}

#[tokio::test]
async fn an_api_slower_than_the_time_limit_is_said_and_retried() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    // Beyond the panel's 15 s limit: the request gives up and says so, instead of spinning.
    h.standin.control.set_latency_ms(16_000);
    h.click(".pager a[rel=next]").await;
    h.text_of(".progress-bar").await;
    let error_panel = async || h.browser.find(fantoccini::Locator::Css(".error-panel")).await.is_ok();
    wait_until("the timeout said", std::time::Duration::from_secs(30), error_panel).await;
    h.wait_for_text(".error-panel", "did not answer in time").await.unwrap();
    assert_no_spinner(&h).await;
    h.standin.control.set_latency_ms(0);
    h.click(".error-panel button").await;
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();
    h.close().await;
}
