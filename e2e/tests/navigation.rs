//! Getting around: the site switcher (Ctrl+K), recent sites, breadcrumbs and the sidebar inside a site.

use fantoccini::key::Key;
use fantoccini::Locator;
use kiubi_e2e::Harness;

#[tokio::test]
async fn the_switcher_finds_a_site_by_keyboard_and_remembers_it() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let found = h.api_data("/v1/sites.json?term=lyon&limit=5&sort=relevance").await;
    let second = found[1].clone();

    // Ctrl+K from the page opens it with the focus in the search field.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.text_of("dialog.switcher[open] #switcher-search").await;
    h.wait_for_text("dialog.switcher .search-status", "Type a name").await.unwrap();
    let search = h.browser.find(Locator::Css("#switcher-search")).await.unwrap();
    search.send_keys("lyon").await.unwrap();
    h.wait_for_text("#switcher-search-list", second["code_site"].as_str().unwrap()).await.unwrap();
    assert_eq!(h.texts_of("#switcher-search-list li").await.len(), found.as_array().unwrap().len().min(5));
    h.assert_accessible("site switcher").await;
    search.send_keys(&format!("{}{}", Key::Down, Key::Enter)).await.unwrap();

    let code = second["code_site"].as_str().unwrap();
    h.wait_for_text(".site-head:not([aria-busy]) h1", second["name"].as_str().unwrap()).await.unwrap();
    assert_eq!(h.location().await, format!("/sites/{code}"));
    assert!(h.browser.find(Locator::Css("dialog.switcher[open]")).await.is_err(), "closed after the pick");
    // Inside a site: its entries in the sidebar, the current one marked; breadcrumbs back to the list.
    h.wait_for_text("#sidebar .in-site", second["name"].as_str().unwrap()).await.unwrap();
    let current = h.texts_of("#sidebar a[aria-current=page]").await;
    assert_eq!(current, ["Overview"]);
    assert_eq!(h.browser.title().await.unwrap(), format!("{} · Kiubi Admin", second["name"].as_str().unwrap()));

    // Next time, before typing, the site is first among the recent ones.
    h.click(".switcher-button").await;
    h.wait_for_text("dialog.switcher .search-status", "Recent sites").await.unwrap();
    h.wait_for_text("#switcher-search-list li:first-child", code).await.unwrap();
    h.press("#switcher-search", &Key::Escape.to_string()).await;
    h.click(".breadcrumbs a").await;
    h.wait_for_text(".pager .count", "of 52 sites").await.unwrap();
    assert!(h.browser.find(Locator::Css("#sidebar .in-site")).await.is_err(), "no site entries on the list");

    // Kept with the account's data; signing out forgets them.
    let recent = |k: &str| k.ends_with(".recentSites");
    assert_eq!(h.stored_keys(recent).await, ["kiubi.user.100234.recentSites"]);
    h.click(".topbar button.sign-out").await;
    h.text_of("#api-key").await;
    assert_eq!(h.stored_keys(recent).await, Vec::<String>::new());
    h.close().await;
}

#[tokio::test]
async fn what_an_earlier_version_kept_of_a_user_goes_at_start() {
    let h = Harness::start().await;
    h.open("/sign-in").await;
    h.text_of("#api-key").await;
    h.browser
        .execute(
            "localStorage.setItem('kiubi.recentSites', '[{\"code_site\":\"x\",\"name\":\"X\"}]');
             sessionStorage.setItem('kiubi.draft.new-site', '{\"code_site\":\"x\"}');
             sessionStorage.setItem('kiubi.job.backups.x', '{}');",
            vec![],
        )
        .await
        .unwrap();
    h.browser.refresh().await.unwrap();
    h.text_of("#api-key").await;
    let earlier = |k: &str| ["kiubi.recentSites", "kiubi.draft.", "kiubi.job."].iter().any(|p| k.starts_with(p));
    assert_eq!(h.stored_keys(earlier).await, Vec::<String>::new());
    h.close().await;
}

async fn wait_for_theme(h: &Harness, theme: &str) {
    kiubi_e2e::wait_until(&format!("the {theme} theme"), std::time::Duration::from_secs(10), async || {
        h.script::<String>("return document.documentElement.dataset.theme;").await == theme
    })
    .await;
}

/// The first option of the palette once it shows `text`.
async fn first_option_is(h: &Harness, text: &str) {
    h.wait_for_text("#switcher-search-list li:first-child[aria-selected='true']", text).await.unwrap();
}

#[tokio::test]
async fn the_palette_runs_actions_by_keyboard_alone_in_either_language() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    h.open(&format!("/sites/{code}")).await;
    h.text_of(".site-head:not([aria-busy]) h1").await;

    // A page of the current site, by a word of its name.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.press("#switcher-search", "statist").await;
    first_option_is(&h, "Open the site's statistics").await;
    h.press("#switcher-search", &Key::Enter.to_string()).await;
    h.wait_for_text("h1", "").await.unwrap();
    kiubi_e2e::wait_until("the statistics", std::time::Duration::from_secs(10), async || {
        h.location().await == format!("/sites/{code}/stats")
    })
    .await;

    // The theme, by a French word, accent and all.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.press("#switcher-search", "thème").await;
    first_option_is(&h, "Switch theme").await;
    h.press("#switcher-search", &Key::Enter.to_string()).await;
    wait_for_theme(&h, "light").await;

    // Recent first: with nothing typed, the action just run leads; run again, the theme is dark.
    h.press("body", &format!("{}k", Key::Control)).await;
    first_option_is(&h, "Switch theme").await;
    h.assert_accessible("the palette with its actions, light").await;
    h.press("#switcher-search", &Key::Enter.to_string()).await;
    wait_for_theme(&h, "dark").await;
    h.press("body", &format!("{}k", Key::Control)).await;
    first_option_is(&h, "Switch theme").await;
    h.assert_accessible("the palette with its actions, dark").await;
    // The backup point of the current site goes through its confirmation, keyboard only.
    h.press("#switcher-search", "backup point").await;
    first_option_is(&h, "Create a backup point of the site").await;
    h.press("#switcher-search", &Key::Enter.to_string()).await;
    h.wait_for_text("dialog.confirm[open]", "Create a backup point on 1 site").await.unwrap();
    h.assert_accessible("the backup confirmation, dark").await;
    h.press("dialog.confirm[open] .actions button.ghost", &Key::Tab.to_string()).await;
    h.press("#confirm-bulk-backup", &Key::Enter.to_string()).await;
    h.wait_for_text(".bulk-run", &code).await.unwrap();

    // Closed, the palette reads nothing: another site's pages ask for that site once, for its frame.
    let palette_reads = async || -> usize {
        h.script(
            "return performance.getEntriesByType('resource').filter(e => /extra_fields=scopes(&|$)/.test(e.name)).length;",
        )
        .await
    };
    let before = palette_reads().await;
    let seen: Vec<String> = h
        .script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/v1/sites/'));",
        )
        .await;
    assert!(before > 0, "the palette read the scopes while open: {seen:?}");
    let other = h.api_data("/v1/sites.json?limit=2").await[1]["code_site"].as_str().unwrap().to_owned();
    h.click("#sidebar a[href$='/sites']").await;
    h.text_of("table.sites tbody tr").await;
    h.click(&format!("table.sites tbody tr[data-code='{other}'] td.name a")).await;
    h.wait_for_text(".site-head:not([aria-busy]) h1", "").await.unwrap();
    h.text_of(".site-head:not([aria-busy]) h1").await;
    assert_eq!(palette_reads().await, before, "no read for a closed palette");

    // Away from a site, its actions are not offered.
    h.open("/plans").await;
    h.text_of(".plans").await;
    h.press("body", &format!("{}k", Key::Control)).await;
    h.press("#switcher-search", "statist").await;
    h.wait_for_text("dialog.switcher .search-status", "").await.unwrap();
    assert!(h.texts_of("#switcher-search-list li.action").await.is_empty(), "no site, no site action");
    h.close().await;
}
