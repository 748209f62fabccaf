//! The sites list, site creation, the site page and deletion, against the stand-in.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use kiubi_e2e::{wait_for, Harness, DEMO_API_KEY};
use kiubi_standin::seed::OTHER_ACCOUNT_KEY;
use serde_json::Value;

fn codes(sites: &Value) -> Vec<String> {
    sites.as_array().unwrap().iter().map(|s| s["code_site"].as_str().unwrap().to_owned()).collect()
}

async fn shown_codes(h: &Harness) -> Vec<String> {
    h.texts_of("table.sites tbody td.code").await
}

/// Waits until the table shows exactly `expected` (in order) and no older rows are being replaced.
async fn wait_for_rows(h: &Harness, expected: &[String]) {
    let shown = wait_for(Duration::from_secs(10), async || {
        let stale = h.browser.find(Locator::Css(".list.stale")).await.is_ok();
        let shown = shown_codes(h).await;
        if !stale && shown == expected {
            Ok(())
        } else {
            Err(format!("it shows {shown:?}"))
        }
    });
    shown.await.unwrap_or_else(|e| panic!("the table never showed {expected:?}; {e}"));
}

#[tokio::test]
async fn search_filters_and_sort_follow_the_stand_in_and_live_in_the_url() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();

    // Search: debounced, by relevance, in the URL (one history entry, not one per key).
    h.fill("#site-search", "lyon").await;
    let expected = codes(&h.api_data("/v1/sites.json?term=lyon&sort=relevance&limit=20").await);
    assert!(!expected.is_empty() && expected.len() < 20);
    wait_for_rows(&h, &expected).await;
    assert_eq!(h.location().await, "/sites?term=lyon");
    assert_eq!(h.value_of("#site-sort").await, "relevance");

    // Type filter and sort: the order the stand-in gives.
    h.select("#site-type", "trial").await;
    h.select("#site-sort", "-creation_date").await;
    let expected = codes(&h.api_data("/v1/sites.json?term=lyon&type=trial&sort=-creation_date&limit=20").await);
    wait_for_rows(&h, &expected).await;
    assert_eq!(h.location().await, "/sites?term=lyon&type=trial&sort=-creation_date");

    // A reload lands on the same view; Back returns to the previous one.
    h.browser.refresh().await.unwrap();
    wait_for_rows(&h, &expected).await;
    assert_eq!(h.value_of("#site-search").await, "lyon");
    assert_eq!(h.value_of("#site-type").await, "trial");
    h.browser.back().await.unwrap();
    let before_sort = codes(&h.api_data("/v1/sites.json?term=lyon&type=trial&sort=relevance&limit=20").await);
    wait_for_rows(&h, &before_sort).await;

    // No match: the empty state says why and clears the filters.
    h.fill("#site-search", "zzzz-nothing").await;
    h.wait_for_text(".empty", "No site matches “zzzz-nothing”").await.unwrap();
    h.click(".empty a").await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    assert_eq!(h.value_of("#site-search").await, "");
    h.screenshot("sites-list").await;
    h.assert_accessible("sites list").await;
    h.close().await;
}

#[tokio::test]
async fn paging_through_ten_thousand_sites_stays_quick() {
    let h = Harness::start_with(|config| config.seed_sites = 10_000).await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 10,000 sites").await.unwrap();
    let started = Instant::now();
    h.click(".pager a[aria-label='Last page']").await;
    h.wait_for_text(".pager .count", "9,981–10,000 of 10,000 sites").await.unwrap();
    let last = codes(&h.api_data("/v1/sites.json?page=499&limit=20").await);
    wait_for_rows(&h, &last).await;
    h.click(".pager a[rel=prev]").await;
    h.wait_for_text(".pager .count", "9,961–9,980 of 10,000 sites").await.unwrap();
    h.click(".pager a[aria-label='First page']").await;
    h.wait_for_text(".pager .count", "1–20 of 10,000 sites").await.unwrap();
    // A figure for the log, not a timed assertion (see BENCHMARKS.md for measurements).
    println!("three page changes on 10,000 sites: {:?}", started.elapsed());
    assert_eq!(h.location().await, "/sites");
    h.close().await;
}

/// Fills every required field of the new-site form with valid values.
async fn fill_new_site(h: &Harness, code: &str) {
    h.select("#f-plan_id", "2").await;
    h.fill("#f-code_site", code).await;
    h.fill("#f-site_name", "Boutique <b>test</b>").await;
    h.select("#f-contact_civility", "Mrs").await;
    h.fill("#f-contact_firstname", "Jeanne").await;
    h.fill("#f-contact_lastname", "Dupont").await;
    h.fill("#f-contact_email", "jeanne@exemple.fr").await;
    h.fill("#f-contact_phone", "04 72 00 00 00").await;
    h.fill("#f-contact_address", "1 rue de la Paix").await;
    h.fill("#f-contact_zipcode", "69001").await;
    h.fill("#f-contact_city", "Lyon").await;
    h.select("#f-contact_country_id", "1").await;
}

#[tokio::test]
async fn creating_a_site_checks_the_form_then_follows_the_job_to_the_new_site() {
    let h = Harness::start().await;
    h.standin.control.set_job_ms(1200);
    h.sign_in_to_sites().await;
    h.click(".page-head a.button").await;
    h.wait_for_text("main h1", "New site").await.unwrap();

    // Nothing sent while required fields are empty: every one is marked, the focus on the first.
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text("#form-problems", "12 fields to fix").await.unwrap();
    h.wait_for_text("#f-plan_id-error", "Required.").await.unwrap();
    let focused = h.browser.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "f-plan_id");

    // Formats the reference does not state are the API's to judge: its verdicts on their fields.
    fill_new_site(&h, "Bad Code").await;
    h.fill("#f-contact_email", "jeanne@").await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text("#f-code_site-error", "minuscules").await.unwrap();
    h.wait_for_text("#f-contact_email-error", "Adresse email invalide").await.unwrap();

    // The API's verdict (a code already taken) on its field, the rest of the form kept.
    let taken = codes(&h.api_data("/v1/sites.json?limit=1").await).remove(0);
    h.fill("#f-code_site", &taken).await;
    h.fill("#f-contact_email", "jeanne@exemple.fr").await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text("#f-code_site-error", "déjà utilisé").await.unwrap();
    assert_eq!(h.value_of("#f-contact_city").await, "Lyon");

    // A copy of an existing site, picked by searching.
    let source = h.api_data("/v1/sites.json?term=nantes&limit=1&sort=relevance").await[0].clone();
    h.fill("#copy-site-search", "nantes").await;
    h.wait_for_text("#copy-site-search-list", source["code_site"].as_str().unwrap()).await.unwrap();
    h.press("#copy-site-search", &Key::Enter.to_string()).await;
    h.wait_for_text(".picked", source["name"].as_str().unwrap()).await.unwrap();

    h.fill("#f-code_site", "boutique-test").await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text(".job", "Creating the site").await.unwrap();
    let button = h.browser.find(Locator::Css("form.new-site button[type=submit]")).await.unwrap();
    assert_eq!(button.attr("disabled").await.unwrap().as_deref(), Some("true"), "no second creation while one runs");
    h.wait_for_text(".site-head:not([aria-busy]) h1", "Boutique <b>test</b>").await.unwrap();
    assert_eq!(h.location().await, "/sites/boutique-test");
    h.wait_for_text(".toasts", "Site boutique-test is created.").await.unwrap();
    // The copy took the source's features (the stand-in's job applies them).
    let created = h.api_data("/v1/sites/boutique-test.json?extra_fields=features").await;
    let original =
        h.api_data(&format!("/v1/sites/{}.json?extra_fields=features", source["code_site"].as_str().unwrap())).await;
    assert_eq!(created["features"], original["features"]);

    // The draft is gone: the form is empty next time.
    h.open("/sites/new").await;
    h.text_of("#f-code_site").await;
    assert_eq!(h.value_of("#f-site_name").await, "");
    h.close().await;
}

#[tokio::test]
async fn a_halted_creation_says_why_and_keeps_the_form() {
    let h = Harness::start().await;
    h.standin.control.set_job_ms(600);
    h.standin.control.set_halt_jobs(true);
    h.sign_in_to_sites().await;
    h.open("/sites/new").await;
    fill_new_site(&h, "boutique-halte").await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text(".job.failed", "failed").await.unwrap();
    assert_eq!(h.value_of("#f-code_site").await, "boutique-halte");
    assert_eq!(h.value_of("#f-contact_city").await, "Lyon");
    let button = h.browser.find(Locator::Css("form.new-site button[type=submit]")).await.unwrap();
    assert_eq!(button.attr("disabled").await.unwrap(), None, "the user can try again");
    h.assert_accessible("new site form after a failed job").await;
    h.close().await;
}

#[tokio::test]
async fn what_was_typed_survives_an_expired_session() {
    let h = Harness::start().await;
    h.sign_in_with_login_to_sites().await;
    h.open("/sites/new").await;
    fill_new_site(&h, "boutique-reprise").await;
    h.standin.expire_sessions().await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    h.sign_in_with_login("demo", "demo-kiubi").await;
    h.wait_for_text("main h1", "New site").await.unwrap();
    h.text_of("#f-code_site").await;
    assert_eq!(h.value_of("#f-code_site").await, "boutique-reprise");
    assert_eq!(h.value_of("#f-contact_email").await, "jeanne@exemple.fr");
    assert_eq!(h.value_of("#f-contact_country_id").await, "1");
    h.close().await;
}

#[tokio::test]
async fn another_account_signing_in_is_never_offered_what_the_first_left() {
    let h = Harness::start().await;
    h.sign_in_with_login_to_sites().await;
    h.click("table.sites tbody tr td.name a").await;
    h.text_of(".site-head:not([aria-busy]) h1").await;
    h.open("/sites/new").await;
    fill_new_site(&h, "brouillon-de-camille").await;
    let first_account = |k: &str| k.starts_with("kiubi.user.100234.");
    let kept = h.stored_keys(first_account).await;
    assert_eq!(kept, ["kiubi.user.100234.draft.new-site", "kiubi.user.100234.recentSites"]);

    // The session expires; someone else signs in, with another account's key, on the same tab.
    h.standin.expire_sessions().await;
    h.click("form.new-site button[type=submit]").await;
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    h.press("#api-key", OTHER_ACCOUNT_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text("main h1", "New site").await.unwrap();
    h.text_of("#f-code_site").await;
    assert_eq!(h.value_of("#f-code_site").await, "", "not the first account's draft");
    assert_eq!(h.value_of("#f-contact_email").await, "");
    h.click(".switcher-button").await;
    h.wait_for_text("dialog.switcher .search-status", "Type a name").await.unwrap();
    assert_eq!(h.stored_keys(first_account).await, Vec::<String>::new(), "dropped");
    h.close().await;
}

#[tokio::test]
async fn the_site_page_shows_each_plan_state() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    for (site_type, badge) in
        [("closed", "Closed"), ("closing_soon", "Closes on"), ("trial", "Trial"), ("demo", "Demo"), ("free", "Free")]
    {
        let site = h.api_data(&format!("/v1/sites.json?type={site_type}&limit=1")).await[0].clone();
        let code = site["code_site"].as_str().unwrap();
        h.open(&format!("/sites/{code}")).await;
        h.wait_for_text(".site-head:not([aria-busy]) h1", site["name"].as_str().unwrap()).await.unwrap();
        h.wait_for_text(".card.plan", badge).await.unwrap();
        if site_type == "closing_soon" {
            h.wait_for_text(".warning-panel", "This site closes in").await.unwrap();
        }
    }
    h.wait_for_text(".breadcrumbs", "Sites").await.unwrap();
    h.wait_for_text(".cards", "Your access rights").await.unwrap();
    h.screenshot("site-overview").await;
    h.assert_accessible("site overview").await;
    h.open("/sites/no-such-site").await;
    h.text_of(".error-panel").await;
    h.close().await;
}

#[tokio::test]
async fn deleting_asks_for_the_code_and_then_the_site_is_gone() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    let site = h.api_data("/v1/sites.json?limit=1").await[0].clone();
    let code = site["code_site"].as_str().unwrap();
    h.click("table.sites tbody tr:first-child td.name a").await;
    h.wait_for_text(".site-head:not([aria-busy]) h1", site["name"].as_str().unwrap()).await.unwrap();
    h.click(".danger-zone > button").await;
    h.fill("#delete-confirm", "wrong-code").await;
    let confirm = h.browser.find(Locator::Css("dialog.confirm button[type=submit]")).await.unwrap();
    assert_eq!(confirm.attr("disabled").await.unwrap().as_deref(), Some("true"));
    h.assert_accessible("delete dialog").await;

    // A failure keeps the dialog open with the reason.
    h.standin.control.fail_next(1);
    h.fill("#delete-confirm", code).await;
    h.click("dialog.confirm button[type=submit]").await;
    h.text_of("dialog.confirm .field-error").await;
    assert!(h.browser.find(Locator::Css("dialog.confirm[open]")).await.is_ok());

    h.click("dialog.confirm button[type=submit]").await;
    h.wait_for_text(".toasts", &format!("Site {code} was deleted.")).await.unwrap();
    h.wait_for_text(".pager .count", "1–20 of 51 sites").await.unwrap();
    assert!(!shown_codes(&h).await.contains(&code.to_owned()));
    assert_eq!(h.location().await, "/sites");
    h.close().await;
}
