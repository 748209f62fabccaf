//! The thin slice through every layer: sign-in screen → fetch layer → stand-in → SQLite → sites list.

use fantoccini::Locator;
use kiubi_e2e::{Harness, DEMO_API_KEY};

#[tokio::test]
async fn demo_key_signs_in_and_lists_the_seeded_sites() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    h.wait_for_text("table.sites tbody", "atelier-lille").await.unwrap();
    let rows = h.browser.find_all(Locator::Css("table.sites tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 20, "a page holds 20 sites");
    h.wait_for_text(".pager .count", "1–20 of 52 sites").await.unwrap();
    assert!(h.browser.current_url().await.unwrap().path().ends_with("/sites"));
    h.screenshot("sites").await;

    // Next page comes from the stand-in too, and the URL keeps it.
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();
    assert_eq!(h.browser.current_url().await.unwrap().query(), Some("page=1"));
    h.close().await;
}

#[tokio::test]
async fn an_unknown_key_is_refused_with_a_clear_message() {
    let h = Harness::start().await;
    h.send_sign_in(&"0".repeat(40)).await;
    h.wait_for_text("#sign-in-error", "The API refused the key").await.unwrap();
    assert!(h.browser.current_url().await.unwrap().path().ends_with("/sign-in"));

    // Any key is tried (its format is the API's to judge); only an empty one is not sent.
    h.send_sign_in("not-a-key").await;
    h.wait_for_text("#sign-in-error", "The API refused the key").await.unwrap();
    h.send_sign_in("   ").await;
    h.wait_for_text("#sign-in-error", "Enter the API key").await.unwrap();
    h.close().await;
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_then_back_to_their_page() {
    let h = Harness::start().await;
    h.open("/sites?page=1").await;
    let input = h.browser.wait().for_element(Locator::Css("#api-key")).await.unwrap();
    let url = h.browser.current_url().await.unwrap();
    assert!(url.path().ends_with("/sign-in"));
    assert_eq!(url.query(), Some("next=%2Fsites%3Fpage%3D1"));
    input.send_keys(DEMO_API_KEY).await.unwrap();
    h.click("form button[type=submit]").await;
    h.wait_for_text(".pager .count", "21–40 of 52 sites").await.unwrap();
    assert_eq!(h.browser.current_url().await.unwrap().query(), Some("page=1"));
    h.close().await;
}
