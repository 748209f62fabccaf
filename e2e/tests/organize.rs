//! The agency's organizing, kept by the panel (the API has no place for it): labels put on a
//! selection across pages, the list filtered by two labels, a view saved and reopened from the
//! sidebar after a reload, a label found by the command palette; a note written and found by the
//! search; an alert snoozed for seven days, back when a controlled clock passes them, and the
//! thresholds tuned; the organizing exported and imported into a fresh browser profile, and a
//! broken file that changes nothing.

use std::time::Duration;

use fantoccini::key::Key;
use kiubi_e2e::{wait_until, Harness};
use kiubi_standin::seed::DEMO_ACCOUNT;

const LIMIT: Duration = Duration::from_secs(30);

async fn shown_codes(h: &Harness) -> Vec<String> {
    h.texts_of("table.sites tbody td.code").await
}

/// Ticks the checkbox of row `row` (1-based) of the sites table.
async fn tick(h: &Harness, row: usize) {
    h.click(&format!("table.sites tbody tr:nth-child({row}) label.pick input")).await;
}

/// The labels shown on the row of site `code`.
async fn row_labels(h: &Harness, code: &str) -> Vec<String> {
    h.texts_of(&format!("table.sites tbody tr[data-code='{code}'] .site-labels li")).await
}

/// Waits for the list to show exactly `codes` (in any order).
async fn wait_for_codes(h: &Harness, what: &str, codes: &[&String]) {
    let mut wanted: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    wanted.sort();
    wait_until(what, LIMIT, async || {
        let mut shown = shown_codes(h).await;
        shown.sort();
        shown == wanted
    })
    .await;
}

/// Makes label `name` in the open labels dialog (put on its sites).
async fn make_label(h: &Harness, name: &str, colour: &str) {
    h.fill("#new-label-name", name).await;
    h.select("#new-label-colour", colour).await;
    h.click("#add-label").await;
    h.wait_for_text(".label-choices", name).await.unwrap();
}

#[tokio::test]
async fn labels_on_a_selection_across_two_pages_the_list_filtered_by_two_and_a_saved_view_after_a_reload() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;

    // Two sites of the first page and one of the second get "Client Dupont".
    let first_page = shown_codes(&h).await;
    tick(&h, 1).await;
    tick(&h, 2).await;
    h.click(".pager a[rel='next']").await;
    wait_until("the second page", LIMIT, async || shown_codes(&h).await != first_page).await;
    let second_page = shown_codes(&h).await;
    tick(&h, 1).await;
    h.wait_for_text(".selection-bar", "3 sites selected").await.unwrap();
    h.click("#bulk-labels").await;
    h.wait_for_text("dialog.labels-dialog[open]", "3 sites selected").await.unwrap();
    h.wait_for_text("dialog.labels-dialog[open]", "No labels yet").await.unwrap();
    make_label(&h, "Client Dupont", "blue").await;
    // A name already taken is said on the field, and nothing else changes.
    h.fill("#new-label-name", "client DUPONT").await;
    h.click("#add-label").await;
    h.wait_for_text("#new-label-name-error", "already taken").await.unwrap();
    h.assert_accessible("the labels dialog").await;
    h.click("#labels-done").await;
    assert_eq!(row_labels(&h, &second_page[0]).await, ["Client Dupont"]);

    // "e-commerce" on the second site of the first page and the third of the second.
    h.click("#clear-selection").await;
    tick(&h, 3).await;
    h.click(".pager a[rel='prev']").await;
    wait_until("the first page", LIMIT, async || shown_codes(&h).await == first_page).await;
    tick(&h, 2).await;
    h.wait_for_text(".selection-bar", "2 sites selected").await.unwrap();
    h.click("#bulk-labels").await;
    h.wait_for_text("dialog.labels-dialog[open]", "2 sites selected").await.unwrap();
    make_label(&h, "e-commerce", "green").await;
    h.click("#labels-done").await;
    wait_until("both labels on a row", LIMIT, async || {
        row_labels(&h, &first_page[1]).await == ["Client Dupont", "e-commerce"]
    })
    .await;

    // Filtered by both: any of them, then all of them.
    h.click(".label-filter button[data-label='Client Dupont']").await;
    wait_for_codes(&h, "the sites of one label", &[&first_page[0], &first_page[1], &second_page[0]]).await;
    h.click(".label-filter button[data-label='e-commerce']").await;
    wait_for_codes(&h, "any of two labels", &[&first_page[0], &first_page[1], &second_page[0], &second_page[2]]).await;
    h.wait_for_text(".pager .count", "of 4 sites").await.unwrap();
    h.select("#label-match", "all").await;
    wait_for_codes(&h, "all of two labels", &[&first_page[1]]).await;
    let filtered = h.location().await;
    assert!(filtered.contains("labels=Client+Dupont%2Ce-commerce") && filtered.contains("match=all"), "{filtered}");

    // Saved, then reopened from the sidebar after a reload.
    h.click("#save-view").await;
    h.wait_for_text("dialog.save-view[open]", "Save this view").await.unwrap();
    assert_eq!(h.value_of("#view-name").await, "Client Dupont + e-commerce");
    h.fill("#view-name", "Dupont's shops").await;
    h.assert_accessible("the save view dialog").await;
    h.click("#save-view-name").await;
    h.wait_for_text(".saved-views", "Dupont's shops").await.unwrap();
    h.open("/").await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".saved-views", "Dupont's shops").await.unwrap();
    h.click(".saved-views a").await;
    wait_for_codes(&h, "the saved view's sites", &[&first_page[1]]).await;
    assert!(h.location().await.contains("match=all"));

    // The home's cards show the labels too.
    h.open("/?labels=e-commerce").await;
    wait_until("the labelled cards", LIMIT, async || h.texts_of(".site-card").await.len() == 2).await;
    let card_labels = h.texts_of(&format!(".site-card[data-code='{}'] .site-labels li", second_page[2])).await;
    assert_eq!(card_labels, ["e-commerce"]);

    // The command palette finds a label, and shows its sites.
    h.press("body", &format!("{}k", Key::Control)).await;
    h.text_of("dialog.switcher[open] #switcher-search").await;
    h.fill("#switcher-search", "dupont").await;
    h.wait_for_text("#switcher-search-list li.label-choice", "Client Dupont").await.unwrap();
    h.click("#switcher-search-list li.label-choice").await;
    wait_for_codes(&h, "the label's sites", &[&first_page[0], &first_page[1], &second_page[0]]).await;

    // A link with a label this account does not have: shown pressed, so that it can be taken off.
    h.open("/sites?labels=Client+Dupont,Nope&match=all").await;
    h.wait_for_text(".empty", "Clear search and filters").await.unwrap();
    h.click(".label-filter button[data-label='Nope'][aria-pressed='true']").await;
    wait_for_codes(&h, "the known label's sites", &[&first_page[0], &first_page[1], &second_page[0]]).await;
    assert!(!h.location().await.contains("Nope"));
    h.close().await;
}

#[tokio::test]
async fn a_note_is_written_on_the_overview_and_found_by_the_search_kept_across_sign_out() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let code = shown_codes(&h).await[4].clone();
    h.open(&format!("/sites/{code}")).await;
    h.fill("#site-note", "Renouvellement à négocier avant Noël\nContact : Mme Martin").await;
    h.click("#save-note").await;
    h.wait_for_text(".site-note", "Note saved").await.unwrap();
    h.assert_accessible("a site's note").await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".site-note", "Changed on").await.unwrap();
    assert_eq!(h.value_of("#site-note").await, "Renouvellement à négocier avant Noël\nContact : Mme Martin");

    // The API's search does not know the note; the panel's search of the notes does (accents aside).
    h.open("/sites?term=noel").await;
    h.wait_for_text(".empty", "noel").await.unwrap();
    h.click("#search-notes").await;
    wait_for_codes(&h, "the site found by its note", &[&code]).await;
    assert!(h.location().await.contains("notes=1"));

    // Signing out keeps the account's organizing for its return, and none of it for another.
    h.click(".topbar button.sign-out").await;
    let kept = h.stored_keys(|key| key.starts_with("kiubi.workspace.")).await;
    // The organizing, and what was last agreed with the team's server.
    let prefix = format!("kiubi.workspace.{DEMO_ACCOUNT}.");
    assert_eq!(kept, [format!("{prefix}organize"), format!("{prefix}organize.team")]);
    h.sign_in_to_sites().await;
    h.open(&format!("/sites/{code}")).await;
    h.wait_for_text(".site-note", "Changed on").await.unwrap();
    h.close().await;
}

#[tokio::test]
async fn the_export_imported_into_a_fresh_profile_gives_the_same_and_a_broken_file_changes_nothing() {
    let files = tempfile::tempdir().unwrap();
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let codes = shown_codes(&h).await;
    // A label from a site's header, a note, a saved view.
    h.open(&format!("/sites/{}", codes[0])).await;
    h.click("#edit-site-labels").await;
    make_label(&h, "VIP", "purple").await;
    h.click("#labels-done").await;
    h.wait_for_text(".site-head .site-labels", "VIP").await.unwrap();
    h.fill("#site-note", "Client historique").await;
    h.click("#save-note").await;
    h.wait_for_text(".site-note", "Note saved").await.unwrap();
    h.open("/sites?labels=VIP").await;
    wait_for_codes(&h, "the VIP site", &[&codes[0]]).await;
    h.click("#save-view").await;
    h.fill("#view-name", "VIP").await;
    h.click("#save-view-name").await;
    h.wait_for_text(".saved-views", "VIP").await.unwrap();
    h.open("/").await;
    h.click("#alert-settings").await;
    h.fill("#threshold-trial-days", "21").await;
    h.click("#save-thresholds").await;
    h.wait_for_text(".toast", "Alert settings saved").await.unwrap();

    h.open("/account").await;
    h.wait_for_text(".organize-counts", "Labels").await.unwrap();
    h.click("#export-organize").await;
    let exported = h.downloaded(&format!("kiubi-organize-{DEMO_ACCOUNT}.json")).await;
    let file = files.path().join("organize.json");
    std::fs::write(&file, &exported).unwrap();
    h.close().await;

    // Another browser: nothing yet; a broken file, then one of an unknown version, change nothing.
    let other = Harness::start().await;
    other.sign_in_to_sites().await;
    other.open("/account").await;
    other.wait_for_text(".organize-counts", "Labels").await.unwrap();
    let empty = other.text_of(".organize-counts").await;
    let broken = files.path().join("broken.json");
    std::fs::write(&broken, b"{\"format\": \"kiubi-admin/organize\", \"version\": 1, \"labels\": \"VIP\"}").unwrap();
    other.choose_file("#import-organize", &broken).await;
    other.wait_for_text("#organize-file-note", "damaged: nothing has changed").await.unwrap();
    let later = files.path().join("later.json");
    std::fs::write(&later, b"{\"format\": \"kiubi-admin/organize\", \"version\": 9}").unwrap();
    other.choose_file("#import-organize", &later).await;
    other.wait_for_text("#organize-file-note", "unknown version (9)").await.unwrap();
    // A file of 10.5 MB is not read at all.
    let huge = files.path().join("huge.json");
    std::fs::write(&huge, vec![b' '; 10_500_000]).unwrap();
    other.choose_file("#import-organize", &huge).await;
    other.wait_for_text("#organize-file-note", "over 2 MB").await.unwrap();
    assert_eq!(other.text_of(".organize-counts").await, empty);

    // The export: previewed, then imported.
    other.choose_file("#import-organize", &file).await;
    other.wait_for_text("#import-changes", "Labels: 1 added").await.unwrap();
    other.wait_for_text("#import-changes", "Sites whose labels change: 1").await.unwrap();
    other.wait_for_text("#import-changes", "Notes: 1 added").await.unwrap();
    other.wait_for_text("#import-changes", "Views: 1 added").await.unwrap();
    other.wait_for_text("#import-changes", "Alert thresholds: changed").await.unwrap();
    other.assert_accessible("the import's preview").await;
    // A browser whose storage is full: the import is not made and says so, here and in the
    // sidebar; the preview stays for another try.
    let full = "window.__setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };";
    other.script::<serde_json::Value>(full).await;
    other.click("#apply-import").await;
    other.wait_for_text("#organize-file-note", "refused to keep this change").await.unwrap();
    other.wait_for_text("#sidebar-sharing", "refused to keep this change").await.unwrap();
    assert_eq!(other.text_of(".organize-counts").await, empty, "nothing imported");
    other.script::<serde_json::Value>("Storage.prototype.setItem = window.__setItem;").await;
    other.click("#apply-import").await;
    other.wait_for_text("#organize-file-note", "File imported").await.unwrap();
    other.wait_for_text(".labels-editor", "VIP").await.unwrap();
    other.assert_accessible("the account page's labels, notes and views").await;
    other.open(&format!("/sites/{}", codes[0])).await;
    other.wait_for_text(".site-head .site-labels", "VIP").await.unwrap();
    assert_eq!(other.value_of("#site-note").await, "Client historique");
    other.wait_for_text(".saved-views", "VIP").await.unwrap();
    other.open("/").await;
    other.click("#alert-settings").await;
    assert_eq!(other.value_of("#threshold-trial-days").await, "21");
    other.close().await;
}

/// The codes of the alerts shown (not snoozed) of `kind`.
async fn alerts_of(h: &Harness, kind: &str) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('.alert-list:not(.snoozed) li.alert[data-kind=\"{kind}\"]')].map(li => li.dataset.code);"
    );
    h.script(&script).await
}

/// The browser's day `days` from today, as `YYYY-MM-DD`.
async fn browser_day(h: &Harness, days: i64) -> String {
    let script = format!(
        "const d = new Date(Date.now() + {days} * 864e5);
         return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');"
    );
    h.script(&script).await
}

#[tokio::test]
async fn an_alert_snoozed_for_seven_days_comes_back_when_the_clock_passes_and_thresholds_are_tuned() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    h.shift_clock(0).await;
    h.open("/").await;
    wait_until("the closed sites' alerts", LIMIT, async || !alerts_of(&h, "closed").await.is_empty()).await;
    let code = alerts_of(&h, "closed").await[0].clone();
    let alert = format!(".alert-list li.alert[data-code='{code}'][data-kind='closed']");

    // Snoozed for seven days: gone from the list, counted, shown on request.
    h.click(&format!("{alert} details.snooze summary")).await;
    h.click(&format!("{alert} button[data-snooze='week']")).await;
    wait_until("the alert put aside", LIMIT, async || !alerts_of(&h, "closed").await.contains(&code)).await;
    h.wait_for_text(".snoozed-note", "1 alert snoozed.").await.unwrap();
    h.click("#show-snoozed").await;
    let until = h.text_of(&format!("#snoozed-alerts li[data-code='{code}']")).await;
    assert!(until.contains("until"), "{until}");
    h.assert_accessible("the alerts with a snoozed one shown").await;

    // Six days later it is still aside; on the seventh it is back.
    h.shift_clock(6).await;
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".snoozed-note", "1 alert snoozed.").await.unwrap();
    assert!(!alerts_of(&h, "closed").await.contains(&code));
    h.shift_clock(7).await;
    h.browser.refresh().await.unwrap();
    wait_until("the alert back", LIMIT, async || alerts_of(&h, "closed").await.contains(&code)).await;
    assert!(h.texts_of(".snoozed-note").await.is_empty());

    // Trials ending within 30 days rather than 7: a value out of range is refused on its field.
    h.shift_clock(0).await;
    h.browser.refresh().await.unwrap();
    wait_until("the alerts", LIMIT, async || !alerts_of(&h, "closed").await.is_empty()).await;
    h.click("#alert-settings").await;
    h.wait_for_text("dialog.thresholds[open]", "Alert settings").await.unwrap();
    h.assert_accessible("the alert settings").await;
    h.fill("#threshold-trial-days", "400").await;
    h.click("#save-thresholds").await;
    h.wait_for_text("#threshold-trial-days-hint", "A whole number from 0 to 365").await.unwrap();
    assert_eq!(
        h.script::<Option<String>>(
            "return document.querySelector('#threshold-trial-days').getAttribute('aria-invalid')"
        )
        .await
        .as_deref(),
        Some("true")
    );
    h.fill("#threshold-trial-days", "30").await;
    h.click("#save-thresholds").await;
    let last_day = browser_day(&h, 30).await;
    let mut ending: Vec<String> = h
        .every_site("type=trial")
        .await
        .iter()
        .filter(|site| {
            site["plan"]["endtrial_date"].as_str().is_some_and(|end| !end.is_empty() && end[..10] <= *last_day)
        })
        .map(|site| site["code_site"].as_str().unwrap().to_owned())
        .collect();
    ending.sort();
    wait_until("a trial alert per trial ending within 30 days", LIMIT, async || {
        let mut shown = alerts_of(&h, "trial").await;
        shown.sort();
        shown == ending
    })
    .await;
    h.close().await;
}

#[tokio::test]
async fn a_label_made_in_another_tab_shows_without_a_reload() {
    let h = Harness::start().await;
    h.open("/sign-in?next=/account").await;
    h.press("#api-key", kiubi_standin::seed::DEMO_API_KEY).await;
    h.click("#stay").await;
    h.click("form button[type=submit]").await;
    h.wait_for_text(".organize-counts", "Labels").await.unwrap();
    let first = h.browser.window().await.unwrap();
    let code = h.api_data("/v1/sites.json?limit=1&sort=code_site").await[0]["code_site"].as_str().unwrap().to_owned();

    // A second tab of the same browser, signed in by the first ("stay signed in"), labels a site.
    let second = h.browser.new_window(true).await.unwrap().handle;
    h.browser.switch_to_window(second).await.unwrap();
    h.open(&format!("/sites/{code}")).await;
    h.click("#edit-site-labels").await;
    make_label(&h, "From the other tab", "teal").await;
    h.click("#labels-done").await;

    // The first tab's account page shows it, without a reload.
    h.browser.switch_to_window(first).await.unwrap();
    h.wait_for_text(".labels-editor", "From the other tab").await.unwrap();
    h.close().await;
}
