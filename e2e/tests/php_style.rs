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

#[tokio::test]
async fn an_item_that_cannot_be_read_spoils_only_its_own_row() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let first = h.api_data("/v1/sites.json?limit=2").await;
    let (odd, next) = (first[0]["code_site"].as_str().unwrap().to_owned(), first[1]["code_site"].as_str().unwrap());
    h.standin.control.set_odd_first_row(true);
    h.open("/sites").await;
    // The other 19 rows, and the odd one said in its place, by its code.
    h.wait_for_text(".unreadable-items", &odd).await.unwrap();
    let rows = h.texts_of("table.sites tbody tr td.code").await;
    assert_eq!((rows.len(), rows[0].as_str()), (19, next));
    assert!(h.texts_of(".error-panel").await.is_empty());
    // The same in a feed.
    h.visit(&format!("/sites/{next}/activity")).await;
    h.wait_for_text(".unreadable-items", "could not be read").await.unwrap();
    assert_eq!(h.texts_of(".feed .event").await.len(), 19);
    h.close().await;
}
