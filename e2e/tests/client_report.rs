//! Client reports: a site's last month checked against the stand-in's replies for that period and
//! printed to PDF (read back with poppler's pdftotext); the agency's branding; a document of three
//! selected sites with one site's reads failing, named, retried alone, then printed.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness};
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(30);
/// A site of the seed with a shop.
const SHOP: &str = "atelier-rennes";

/// An ISO day (`YYYY-MM-DD`) as the API's queries write it (`DD/MM/YYYY`).
fn french(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}/{}/{}", parts[2], parts[1], parts[0])
}

/// "Nov 1, 2026" for `2026-11-01`.
fn english_day(iso: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    format!("{} {}, {}", MONTHS[parts[1] as usize - 1], parts[2], parts[0])
}

/// An integer as the English panel writes it: "41,694".
fn grouped(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The change from `before` to `now` as the report writes it: "▲ 12.3 %".
fn change(now: f64, before: f64) -> String {
    let percent = ((now - before) / before * 1000.0).round() / 10.0;
    let arrow = if percent > 0.0 {
        "▲"
    } else if percent < 0.0 {
        "▼"
    } else {
        "="
    };
    let number = if percent.fract() == 0.0 { format!("{}", percent.abs()) } else { format!("{:.1}", percent.abs()) };
    // WebDriver reads no-break spaces as spaces.
    format!("{arrow} {number} %")
}

/// The first and last days of the month before the browser's today, ISO.
async fn last_month(h: &Harness) -> (String, String) {
    h.script(
        "const now = new Date(); const end = new Date(now.getFullYear(), now.getMonth(), 0);
         const p = n => String(n).padStart(2, '0');
         const iso = d => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
         return [iso(new Date(end.getFullYear(), end.getMonth(), 1)), iso(end)];",
    )
    .await
}

/// The period of the same length just before `start`–`end` (ISO days), ISO.
async fn previous_period(h: &Harness, start: &str, end: &str) -> (String, String) {
    h.script(&format!(
        "const s = new Date('{start}T12:00:00'), e = new Date('{end}T12:00:00');
         const days = Math.round((e - s) / 864e5) + 1;
         const last = new Date(s); last.setDate(last.getDate() - 1);
         const first = new Date(s); first.setDate(first.getDate() - days);
         const p = n => String(n).padStart(2, '0');
         const iso = d => `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}`;
         return [iso(first), iso(last)];"
    ))
    .await
}

async fn figure(h: &Harness, code: &str, metric: &str) -> (String, String) {
    let at = format!(".client-report[data-site='{code}'] .report-figure[data-metric='{metric}']");
    (h.text_of(&format!("{at} .figure")).await, h.text_of(&format!("{at} .change")).await)
}

/// The footer's line of a printed page: the site's name, bidi-isolated (U+2068 … U+2069, which the
/// PDF's text keeps), and the period after it.
fn footer_line<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    page.lines().find(|line| line.contains(&format!("\u{2068}{name}\u{2069}")))
}

#[tokio::test]
async fn a_site_s_month_reads_as_the_api_says_and_prints_on_two_a4_pages() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let site = h.api_data(&format!("/v1/sites/{SHOP}.json")).await;
    let name = site["name"].as_str().unwrap().to_owned();

    // From the site's overview, by default the last full month, compared with the month before.
    h.open(&format!("/sites/{SHOP}")).await;
    h.click("#client-report").await;
    h.text_of(&format!(".client-report[data-site='{SHOP}'] .report-site")).await;
    let (start, end) = last_month(&h).await;
    assert_eq!(h.value_of("#report-from").await, start);
    assert_eq!(h.value_of("#report-to").await, end);
    let (before_start, before_end) = previous_period(&h, &start, &end).await;
    let report = |from: &str, to: &str| {
        format!("/v1/sites/{SHOP}/stats/report.json?start_date={}&end_date={}", french(from), french(to))
    };
    let now = h.api_data(&report(&start, &end)).await;
    let before = h.api_data(&report(&before_start, &before_end)).await;
    let number = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap();
    for metric in ["visitors", "pageviews", "api_hits"] {
        let (shown, shown_change) = figure(&h, SHOP, metric).await;
        assert_eq!(shown, grouped(number(&now[metric]) as i64), "{metric}");
        assert_eq!(shown_change, change(number(&now[metric]), number(&before[metric])), "{metric}'s change");
    }
    let (sales, sales_change) = figure(&h, SHOP, "sales").await;
    assert_eq!(
        sales,
        format!(
            "€{}.{:02}",
            grouped(number(&now["sales"]).trunc() as i64),
            (number(&now["sales"]).fract() * 100.0).round() as i64
        )
    );
    assert_eq!(sales_change, change(number(&now["sales"]), number(&before["sales"])));
    let period = format!("{} – {}", english_day(&start), english_day(&end));
    assert_eq!(h.text_of(".client-report .report-period").await, period);
    // The shop's waiting orders, as the global figures say.
    let stats = h.api_data(&format!("/v1/sites/{SHOP}/stats.json")).await;
    let pending = number(&stats["checkout"]["pending_orders"]) as i64;
    h.wait_for_text(".client-report [data-part='shop']", &format!("Orders to process\n{pending}")).await.unwrap();

    // The period's backup points, as the API lists them.
    let backups = h.api_data(&format!("/v1/sites/{SHOP}/backups.json")).await;
    let made = backups
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| {
            let day = &b["creation_date"].as_str().unwrap()[..10];
            day >= start.as_str() && day <= end.as_str()
        })
        .count();
    assert!(made > 0, "the seed has backups in the last month");
    let listed = h.texts_of(".client-report .report-backups li").await;
    assert_eq!(listed.len(), made);
    h.wait_for_text("[data-part='backups']", &format!("{made} backup point")).await.unwrap();

    // The agency's comment is kept as a draft across a reload, and printed.
    h.fill(&format!("#comment-{SHOP}"), "A good month: the new menu works.").await;
    h.browser.refresh().await.unwrap();
    h.text_of(&format!(".client-report[data-site='{SHOP}'] .report-site")).await;
    assert_eq!(h.value_of(&format!("#comment-{SHOP}")).await, "A good month: the new menu works.");

    // The agency's name on its report.
    h.click("#edit-branding").await;
    h.fill("#agency-name", "Agence Exemple").await;
    h.click("#save-branding").await;
    h.wait_for_text(".client-report .agency-name", "Agence Exemple").await.unwrap();

    // Printed: two A4 pages, the report alone, each page's footer naming the site and the period.
    wait_until("the print button enabled", LIMIT, async || {
        h.script::<bool>("return !document.querySelector('#print-report').disabled").await
    })
    .await;
    let pages = h.printed_pages("client-report").await;
    assert_eq!(pages.len(), 2, "{pages:#?}");
    let first = &pages[0];
    for expected in
        [name.as_str(), period.as_str(), "Agence Exemple", "Key figures", &grouped(number(&now["visitors"]) as i64)]
    {
        assert!(first.contains(expected), "page 1 lacks {expected:?}:\n{first}");
    }
    assert!(pages[1].contains("Backups of the period") && pages[1].contains("A good month"), "{}", pages[1]);
    for backup in &listed {
        assert!(pages[1].contains(backup.as_str()), "the backup point of {backup} printed:\n{}", pages[1]);
    }
    for page in &pages {
        assert!(footer_line(page, &name).is_some_and(|line| line.contains(&period)), "the footer:\n{page}");
        for navigation in ["Sign out", "Plans", "Print / PDF", "Agency branding", "Report language"] {
            assert!(!page.contains(navigation), "{navigation:?} printed:\n{page}");
        }
    }

    // The print layout, as the print media shows it (screenshot for a look; the frame hidden).
    h.devtools("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" })).await;
    let hidden: Vec<String> = h
        .script("return ['.topbar', '.sidebar', '.report-choices', '.page-head'].map(s => getComputedStyle(document.querySelector(s)).display)")
        .await;
    assert_eq!(hidden, ["none"; 4]);
    h.screenshot("client-report-print").await;
    h.devtools("Emulation.setEmulatedMedia", serde_json::json!({ "media": "" })).await;
    h.screenshot("client-report").await;

    // Accessible in both themes.
    h.assert_accessible("a client report, light").await;
    h.click(".topbar .theme-toggle").await;
    h.click(".topbar .theme-toggle").await;
    h.assert_accessible("a client report, dark").await;

    // In French, whatever the panel's language.
    h.select("#report-lang", "fr").await;
    h.wait_for_text(".client-report [data-part='backups'] h3", "Sauvegardes de la période").await.unwrap();
    h.close().await;
}

/// A PNG of one transparent pixel.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test]
async fn the_agency_s_branding_goes_on_its_reports_and_travels_as_a_file() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    h.open(&format!("/reports?site={SHOP}")).await;
    h.text_of(".client-report .report-site").await;
    let files = tempfile::tempdir().unwrap();
    let logo = files.path().join("logo.png");
    std::fs::write(&logo, PIXEL).unwrap();
    let too_big = files.path().join("poster.png");
    std::fs::write(&too_big, vec![0u8; 300 * 1024]).unwrap();

    h.click("#edit-branding").await;
    h.text_of("dialog.branding[open] #agency-name").await;
    h.fill("#agency-name", "Agence Web ⟨Lyon⟩").await;
    h.choose_file("#agency-logo", &too_big).await;
    h.wait_for_text("#agency-logo-error", "over the limit of 200 KB").await.unwrap();
    assert!(h.script::<bool>("return !document.querySelector('.logo-preview')").await, "no logo kept");
    h.choose_file("#agency-logo", &logo).await;
    h.text_of(".logo-preview img").await;
    h.assert_accessible("the branding dialog").await;
    h.click("#save-branding").await;
    h.wait_for_text(".client-report .agency-name", "Agence Web ⟨Lyon⟩").await.unwrap();
    let src: String = h.script("return document.querySelector('.client-report .agency-logo').src").await;
    assert!(src.starts_with("data:image/png;base64,"), "{src}");

    // Exported, then a broken file changes nothing, then the export read back after a change.
    h.click("#edit-branding").await;
    h.click("#export-branding").await;
    let exported = h.downloaded("kiubi-report-branding.json").await;
    let file = files.path().join("branding.json");
    std::fs::write(&file, &exported).unwrap();
    let broken = files.path().join("broken.json");
    std::fs::write(&broken, b"{\"format\": \"something else\"}").unwrap();
    h.fill("#agency-name", "Changed").await;
    h.choose_file("#import-branding", &broken).await;
    h.wait_for_text("#branding-file-note", "nothing has changed").await.unwrap();
    assert_eq!(h.value_of("#agency-name").await, "Changed");
    h.choose_file("#import-branding", &file).await;
    h.wait_for_text("#branding-file-note", "Branding read from the file").await.unwrap();
    assert_eq!(h.value_of("#agency-name").await, "Agence Web ⟨Lyon⟩");
    h.click("#save-branding").await;

    // Kept for the account: there after a reload.
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".client-report .agency-name", "Agence Web ⟨Lyon⟩").await.unwrap();
    h.close().await;
}

/// Ticks the checkbox of row `row` (1-based) of the sites table.
async fn tick(h: &Harness, row: usize) {
    h.click(&format!("table.sites tbody tr:nth-child({row}) label.pick input")).await;
}

#[tokio::test]
async fn three_selected_sites_make_one_document_with_a_failure_retried_alone() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let codes = h.texts_of("table.sites tbody td.code").await[..3].to_vec();
    let mut names = Vec::new();
    for code in &codes {
        names.push(h.api_data(&format!("/v1/sites/{code}.json")).await["name"].as_str().unwrap().to_owned());
    }
    for row in 1..=3 {
        tick(&h, row).await;
    }
    h.wait_for_text(".selection-bar", "3 sites selected").await.unwrap();
    let failing = codes[1].clone();
    h.standin.control.set_failing_site(&failing);
    h.click(".selection-bar a.bulk-reports").await;

    // The failing site is named with what could not be read; the others are there.
    h.wait_for_text(&format!(".report-failed[data-site='{failing}']"), &names[1]).await.unwrap();
    h.wait_for_text(&format!(".report-failed[data-site='{failing}']"), "Not read").await.unwrap();
    wait_until("the two others' reports", LIMIT, async || h.texts_of(".client-report .report-site").await.len() == 2)
        .await;
    h.assert_accessible("a document with a failed site").await;

    // Retried alone once the API answers again: all three, in the selection's order.
    h.standin.control.set_failing_site("");
    let requests_before: usize = h.script("return performance.getEntriesByType('resource').length").await;
    h.click(&format!(".report-failed[data-site='{failing}'] .retry-report")).await;
    wait_until("the three reports", LIMIT, async || h.texts_of(".client-report .report-site").await.len() == 3).await;
    let shown: Vec<String> =
        h.script("return [...document.querySelectorAll('.client-report')].map(r => r.dataset.site)").await;
    assert_eq!(shown, codes);
    let asked: Vec<String> = h
        .script(&format!(
            "return performance.getEntriesByType('resource').slice({requests_before}).map(e => e.name).filter(n => n.includes('/v1/'))"
        ))
        .await;
    assert!(
        asked.iter().all(|url| url.contains(&format!("/sites/{failing}"))),
        "only the failed site read again: {asked:#?}"
    );

    // One document: each report starts a page; two pages each.
    wait_until("the print button enabled", LIMIT, async || {
        h.script::<bool>("return !document.querySelector('#print-report').disabled").await
    })
    .await;
    let pages = h.printed_pages("client-reports-of-a-selection").await;
    assert_eq!(pages.len(), 6, "{pages:#?}");
    for (i, name) in names.iter().enumerate() {
        assert!(pages[2 * i].contains(name.as_str()), "page {} lacks {name}:\n{}", 2 * i + 1, pages[2 * i]);
        assert!(footer_line(&pages[2 * i + 1], name).is_some(), "page {}'s footer:\n{}", 2 * i + 2, pages[2 * i + 1]);
    }
    h.close().await;
}
