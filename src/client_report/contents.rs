//! What a client report says, from a site's replies (`SiteReport`): the headline figures and their
//! change against the comparison period, the comparison's days beside the period's, the backups and
//! the activity of the period, and the footer of its printed pages. Pure, tested natively.

use kiubi_wire::calendar::DateTime;
use kiubi_wire::enums::ActivityType;
use kiubi_wire::lenient::Known;
use kiubi_wire::models::{Activity, Backup, Report, Site, Stats, Usage};

use crate::api::ApiError;
use crate::format;
use crate::i18n::{Locale, PageKey};
use crate::many_sites::Listing;
use crate::visit_report::{percent_change, Metric, Period};

/// The latest events a report lists.
pub const LATEST_EVENTS: usize = 5;
/// The backups a report lists (the count says how many more there were).
pub const LISTED_BACKUPS: usize = 6;

/// The replies a site's report is made of, each read on its own: one that failed spoils only its part.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteReport {
    pub site: Result<Site, ApiError>,
    pub current: Result<Report, ApiError>,
    pub comparison: Result<Report, ApiError>,
    pub stats: Result<Stats, ApiError>,
    pub usage: Result<Usage, ApiError>,
    pub backups: Result<Vec<Backup>, ApiError>,
    /// Since the period's first day, newest first, as far as read.
    pub activity: Result<Listing<Activity>, ApiError>,
}

/// A part of a report, named when its read failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Site,
    Visits,
    Comparison,
    Figures,
    Usage,
    Backups,
    Activity,
}

impl Part {
    pub fn label(self) -> PageKey {
        match self {
            Part::Site => PageKey::ReportPartSite,
            Part::Visits => PageKey::ReportPartVisits,
            Part::Comparison => PageKey::ReportPartComparison,
            Part::Figures => PageKey::ReportPartFigures,
            Part::Usage => PageKey::ReportPartUsage,
            Part::Backups => PageKey::ReportPartBackups,
            Part::Activity => PageKey::ReportPartActivity,
        }
    }
}

impl SiteReport {
    /// The parts whose read failed, each with its error.
    pub fn failures(&self) -> Vec<(Part, &ApiError)> {
        [
            (Part::Site, self.site.as_ref().err()),
            (Part::Visits, self.current.as_ref().err()),
            (Part::Comparison, self.comparison.as_ref().err()),
            (Part::Figures, self.stats.as_ref().err()),
            (Part::Usage, self.usage.as_ref().err()),
            (Part::Backups, self.backups.as_ref().err()),
            (Part::Activity, self.activity.as_ref().err()),
        ]
        .into_iter()
        .filter_map(|(part, error)| error.map(|e| (part, e)))
        .collect()
    }

    /// Why the report is incomplete, in `locale`: the parts not read and the first reason; `None`
    /// when every part was read.
    pub fn failure_message(&self, locale: Locale) -> Option<String> {
        let failures = self.failures();
        let (_, first) = failures.first()?;
        let parts = failures.iter().map(|(part, _)| locale.tr(part.label())).collect::<Vec<_>>().join(", ");
        Some(locale.tr_with(PageKey::ReportPartsFailed, &[("parts", &parts), ("reason", &first.user_message(locale))]))
    }

    /// Whether the site sells: the visit report has sales.
    pub fn has_shop(&self) -> bool {
        self.current.as_ref().is_ok_and(|report| report.sales.is_some())
    }
}

/// A headline figure: its total over the period and its change against the comparison, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Headline {
    pub metric: Metric,
    pub total: Option<f64>,
    pub change: Option<f64>,
}

/// The period's totals (sales only where the site sells), each with its change; a figure unknown on
/// either side has no change, and neither has one that was 0 before.
pub fn headlines(current: Option<&Report>, comparison: Option<&Report>) -> Vec<Headline> {
    let metrics = current.map_or_else(|| Metric::ALL[..3].to_vec(), Metric::of_report);
    metrics
        .into_iter()
        .map(|metric| {
            let total = current.and_then(|report| metric.total(report));
            let before = comparison.and_then(|report| metric.total(report));
            let change = total.zip(before).and_then(|(now, before)| percent_change(now, before));
            Headline { metric, total, change }
        })
        .collect()
}

/// A change as the report writes it: "▲ 12,5 %", "▼ 3 %", "= 0 %"; unknown: "—".
pub fn change_text(locale: Locale, change: Option<f64>) -> String {
    format::known(change, |change| {
        let rounded = (change * 10.0).round() / 10.0;
        let arrow = match rounded {
            r if r > 0.0 => "▲",
            r if r < 0.0 => "▼",
            _ => "=",
        };
        let decimals = if rounded.fract() == 0.0 { 0 } else { 1 };
        format!("{arrow}\u{a0}{}\u{a0}%", format::number(locale, rounded.abs(), decimals))
    })
}

/// The comparison's figures of `metric`, day by day beside the period's (its first day under the
/// period's first), as many as the period has: the chart's second series.
pub fn aligned(metric: Metric, current: &Report, comparison: Option<&Report>) -> Vec<Option<f64>> {
    let before = comparison.map(|report| report.days.as_slice()).unwrap_or_default();
    (0..current.days.len()).map(|i| before.get(i).and_then(|day| metric.of(day))).collect()
}

fn within(period: Period, date: Option<DateTime>) -> bool {
    date.is_some_and(|date| date.day >= period.start && date.day <= period.end)
}

/// The backups made in `period`, newest first (one of unknown date cannot be placed, so is left out).
pub fn backups_in(backups: &[Backup], period: Period) -> Vec<&Backup> {
    let mut made: Vec<&Backup> = backups.iter().filter(|b| within(period, b.creation_date)).collect();
    made.sort_by_key(|b| std::cmp::Reverse(b.creation_date));
    made
}

/// The period's activity: how many events of each type (in the order of `ActivityType::ALL`, then
/// the types the panel does not know), the latest ones, and whether every event was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivitySummary {
    pub counts: Vec<(Known<ActivityType>, usize)>,
    pub total: usize,
    pub latest: Vec<Activity>,
    /// False when the log had more pages than were read: the counts are then at least these.
    pub complete: bool,
}

pub fn activity_in(listing: &Listing<Activity>, period: Period) -> ActivitySummary {
    let mut events: Vec<&Activity> = listing.items.iter().filter(|a| within(period, a.creation_date)).collect();
    events.sort_by_key(|a| std::cmp::Reverse(a.creation_date));
    let mut counts: Vec<(Known<ActivityType>, usize)> =
        ActivityType::ALL.iter().map(|kind| (Known::Value(*kind), 0)).collect();
    for event in &events {
        match counts.iter_mut().find(|(kind, _)| *kind == event.activity_type) {
            Some((_, count)) => *count += 1,
            None => counts.push((event.activity_type.clone(), 1)),
        }
    }
    counts.retain(|(_, count)| *count > 0);
    ActivitySummary {
        counts,
        total: events.len(),
        latest: events.iter().take(LATEST_EVENTS).map(|event| (*event).clone()).collect(),
        complete: listing.complete,
    }
}

/// "1 nov. 2026 – 30 nov. 2026" / "Nov 1, 2026 – Nov 30, 2026".
pub fn period_text(locale: Locale, period: Period) -> String {
    format!("{} – {}", format::day(locale, Some(period.start)), format::day(locale, Some(period.end)))
}

/// `text` as a CSS string: quotes, backslashes and line breaks escaped, other control characters left
/// out, so that an API's text cannot end the rule it is put in.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\22 "),
            '\\' => out.push_str("\\5c "),
            '\n' | '\r' => out.push_str("\\a "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The footer of a report's printed pages: its site's name, isolated (U+2068 … U+2069, since a
/// margin box holds no element to isolate it) so that a right-to-left name cannot reorder the
/// period after it; then the period.
pub fn footer_text(site_name: &str, period: &str) -> String {
    format!("\u{2068}{site_name}\u{2069} · {period}")
}

/// The name of the printed pages of the report number `index` of a document (CSS `page`).
pub fn page_name(index: usize) -> String {
    format!("report-{index}")
}

/// The rules that give the printed pages of each report its footer (`footers[i]`: report `i`'s site
/// and period) and every page its number; as margin boxes of named pages, since each report of a
/// document has its own.
pub fn footer_rules(footers: &[String]) -> String {
    footers
        .iter()
        .enumerate()
        .map(|(i, footer)| {
            format!(
                "@page {} {{ @bottom-left {{ content: {}; }} @bottom-right {{ content: counter(page); }} }}\n",
                page_name(i),
                css_string(footer)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiubi_wire::calendar::Day;
    use kiubi_wire::models::ReportDay;

    fn day(m: u32, d: u32) -> Day {
        Day { year: 2026, month: m, day: d }
    }

    fn report(visitors: Option<i64>, pageviews: Option<i64>, sales: Option<f64>, days: &[Option<i64>]) -> Report {
        Report {
            visitors,
            pageviews,
            api_hits: Some(10),
            sales,
            days: days
                .iter()
                .map(|v| ReportDay { visitors: *v, pageviews: None, api_hits: None, sales: None, date: None })
                .collect(),
            ..Report::default()
        }
    }

    #[test]
    fn headlines_change_against_the_comparison_and_stay_unknown_when_unknown() {
        let now = report(Some(150), None, None, &[]);
        let before = report(Some(100), Some(80), None, &[]);
        let lines = headlines(Some(&now), Some(&before));
        assert_eq!(
            lines.iter().map(|h| h.metric).collect::<Vec<_>>(),
            [Metric::Visitors, Metric::Pageviews, Metric::ApiHits]
        );
        assert_eq!(lines[0], Headline { metric: Metric::Visitors, total: Some(150.0), change: Some(50.0) });
        assert_eq!(lines[1], Headline { metric: Metric::Pageviews, total: None, change: None }, "unknown: no change");
        assert_eq!(lines[2].change, Some(0.0));
        let shop = report(Some(1), Some(1), Some(99.5), &[]);
        assert_eq!(
            headlines(Some(&shop), None).last().map(|h| (h.metric, h.total, h.change)),
            Some((Metric::Sales, Some(99.5), None))
        );
        let zero_before = report(Some(0), Some(0), None, &[]);
        assert_eq!(headlines(Some(&now), Some(&zero_before))[0].change, None, "from 0: no percentage");
        assert!(headlines(None, None).iter().all(|h| h.total.is_none() && h.change.is_none()));
    }

    #[test]
    fn a_change_reads_with_its_arrow_or_as_unknown() {
        assert_eq!(change_text(Locale::Fr, Some(12.34)), "▲\u{a0}12,3\u{a0}%");
        assert_eq!(change_text(Locale::En, Some(-3.0)), "▼\u{a0}3\u{a0}%");
        assert_eq!(change_text(Locale::En, Some(0.01)), "=\u{a0}0\u{a0}%");
        assert_eq!(change_text(Locale::En, None), "—");
    }

    #[test]
    fn the_comparison_s_days_line_up_under_the_period_s() {
        let now = report(None, None, None, &[Some(1), Some(2), Some(3)]);
        let before = report(None, None, None, &[Some(7), None]);
        assert_eq!(aligned(Metric::Visitors, &now, Some(&before)), [Some(7.0), None, None]);
        assert_eq!(aligned(Metric::Visitors, &now, None), [None, None, None]);
    }

    fn at(m: u32, d: u32) -> Option<DateTime> {
        Some(DateTime { day: day(m, d), time: None })
    }

    #[test]
    fn only_the_period_s_backups_newest_first() {
        let backup = |id: &str, date| Backup { id: id.into(), creation_date: date };
        let backups = [
            backup("a", at(10, 31)),
            backup("b", at(11, 2)),
            backup("c", None),
            backup("d", at(11, 30)),
            backup("e", at(12, 1)),
        ];
        let november = Period { start: day(11, 1), end: day(11, 30) };
        let ids: Vec<&str> = backups_in(&backups, november).iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["d", "b"]);
    }

    #[test]
    fn the_activity_of_the_period_counted_by_type_with_the_latest() {
        let event = |id, kind: &str, date| Activity {
            activity_id: id,
            activity_type: Known::of(kind),
            creation_date: date,
            ..Activity::default()
        };
        let mut items = vec![event(1, "login", at(12, 2)), event(9, "robot", at(11, 3))];
        items.extend((2..9).map(|id| event(id, if id % 2 == 0 { "update" } else { "form" }, at(11, id as u32))));
        let listing = Listing { total: 9, items, complete: false };
        let summary = activity_in(&listing, Period { start: day(11, 1), end: day(11, 30) });
        assert_eq!(summary.total, 8, "December's event is after the period");
        assert_eq!(
            summary.counts,
            [(Known::Value(ActivityType::Update), 4), (Known::Value(ActivityType::Form), 3), (Known::of("robot"), 1)]
        );
        assert_eq!(summary.latest.iter().map(|a| a.activity_id).collect::<Vec<_>>(), [8, 7, 6, 5, 4]);
        assert!(!summary.complete);
    }

    #[test]
    fn a_footer_isolates_the_site_s_name_from_the_period() {
        let footer = footer_text("\u{202e}Boutique", "November 2026");
        assert_eq!(footer, "\u{2068}\u{202e}Boutique\u{2069} · November 2026");
    }

    #[test]
    fn footers_are_css_strings_an_api_text_cannot_break_out_of() {
        assert_eq!(css_string("Café \"Le Coin\" \\ x\ny\u{7}"), "\"Café \\22 Le Coin\\22  \\5c  x\\a y\"");
        let rules = footer_rules(&["A · 1 – 2".into(), "B} @page {".into()]);
        assert!(rules.starts_with("@page report-0 { @bottom-left { content: \"A · 1 – 2\"; }"), "{rules}");
        assert!(rules.contains("@page report-1 { @bottom-left { content: \"B} @page {\"; }"), "{rules}");
        assert_eq!(rules.lines().count(), 2);
    }

    #[test]
    fn a_failed_part_is_named_with_the_first_reason() {
        let failed = SiteReport {
            site: Ok(Site::default()),
            current: Ok(Report::default()),
            comparison: Err(ApiError::Aborted),
            stats: Ok(Stats::default()),
            usage: Err(ApiError::Aborted),
            backups: Ok(Vec::new()),
            activity: Ok(Listing { items: Vec::new(), total: 0, complete: true }),
        };
        assert_eq!(
            failed.failures().iter().map(|(part, _)| *part).collect::<Vec<_>>(),
            [Part::Comparison, Part::Usage]
        );
        let message = failed.failure_message(Locale::En).unwrap();
        assert!(message.starts_with("Not read: comparison period, usage"), "{message}");
        assert!(
            period_text(Locale::En, Period { start: day(11, 1), end: day(11, 30) }) == "Nov 1, 2026 – Nov 30, 2026"
        );
    }
}
