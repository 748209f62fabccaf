//! A key with restricted access rights (the stand-in's `RESTRICTED_API_KEY`: no `site:backup`, no
//! `site:subscription`): the site's tabs it may not open are not offered, with the reason, and going
//! there says why instead of a generic failure, and the palette does not offer them; the rest works.

use fantoccini::key::Key;
use kiubi_e2e::Harness;
use kiubi_standin::seed::RESTRICTED_API_KEY;

#[tokio::test]
async fn tabs_outside_the_keys_rights_are_not_offered_and_say_why() {
    let h = Harness::start().await;
    h.sign_in_with(RESTRICTED_API_KEY).await;
    h.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    let code = h.text_of("table.sites tbody tr:first-child td.code").await;

    h.visit(&format!("/sites/{code}")).await;
    h.text_of(".card.plan").await;
    let offered = h.texts_of(".site-tabs a").await;
    assert_eq!(offered, ["Overview", "Statistics", "Activity"]);
    let withheld = h
        .browser
        .execute(
            "return [...document.querySelectorAll('.site-tabs .tab-off[aria-disabled=true]')]
                 .map(t => [t.textContent, t.title]);",
            vec![],
        )
        .await
        .unwrap();
    let withheld: Vec<(String, String)> = serde_json::from_value(withheld).unwrap();
    assert_eq!(withheld.iter().map(|(tab, _)| tab.as_str()).collect::<Vec<_>>(), ["Backups", "Subscription"]);
    assert!(withheld[0].1.contains("site:backup") && withheld[1].1.contains("site:subscription"), "{withheld:?}");

    // Reached all the same (a link, a bookmark): said why, no error panel, no create button.
    h.visit(&format!("/sites/{code}/backups")).await;
    h.wait_for_text(".no-right", "does not include this section").await.unwrap();
    h.wait_for_text(".no-right", "site:backup").await.unwrap();
    assert!(h.browser.find(fantoccini::Locator::Css("#create-backup")).await.is_err());
    assert!(h.browser.find(fantoccini::Locator::Css(".error-panel")).await.is_err());

    // What the key may do works.
    h.visit(&format!("/sites/{code}/stats")).await;
    h.text_of(".chart svg").await;
    h.assert_accessible("a site with tabs withheld").await;

    // The palette offers what the key may do on this site, not the rest.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.press("#switcher-search", "open").await;
    h.wait_for_text("#switcher-search-list", "Open the site's activity").await.unwrap();
    let actions = h.texts_of("#switcher-search-list li.action").await;
    assert!(!actions.iter().any(|a| a.contains("backups") || a.contains("subscription")), "{actions:?}");
    h.press("#switcher-search", &format!("{}backup", Key::Backspace.to_string().repeat(4))).await;
    h.wait_for_text("dialog.switcher .search-status", "").await.unwrap();
    assert!(h.texts_of("#switcher-search-list li.action").await.is_empty(), "no backup without site:backup");
    h.close().await;
}
