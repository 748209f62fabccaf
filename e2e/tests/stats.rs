//! Figures of a site: KPIs, live visitors, the visit report (chart, metric, comparison, table, CSV),
//! usage warnings, and the activity feed, against the stand-in.

use fantoccini::key::Key;
use fantoccini::Locator;
use kiubi_e2e::{wait_for, Harness};
use serde_json::Value;

async fn count(h: &Harness, css: &str) -> usize {
    h.browser.find_all(Locator::Css(css)).await.map(|all| all.len()).unwrap_or(0)
}

/// Waits until `css` matches `expected` elements.
async fn wait_for_count(h: &Harness, css: &str, expected: usize) {
    let counted = wait_for(std::time::Duration::from_secs(10), async || match count(h, css).await {
        n if n == expected => Ok(()),
        n => Err(format!("{n} elements")),
    });
    counted.await.unwrap_or_else(|e| panic!("{css}: {e}, not {expected}"));
}

/// Sites of the demo account (first page) with their `stats.json`.
async fn sites_with_stats(h: &Harness) -> Vec<(String, Value)> {
    let sites = h.api_data("/v1/sites.json?limit=20").await;
    let mut out = Vec::new();
    for site in sites.as_array().unwrap() {
        let code = site["code_site"].as_str().unwrap().to_owned();
        let stats = h.api_data(&format!("/v1/sites/{code}/stats.json")).await;
        out.push((code, stats));
    }
    out
}

fn grouped(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tokio::test]
async fn kpi_cards_show_the_sections_a_site_has_and_live_visitors_follow_the_stand_in() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let sites = sites_with_stats(&h).await;
    let (shop, stats) = sites.iter().find(|(_, s)| !s["checkout"].is_null()).unwrap();
    h.open(&format!("/sites/{shop}")).await;
    h.wait_for_text(".kpis:not([aria-busy])", "Orders to process").await.unwrap();
    let pending = stats["checkout"]["pending_orders"].as_i64().unwrap();
    let kpi = h
        .browser
        .find(Locator::XPath("//div[@class='kpi'][p[.='Orders to process']]/p[@class='kpi-value']"))
        .await
        .unwrap();
    assert_eq!(kpi.text().await.unwrap(), grouped(pending));
    h.wait_for_text(".kpis:not([aria-busy])", "Average cart").await.unwrap();
    h.screenshot("overview-figures").await;
    h.assert_accessible("overview with figures").await;

    let (no_shop, stats) = sites.iter().find(|(_, s)| s["checkout"].is_null()).unwrap();
    h.open(&format!("/sites/{no_shop}")).await;
    h.text_of(".kpis:not([aria-busy])").await;
    h.wait_for_text(".site-head", no_shop).await.unwrap();
    let kpis = h.text_of(".kpis:not([aria-busy])").await;
    assert!(!kpis.contains("Orders to process") && !kpis.contains("Average cart"), "{kpis}");
    assert_eq!(kpis.contains("Unread form responses"), !stats["forms"].is_null(), "{kpis}");

    // Live visitors: read again when the tab comes back (and every 30 s), with the change shown.
    h.text_of("#live-visitors").await;
    h.standin.set_live_visitors(no_shop, 1234).await;
    h.browser
        .execute("document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))", vec![])
        .await
        .unwrap();
    h.wait_for_text("#live-visitors", "1,234").await.unwrap();
    h.wait_for_text(".kpi.live .change", "▲").await.unwrap();
    h.wait_for_text(".kpi.live", "Updated at").await.unwrap();
    h.close().await;
}

#[tokio::test]
async fn the_report_follows_range_metric_and_comparison_with_table_and_csv() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    h.open(&format!("/sites/{code}/stats")).await;
    wait_for_count(&h, ".chart rect.bar.current", 30).await;

    // 12 months: a line of 365 points, not bars.
    h.click(".presets button:nth-child(4)").await;
    wait_for_count(&h, ".chart path.line.current", 1).await;
    assert_eq!(count(&h, ".chart rect.bar").await, 0);
    assert_eq!(h.location().await, format!("/sites/{code}/stats?range=12m"));

    // 7 days, page views: the tooltip (keyboard) names the metric and the day's figure.
    h.click(".presets button:nth-child(1)").await;
    wait_for_count(&h, ".chart rect.bar.current", 7).await;
    h.select("#report-metric", "pageviews").await;
    h.wait_for_text(".total.selected", "Page views").await.unwrap();
    let svg = h.browser.find(Locator::Css(".chart svg")).await.unwrap();
    h.browser.execute("document.querySelector('.chart svg').focus()", vec![]).await.unwrap();
    svg.send_keys(&format!("{}", Key::Left)).await.unwrap();
    let report = h
        .api_data(&format!(
            "/v1/sites/{code}/stats/report.json?start_date={}&end_date={}",
            h.day_fr(-6).await,
            h.day_fr(0).await
        ))
        .await;
    let second_to_last = report["days"][5]["pageviews"].as_i64().unwrap();
    h.wait_for_text(".chart-tooltip", &format!("Page views: {}", grouped(second_to_last))).await.unwrap();

    // Comparison: an overlay of the previous 7 days and a change in percent.
    h.click("#report-compare").await;
    wait_for_count(&h, ".chart path.line.previous", 1).await;
    h.wait_for_text(".totals", "vs the previous period").await.unwrap();
    assert_eq!(h.location().await, format!("/sites/{code}/stats?range=7d&metric=pageviews&compare=1"));

    // The table and the CSV hold the same days.
    h.click(".report-table summary").await;
    let rows = h.texts_of(".report-table tbody tr").await;
    assert_eq!(rows.len(), 7);
    let href = h.browser.find(Locator::Css("#csv-export")).await.unwrap().attr("href").await.unwrap().unwrap();
    let csv = h
        .browser
        .execute("return decodeURIComponent(arguments[0].split(',').slice(1).join(','))", vec![href.into()])
        .await
        .unwrap();
    // The panel's one CSV writer: a byte order mark first, as the portfolio export has.
    let csv = csv.as_str().unwrap().strip_prefix('\u{feff}').expect("a byte order mark");
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 8, "{lines:?}");
    assert!(lines[0].starts_with("Date,Visitors,Page views,API hits"));
    for (line, day) in lines[1..].iter().zip(report["days"].as_array().unwrap()) {
        let expected =
            format!("{},{},{},{}", day["date"].as_str().unwrap(), day["visitors"], day["pageviews"], day["api_hits"]);
        assert!(line.starts_with(&expected), "{line} vs {expected}");
    }
    let first_row = &rows[0];
    assert!(first_row.contains(&grouped(report["days"][0]["pageviews"].as_i64().unwrap())), "{first_row}");
    h.screenshot("statistics").await;
    h.assert_accessible("statistics").await;
    h.close().await;
}

#[tokio::test]
async fn usage_warns_about_a_site_near_its_quotas() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let sites = h.api_data("/v1/sites.json?limit=20").await;
    let mut crowded = None;
    let mut roomy = None;
    for site in sites.as_array().unwrap() {
        let code = site["code_site"].as_str().unwrap();
        let usage = h.api_data(&format!("/v1/sites/{code}/stats/usage.json?extra_fields=products")).await;
        let space = &usage["space"];
        let tight = space["used"].as_f64().unwrap() > space["total"].as_f64().unwrap() * 0.85;
        if tight && crowded.is_none() {
            crowded = Some(code.to_owned());
        } else if !tight && roomy.is_none() {
            roomy = Some(code.to_owned());
        }
    }
    let crowded = crowded.expect("the seed has a site near its quotas");
    h.open(&format!("/sites/{crowded}")).await;
    h.text_of(".usage .space.tight").await;
    h.text_of(".usage .quota.tight").await;
    h.open(&format!("/sites/{}", roomy.unwrap())).await;
    h.text_of(".usage .space:not(.placeholder)").await;
    assert_eq!(count(&h, ".usage .space.tight").await, 0);
    h.close().await;
}

#[tokio::test]
async fn the_activity_feed_filters_by_type_and_date_and_pages() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    h.open(&format!("/sites/{code}/activity")).await;
    h.text_of(".feed").await;
    assert_eq!(count(&h, ".feed .event").await, 20);
    h.assert_accessible("activity").await;

    h.click(".chips-filter button[data-type=login]").await;
    h.click(".chips-filter button[data-type=form]").await;
    let expected = h.api_data(&format!("/v1/sites/{code}/logs.json?type=login,form&limit=20")).await;
    let expected = expected.as_array().unwrap();
    wait_for_count(&h, ".feed .event", expected.len()).await;
    for event in h.browser.find_all(Locator::Css(".feed .event")).await.unwrap() {
        let kind = event.attr("data-type").await.unwrap().unwrap();
        assert!(kind == "login" || kind == "form", "{kind}");
    }
    assert_eq!(h.location().await, format!("/sites/{code}/activity?type=login%2Cform"));

    // Paging keeps the filters.
    if count(&h, ".pager a[rel=next]").await > 0 {
        h.click(".pager a[rel=next]").await;
        h.wait_for_text(".pager .count", "21–").await.unwrap();
        assert_eq!(h.location().await, format!("/sites/{code}/activity?type=login%2Cform&page=1"));
    }

    // Since a moment after every event: nothing, said plainly.
    h.fill("#activity-since", "2099").await;
    h.browser.execute(
        "const i = document.getElementById('activity-since'); i.value = '2099-01-01T00:00'; i.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    ).await.unwrap();
    h.click(".since button[type=submit]").await;
    h.wait_for_text(".empty", "No activity for these filters.").await.unwrap();
    assert!(h.location().await.contains("since=2099-01-01T00%3A00"));
    h.close().await;
}
