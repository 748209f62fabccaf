//! The app shell: both ways in, where the session is kept, reload, sign-out, language and theme.

use fantoccini::Locator;
use kiubi_e2e::{Harness, DEMO_API_KEY};
use serde_json::Value;

async fn storage(h: &Harness, which: &str) -> Value {
    h.browser.execute(&format!("return window.{which}.getItem('kiubi.token')"), vec![]).await.unwrap()
}

#[tokio::test]
async fn login_and_password_then_stay_signed_in_across_a_reload_then_sign_out() {
    let h = Harness::start().await;
    h.open("/sign-in?next=/sites").await;
    h.sign_in_with_login("demo", "wrong").await;
    h.wait_for_text("#sign-in-error", "Wrong login or password").await.unwrap();
    h.screenshot("sign-in").await;

    let password = h.browser.find(Locator::Css("#password")).await.unwrap();
    password.clear().await.unwrap();
    password.send_keys("demo-kiubi").await.unwrap();
    h.click("#stay").await;
    h.click("form button[type=submit]").await;
    h.wait_for_text("table.sites tbody", "atelier-lille").await.unwrap();
    let kept = storage(&h, "localStorage").await;
    assert!(
        kept.as_str().is_some_and(|t| t != DEMO_API_KEY && t.len() == 40),
        "a session token in localStorage: {kept}"
    );
    assert_eq!(storage(&h, "sessionStorage").await, Value::Null);
    assert_eq!(h.browser.title().await.unwrap(), "Sites · Kiubi Admin");

    h.browser.refresh().await.unwrap();
    h.wait_for_text("table.sites tbody", "atelier-lille").await.unwrap();

    h.click(".topbar button.sign-out").await;
    h.text_of("#api-key").await;
    h.wait_for_text(".toasts", "You are signed out.").await.unwrap();
    assert_eq!(storage(&h, "localStorage").await, Value::Null);
    assert_eq!(storage(&h, "sessionStorage").await, Value::Null);
    h.open("/sites").await;
    h.text_of("#api-key").await;
    h.close().await;
}

#[tokio::test]
async fn without_stay_signed_in_the_key_lives_in_the_tab_only() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text("table.sites tbody", "atelier-lille").await.unwrap();
    assert_eq!(storage(&h, "sessionStorage").await, Value::String(DEMO_API_KEY.into()));
    assert_eq!(storage(&h, "localStorage").await, Value::Null);
    h.browser.refresh().await.unwrap();
    h.wait_for_text("table.sites tbody", "atelier-lille").await.unwrap();
    // The key never shows in the address bar.
    assert!(!h.browser.current_url().await.unwrap().as_str().contains(DEMO_API_KEY));
    h.close().await;
}

#[tokio::test]
async fn language_switch_changes_the_words_and_is_remembered() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text("main h1", "Sites").await.unwrap();
    h.wait_for_text(".topbar", "Sign out").await.unwrap();
    h.click(".topbar .prefs button[lang=fr]").await;
    h.wait_for_text(".topbar", "Se déconnecter").await.unwrap();
    h.wait_for_text("table.sites thead", "Nom").await.unwrap();
    h.wait_for_text(".pager", "1–20 sur 52 sites").await.unwrap();
    let lang = h.browser.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(lang, "fr");
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".topbar", "Se déconnecter").await.unwrap();

    // Theme: system → light → dark, on <html>, remembered.
    h.click(".topbar .theme-toggle").await;
    h.click(".topbar .theme-toggle").await;
    let theme = h.browser.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
    assert_eq!(theme, "dark");
    h.browser.refresh().await.unwrap();
    h.text_of("table.sites").await;
    let theme = h.browser.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
    assert_eq!(theme, "dark");
    h.close().await;
}

#[tokio::test]
async fn an_expired_session_returns_to_the_same_page_after_signing_in_again() {
    let h = Harness::start().await;
    h.sign_in_with_login_to_sites().await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();

    h.standin.expire_sessions().await;
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    let url = h.browser.current_url().await.unwrap();
    assert_eq!((url.path(), url.query()), ("/sign-in", Some("next=%2Fsites%3Fpage%3D1&expired=1")));
    h.sign_in_with_login("demo", "demo-kiubi").await;
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();

    // A session kept in the tab but expired meanwhile: a reload says so too.
    h.standin.expire_sessions().await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    h.close().await;
}

#[tokio::test]
async fn a_session_kept_on_the_device_ends_after_three_days_unused() {
    let h = Harness::start().await;
    h.open("/sign-in?next=/sites").await;
    h.wait_for_text("label.check", "30 days at most, 3 days unused").await.unwrap();
    h.fill("#api-key", DEMO_API_KEY).await;
    h.click("#stay").await;
    h.click("form button[type=submit]").await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    // Two days later, the session is there, and used again.
    h.shift_clock(2).await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    // Four days after that use, more than three days unused: it has ended, and says so.
    h.shift_clock(6).await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".notice", "Your session has expired").await.unwrap();
    assert_eq!(storage(&h, "localStorage").await, Value::Null, "no token left on the device");
    h.close().await;
}

#[tokio::test]
async fn a_slim_progress_bar_shows_while_requests_are_under_way() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    // The list's rows may come before the frame's other reads end (the account, the team's
    // workspace): once none is under way, no bar.
    let no_bar = async || h.browser.find(Locator::Css(".progress-bar")).await.is_err();
    kiubi_e2e::wait_until("no bar when idle", std::time::Duration::from_secs(10), no_bar).await;
    h.standin.control.set_latency_ms(1500);
    h.click(".pager a[rel=next]").await;
    h.text_of(".progress-bar").await;
    h.standin.control.set_latency_ms(0);
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();
    assert!(h.browser.find(Locator::Css(".progress-bar")).await.is_err(), "gone when done");
    h.close().await;
}

#[tokio::test]
async fn screens_have_no_serious_accessibility_violations_in_either_theme() {
    let h = Harness::start().await;
    h.open("/sign-in").await;
    h.text_of("#api-key").await;
    h.assert_accessible("sign-in (API key)").await;
    h.click(".tabs.method button:nth-child(2)").await;
    h.text_of("#login").await;
    h.assert_accessible("sign-in (login)").await;
    h.open("/sign-in").await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    h.assert_accessible("sites, system theme").await;
    h.click(".topbar .theme-toggle").await;
    h.click(".topbar .theme-toggle").await;
    h.assert_accessible("sites, dark theme").await;
    h.open("/").await;
    h.text_of(".site-card[data-state=ready] .sparkline").await;
    h.text_of(".alert-list li").await;
    h.assert_accessible("portfolio home, dark theme").await;
    h.open("/no/such/page").await;
    h.wait_for_text("main h1", "Page not found").await.unwrap();
    assert_eq!(h.browser.title().await.unwrap(), "Page not found · Kiubi Admin");
    h.assert_accessible("not found").await;
    // The check itself sees a violation when there is one: a button without a name.
    h.browser.execute("document.body.appendChild(document.createElement('button'))", vec![]).await.unwrap();
    let found = h.serious_violations().await;
    assert!(found.iter().any(|v| v.starts_with("button-name")), "{found:?}");
    h.close().await;
}

#[tokio::test]
async fn the_sidebar_marks_the_current_place_and_folds_on_a_phone() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    let current = h.browser.find(Locator::Css("#sidebar a[aria-current=page]")).await.unwrap();
    assert_eq!(current.text().await.unwrap(), "Sites");
    assert!(h.browser.find(Locator::Css("#sidebar")).await.unwrap().is_displayed().await.unwrap());

    h.browser.set_window_size(390, 844).await.unwrap();
    let sidebar = h.browser.find(Locator::Css("#sidebar")).await.unwrap();
    assert!(!sidebar.is_displayed().await.unwrap(), "folded away on a phone");
    h.click(".menu-toggle").await;
    assert!(sidebar.is_displayed().await.unwrap());
    let toggle = h.browser.find(Locator::Css(".menu-toggle")).await.unwrap();
    assert_eq!(toggle.attr("aria-expanded").await.unwrap().as_deref(), Some("true"));
    h.screenshot("phone-menu").await;
    h.assert_accessible("sites on a phone, menu open").await;
    h.close().await;
}
