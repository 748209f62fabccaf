//! The panel against an API that speaks loosely typed, PHP-made JSON (the stand-in's `--php-style`:
//! numbers as strings, booleans as `1` or `"true"`, dates as `DD/MM/YYYY`, lists as keyed objects,
//! `error: []` on a success, no `current_page` nor `items_count`): every page, tab and dialog
//! renders, with no error panel anywhere.

use kiubi_e2e::{Harness, DEMO_API_KEY};

#[tokio::test]
async fn every_page_tab_and_dialog_renders_against_php_style_replies() {
    let h = Harness::start_with(|c| c.php_style = true).await;
    h.sign_in_with(DEMO_API_KEY).await;
    // No count in the replies: the pager says which sites, and pages on by the links.
    h.wait_for_text(".pager .count", "Sites 1–20").await.unwrap();
    h.click(".pager a[rel=next]").await;
    h.wait_for_text(".pager .count", "Sites 21–40").await.unwrap();

    // A shop, so that every section has something to show.
    h.walk_every_page("hotel-lyon", async |what| {
        let errors = h.texts_of(".error-panel").await;
        assert!(errors.is_empty(), "{what}: {errors:?}");
    })
    .await;
    // What the figures say survives the reshaping: the shop's KPIs are there.
    h.open("/sites/hotel-lyon").await;
    h.wait_for_text(".kpis", "Average cart").await.unwrap();
    assert!(h.texts_of(".error-panel").await.is_empty());
    h.close().await;
}
