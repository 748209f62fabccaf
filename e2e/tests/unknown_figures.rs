//! Figures the API does not know (sent as `null`, `""` or no key at all, the stand-in's
//! `unknown_figures`) read as unknown everywhere a figure is shown: a site's usage bars, KPIs, live
//! visitors and totals, the home's cards and alerts, the export's cells, a client report's figures,
//! changes and usage. Only `"0"` reads as zero.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness, DEMO_API_KEY};
use kiubi_standin::UnknownAs;

const LIMIT: Duration = Duration::from_secs(30);
/// A site with a shop and forms: every KPI is there.
const SHOP: &str = "hotel-lyon";

/// Text without the number grouping and spacing the locale adds.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}', ','], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn overview(h: &Harness, how: UnknownAs) {
    h.open(&format!("/sites/{SHOP}")).await;
    wait_until("the figures", LIMIT, async || {
        !h.texts_of(".usage .space:not(.placeholder) .quota-head").await.is_empty()
            && h.texts_of(".kpis .kpi-value").await.len() >= 6
            && h.texts_of("#live-visitors").await.len() == 1
            && !h.texts_of(".totals .kpi-value").await.is_empty()
    })
    .await;
    let space = plain(&h.text_of(".usage .space:not(.placeholder) .quota-head span:last-child").await);
    let kpis = h.texts_of(".kpis .kpi-value").await;
    let totals = h.texts_of(".totals .kpi-value").await;
    let live = h.text_of("#live-visitors").await;
    let quotas = h.texts_of(".usage .quota .quota-head span:last-child").await;
    let (drawn_parts, meters): (usize, usize) = h
        .script("return [document.querySelectorAll('.usage .stack .part').length, document.querySelectorAll('.usage meter').length];")
        .await;
    if how == UnknownAs::Zero {
        assert_eq!(space, "0 bytes of 0 bytes");
        assert!(kpis.iter().all(|k| k.starts_with('0') || k == "€0.00"), "{kpis:?}");
        assert!(totals.iter().all(|t| t == "0" || t == "€0.00"), "{totals:?}");
        assert_eq!(live, "0");
    } else {
        assert_eq!(space, "— of —", "{how:?}");
        assert!(kpis.iter().all(|k| k == "—"), "{how:?}: {kpis:?}");
        assert!(totals.iter().all(|t| t == "—"), "{how:?}: {totals:?}");
        assert_eq!(live, "—", "{how:?}");
        assert!(!quotas.is_empty() && quotas.iter().all(|q| q == "— of —"), "{how:?}: {quotas:?}");
    }
    // Neither an empty nor a full bar: nothing is drawn of a share that is not known (0 of 0 included).
    assert_eq!((drawn_parts, meters), (0, 0), "{how:?}");
    assert!(h.texts_of(".error-panel").await.is_empty(), "{how:?}");
}

async fn home(h: &Harness, how: UnknownAs) {
    h.open("/").await;
    wait_until("some cards and the alerts", LIMIT, async || {
        h.texts_of(".site-card[data-state=ready]").await.len() >= 4
            && h.script::<bool>("return !document.querySelector('section.alerts [aria-busy]');").await
    })
    .await;
    let figures = h.texts_of(".site-card[data-state=ready] .figures dd").await;
    let expected = if how == UnknownAs::Zero { "0" } else { "—" };
    assert!(!figures.is_empty() && figures.iter().all(|f| f == expected), "{how:?}: {figures:?}");
    let captions = h.texts_of(".site-card[data-state=ready] .sparkline figcaption").await;
    assert!(captions.iter().all(|c| c.ends_with(expected)), "{how:?}: {captions:?}");
    let alerts = h.texts_of(".alert-list li.alert span").await;
    let from_figures = ["Disk nearly full", "% used", "to process", "unread form"];
    assert!(
        !alerts.iter().any(|a| from_figures.iter().any(|f| a.contains(f))),
        "{how:?}: an alert from a figure not known: {alerts:?}"
    );
}

async fn export(h: &Harness, how: UnknownAs) {
    h.open("/sites").await;
    h.wait_for_text(".pager .count", "1–20 of").await.unwrap();
    h.click("table.sites tbody tr:nth-child(1) label.pick input").await;
    h.click("table.sites tbody tr:nth-child(2) label.pick input").await;
    h.wait_for_text(".selection-bar", "2 sites selected").await.unwrap();
    h.click("#export-sites").await;
    h.wait_for_text("dialog.export[open]", "The selection (2 sites)").await.unwrap();
    h.click("#start-export").await;
    h.wait_for_text("dialog.export[open] .export-done", "2 sites exported.").await.unwrap();
    let said = h.text_of("dialog.export[open]").await;
    assert!(!said.contains("could not be read"), "{how:?}: unknown is not a failed read: {said}");
    let name = h.script::<String>("return document.querySelector('#download-export').download;").await;
    h.click("#download-export").await;
    let file = String::from_utf8(h.downloaded(&name).await).unwrap();
    let rows: Vec<Vec<&str>> = file.trim_start_matches('\u{feff}').lines().map(|l| l.split(';').collect()).collect();
    let expected = if how == UnknownAs::Zero { "0" } else { "" };
    for row in &rows[1..] {
        // Disk used and total, visitors over 30 days: what the API said, nothing made up.
        assert_eq!(&row[7..10], [expected; 3], "{how:?}: {row:?}");
    }
}

async fn client_report(h: &Harness, how: UnknownAs) {
    h.open(&format!("/reports?site={SHOP}")).await;
    h.text_of(".client-report .report-figure .figure").await;
    let figures = h.texts_of(".client-report .report-figure .figure").await;
    let changes = h.texts_of(".client-report .report-figure .change").await;
    let usage = h.texts_of(".client-report [data-part='usage'] dd").await;
    let bars: usize =
        h.script("return document.querySelectorAll('.client-report .report-meter:not(.unknown)').length;").await;
    if how == UnknownAs::Zero {
        assert!(figures.iter().all(|f| f == "0" || f == "€0.00"), "{figures:?}");
        assert!(usage.iter().all(|u| plain(u) == "0 bytes of 0 bytes"), "{usage:?}");
    } else {
        assert!(figures.iter().all(|f| f == "—"), "{how:?}: {figures:?}");
        assert!(usage.iter().all(|u| u == "— of —"), "{how:?}: {usage:?}");
    }
    // No change from a figure not known, nor from 0; no bar of a share not known.
    assert!(!changes.is_empty() && changes.iter().all(|c| c == "—"), "{how:?}: {changes:?}");
    assert_eq!(bars, 0, "{how:?}");
    assert!(h.texts_of(".error-panel").await.is_empty(), "{how:?}: unknown is not a failed read");
}

#[tokio::test]
async fn figures_the_api_does_not_know_read_as_unknown_and_only_a_real_zero_as_zero() {
    let h = Harness::start().await;
    h.sign_in_with(DEMO_API_KEY).await;
    for how in UnknownAs::ALL {
        h.standin.control.set_unknown_figures(Some(how));
        overview(&h, how).await;
        home(&h, how).await;
        export(&h, how).await;
        client_report(&h, how).await;
    }
    h.standin.control.set_unknown_figures(None);
    h.close().await;
}
