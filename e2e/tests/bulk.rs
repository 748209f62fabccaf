//! Work on many sites at once: selecting sites across pages, and a run of backup points over them
//! (a failure retried alone, a reload mid-way, resumed), against the stand-in.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness};
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(30);

async fn shown_codes(h: &Harness) -> Vec<String> {
    h.texts_of("table.sites tbody td.code").await
}

/// Ticks the checkbox of row `row` (1-based) of the sites table, with shift held if `shift`.
async fn tick(h: &Harness, row: usize, shift: bool) {
    let script = format!(
        "document.querySelector('table.sites tbody tr:nth-child({row}) label.pick input')
             .dispatchEvent(new MouseEvent('click', {{ bubbles: true, cancelable: true, shiftKey: {shift} }}));"
    );
    h.browser.execute(&script, vec![]).await.unwrap();
}

/// The steps of the run's sites, by code.
async fn steps(h: &Harness) -> Vec<(String, String)> {
    h.script("return [...document.querySelectorAll('.run-sites li')].map(li => [li.dataset.code, li.dataset.step]);")
        .await
}

/// How many of the run's sites have a job the API has named.
async fn jobs_known(h: &Harness) -> usize {
    h.script::<usize>("return document.querySelectorAll('.run-sites li[data-step=under_way][data-job]').length;").await
}

async fn count_in(h: &Harness, step: &str) -> usize {
    steps(h).await.iter().filter(|(_, s)| s == step).count()
}

/// The date of a site's newest backup point, as the API lists them.
async fn newest_backup(h: &Harness, code: &str) -> String {
    let backups = h.api_data(&format!("/v1/sites/{code}/backups.json")).await;
    backups.as_array().unwrap().iter().filter_map(|b| b["creation_date"].as_str()).max().unwrap_or("").to_owned()
}

#[tokio::test]
async fn five_sites_across_two_pages_are_backed_up_a_failure_retried_alone_and_a_reload_resumed() {
    let h = Harness::start().await;
    h.standin.control.set_job_ms(2_500);
    h.sign_in_to_sites().await;

    // Three on the first page (one, then shift-click for the range to the third), two on the second.
    let first_page = shown_codes(&h).await;
    tick(&h, 1, false).await;
    tick(&h, 3, true).await;
    h.wait_for_text(".selection-bar", "3 sites selected").await.unwrap();
    h.click(".pager a[rel='next']").await;
    wait_until("the second page", LIMIT, async || shown_codes(&h).await != first_page).await;
    let second_page = shown_codes(&h).await;
    tick(&h, 2, false).await;
    tick(&h, 4, false).await;
    h.wait_for_text(".selection-bar", "5 sites selected").await.unwrap();
    let chosen: Vec<String> = [&first_page[0], &first_page[1], &first_page[2], &second_page[1], &second_page[3]]
        .into_iter()
        .cloned()
        .collect();
    let mut before = Vec::new();
    for code in &chosen {
        before.push(newest_backup(&h, code).await);
    }

    // One of them fails at the API.
    let failing = chosen[1].clone();
    h.standin.control.set_halt_jobs_of(&failing);
    h.click("#bulk-backup").await;
    h.wait_for_text("dialog.confirm[open]", "replaces its previous manual point").await.unwrap();
    h.wait_for_text("dialog.confirm[open] #confirm-bulk-backup", "Create 5 backup points").await.unwrap();
    h.assert_accessible("the bulk backup confirmation").await;
    h.click("#confirm-bulk-backup").await;

    // Three at a time: the reload comes while their jobs run (the API has named each) and two wait.
    wait_until("three jobs under way", LIMIT, async || jobs_known(&h).await == 3).await;
    assert_eq!(count_in(&h, "waiting").await, 2);
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".bulk-run .notice.held", "2 sites left to back up").await.unwrap();
    assert_eq!(count_in(&h, "waiting").await, 2, "held: nothing new starts before the user says");
    h.assert_accessible("the run's panel after a reload").await;
    h.click("#resume-run").await;
    wait_until("the run's end", LIMIT, async || {
        count_in(&h, "waiting").await == 0 && count_in(&h, "under_way").await == 0
    })
    .await;
    let ended = steps(&h).await;
    let failed: Vec<&str> = ended.iter().filter(|(_, s)| s == "failed").map(|(c, _)| c.as_str()).collect();
    assert_eq!(failed, vec![failing.as_str()], "{ended:?}");
    assert_eq!(count_in(&h, "done").await, 4);
    h.wait_for_text(&format!(".run-sites li[data-code='{failing}'] .step"), "Failed: ").await.unwrap();

    // Retried alone once the API is well again.
    h.standin.control.set_halt_jobs_of("");
    h.click(&format!(".run-sites li[data-code='{failing}'] .retry")).await;
    wait_until("the retried site done", LIMIT, async || count_in(&h, "done").await == 5).await;
    for (code, old) in chosen.iter().zip(&before) {
        assert_ne!(&newest_backup(&h, code).await, old, "{code} has a new backup point");
    }

    // Both themes: the panel stays readable.
    h.click(".topbar .theme-toggle").await;
    h.click(".topbar .theme-toggle").await;
    let theme: Value = h.browser.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
    assert_eq!(theme, "dark");
    h.assert_accessible("the run's panel, dark").await;
    h.click("#close-run").await;
    wait_until("the panel gone", LIMIT, async || h.texts_of(".bulk-run").await.is_empty()).await;
    assert!(h.stored_keys(|key| key.contains("bulk.")).await.is_empty(), "the run is forgotten");
    h.close().await;
}

#[tokio::test]
async fn all_sites_of_a_search_are_selected_across_its_pages_and_the_bar_counts_them() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let page: Vec<String> = shown_codes(&h).await;
    h.click("table.sites thead label.pick input").await;
    h.wait_for_text(".selection-bar", "20 sites selected").await.unwrap();
    h.click("#select-all-matching").await;
    h.wait_for_text(".selection-bar", "52 sites selected").await.unwrap();
    // Unticking one of another page counts it out.
    h.click(".pager a[rel='next']").await;
    wait_until("the second page", LIMIT, async || shown_codes(&h).await != page).await;
    tick(&h, 1, false).await;
    h.wait_for_text(".selection-bar", "51 sites selected").await.unwrap();
    h.assert_accessible("the sites list with a selection").await;
    // Cleared on request.
    h.click("#clear-selection").await;
    wait_until("no selection bar", LIMIT, async || h.texts_of(".selection-bar").await.is_empty()).await;
    h.close().await;
}

/// The rows of a CSV text (`"` quoting, `""` for a quote), each a list of cells.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (c, false) if c == separator => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn the_account_exported_as_csv_says_what_the_api_says_of_each_site() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    h.click("#export-sites").await;
    h.wait_for_text("dialog.export[open]", "Every site of the account").await.unwrap();
    h.assert_accessible("the export dialog").await;
    // Commas this time (semicolons by default).
    h.click("dialog.export[open] input[name='export-separator']:not(:checked)").await;
    h.click("#start-export").await;
    h.wait_for_text("dialog.export[open] .export-done", "52 sites exported.").await.unwrap();
    // The file as the browser saves it.
    let name = h.script::<String>("return document.querySelector('#download-export').download;").await;
    assert!(name.starts_with("kiubi-sites-") && name.ends_with(".csv"), "{name}");
    h.click("#download-export").await;
    let file = String::from_utf8(h.downloaded(&name).await).expect("UTF-8");
    let text = file.strip_prefix('\u{feff}').expect("a byte order mark");
    let rows = parse_csv(text, ',');
    assert_eq!(rows[0][0], "Code");
    assert_eq!(rows[0].len(), 12, "{:?}", rows[0]);
    let sites = h.every_site("sort=code_site").await;
    assert_eq!(rows.len() - 1, sites.len());
    let (from, to) = (h.day_fr(-29).await, h.day_fr(0).await);
    let text_of = |value: &Value| match value {
        Value::String(s) => s.clone(),
        Value::Null | Value::Bool(false) => String::new(),
        other => other.to_string(),
    };
    for (row, site) in rows[1..].iter().zip(&sites) {
        let code = site["code_site"].as_str().unwrap();
        let plan = &site["plan"];
        let stats = h.api_data(&format!("/v1/sites/{code}/stats.json")).await;
        let usage = h.api_data(&format!("/v1/sites/{code}/stats/usage.json")).await;
        let report = h.api_data(&format!("/v1/sites/{code}/stats/report.json?start_date={from}&end_date={to}")).await;
        let visitors: i64 = report["days"].as_array().unwrap().iter().map(|d| d["visitors"].as_i64().unwrap()).sum();
        let expected = vec![
            code.to_owned(),
            text_of(&site["name"]),
            text_of(&site["domain"]),
            text_of(&plan["plan_name"]),
            text_of(&plan["endtrial_date"]),
            text_of(&plan["closing_date"]),
            text_of(&plan["balance"]),
            usage["space"]["used"].to_string(),
            usage["space"]["total"].to_string(),
            visitors.to_string(),
            stats["checkout"]["pending_orders"].as_i64().map(|n| n.to_string()).unwrap_or_default(),
            stats["forms"]["unread_responses"].as_i64().map(|n| n.to_string()).unwrap_or_default(),
        ];
        assert_eq!(row, &expected, "{code}");
    }
    // Closed, then opened again in the dark theme.
    h.click("dialog.export[open] .actions button.ghost").await;
    wait_until("the dialog closed", LIMIT, async || h.texts_of("dialog.export[open]").await.is_empty()).await;
    h.click(".topbar .theme-toggle").await;
    h.click(".topbar .theme-toggle").await;
    h.click("#export-sites").await;
    h.wait_for_text("dialog.export[open]", "Every site of the account").await.unwrap();
    h.assert_accessible("the export dialog, dark").await;
    h.close().await;
}
