//! The arithmetic of charts and of the visit report, free of any rendering: linear scales, "nice"
//! tick values, which day labels to show, report periods and their previous period, change in
//! percent, the CSV of the days, and quota warnings. Tested natively.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::{Quota, ReportDay};

use crate::csv::Csv;

/// Maps a value of `domain` to a coordinate of `range` (either may run backwards, as SVG's y does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return r0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// The points of a sparkline of `values` in a `width` × `height` box (SVG `points`, y downwards):
/// left to right, 0 at the bottom, the highest value at the top; a flat line at the bottom when all
/// are 0, nothing for no value.
pub fn sparkline_points(values: &[i64], width: f64, height: f64) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let x = LinearScale { domain: (0.0, values.len().saturating_sub(1).max(1) as f64), range: (0.0, width) };
    let y = LinearScale { domain: (0.0, max), range: (height, 0.0) };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x.map(i as f64), y.map(*v as f64)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A step of 1, 2 or 5 times a power of ten, near `span / count`.
fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Round tick values from 0 up to at least `max`, about `count` of them; the last one is the top of
/// the axis. Whole numbers only (the report counts people, pages, calls and euros).
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let step = nice_step(max, count).max(1.0);
    let top = (max / step).ceil() * step;
    let steps = (top / step).round() as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// Which of `count` points get a label on the x axis: every n-th so that at most `room` show,
/// always the first.
pub fn label_every(count: usize, room: usize) -> usize {
    count.div_ceil(room.max(1)).max(1)
}

/// The preset periods of the visit report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Days7,
    Days30,
    Months3,
    Months12,
    ThisMonth,
    LastMonth,
}

impl Preset {
    pub const ALL: [Preset; 6] =
        [Preset::Days7, Preset::Days30, Preset::Months3, Preset::Months12, Preset::ThisMonth, Preset::LastMonth];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Days7 => "7d",
            Preset::Days30 => "30d",
            Preset::Months3 => "3m",
            Preset::Months12 => "12m",
            Preset::ThisMonth => "this-month",
            Preset::LastMonth => "last-month",
        }
    }

    pub fn parse(value: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == value)
    }
}

/// Days from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Day,
    pub end: Day,
}

fn first_of_month(day: Day) -> Day {
    Day { day: 1, ..day }
}

impl Period {
    /// A preset period ending today (or, for last month, at its last day).
    pub fn preset(preset: Preset, today: Day) -> Period {
        let back = |days: i64| Period { start: today.plus_days(-(days - 1)), end: today };
        match preset {
            Preset::Days7 => back(7),
            Preset::Days30 => back(30),
            Preset::Months3 => back(91),
            Preset::Months12 => back(365),
            Preset::ThisMonth => Period { start: first_of_month(today), end: today },
            Preset::LastMonth => {
                let end = first_of_month(today).plus_days(-1);
                Period { start: first_of_month(end), end }
            }
        }
    }

    /// A period from two days in any order.
    pub fn between(a: Day, b: Day) -> Period {
        Period { start: a.min(b), end: a.max(b) }
    }

    pub fn days(&self) -> i64 {
        self.end.days_since_epoch() - self.start.days_since_epoch() + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let length = self.days();
        Period { start: self.start.plus_days(-length), end: self.start.plus_days(-1) }
    }
}

/// Change from `previous` to `current`, in percent; none when there was nothing before.
pub fn percent_change(current: f64, previous: f64) -> Option<f64> {
    (previous != 0.0).then(|| (current - previous) / previous * 100.0)
}

/// The figure a chart or table shows for a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Visitors,
    Pageviews,
    ApiHits,
    Sales,
}

impl Metric {
    pub const ALL: [Metric; 4] = [Metric::Visitors, Metric::Pageviews, Metric::ApiHits, Metric::Sales];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Visitors => "visitors",
            Metric::Pageviews => "pageviews",
            Metric::ApiHits => "api_hits",
            Metric::Sales => "sales",
        }
    }

    pub fn parse(value: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.as_str() == value)
    }

    /// The day's figure (sales with their cents); `None` for sales of a site without a shop.
    pub fn of(self, day: &ReportDay) -> Option<f64> {
        match self {
            Metric::Visitors => Some(day.visitors as f64),
            Metric::Pageviews => Some(day.pageviews as f64),
            Metric::ApiHits => Some(day.api_hits as f64),
            Metric::Sales => day.sales,
        }
    }
}

/// The days as CSV (`crate::csv`, with `,`), with the metrics given as columns, in that order.
pub fn days_csv(days: &[ReportDay], columns: &[(Metric, &str)], date_heading: &str) -> String {
    let mut csv = Csv::new(',');
    csv.row(std::iter::once(date_heading).chain(columns.iter().map(|(_, heading)| *heading)));
    for day in days {
        csv.row(
            std::iter::once(day.date.map(Day::to_iso).unwrap_or_default())
                .chain(columns.iter().map(|(metric, _)| metric.of(day).map(|v| v.to_string()).unwrap_or_default())),
        );
    }
    csv.into_text()
}

/// A quota is worth a warning when less than 15 % is free or more than 85 % used.
pub fn is_tight(used: i64, total: i64) -> bool {
    total > 0 && used as f64 > total as f64 * 0.85
}

/// Share used, 0 to 100.
pub fn used_percent(quota: &Quota) -> f64 {
    if quota.total <= 0 {
        0.0
    } else {
        (quota.used as f64 / quota.total as f64 * 100.0).clamp(0.0, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day { year: 2026, month: 3, day: 15 };

    #[test]
    fn scales_map_both_ways() {
        let y = LinearScale { domain: (0.0, 100.0), range: (200.0, 0.0) };
        assert_eq!(y.map(0.0), 200.0);
        assert_eq!(y.map(25.0), 150.0);
        assert_eq!(LinearScale { domain: (5.0, 5.0), range: (0.0, 10.0) }.map(5.0), 0.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(87.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(1234.0, 4), [0.0, 500.0, 1000.0, 1500.0]);
        assert_eq!(nice_ticks(3.0, 5), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(nice_ticks(0.0, 5), [0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 5), [0.0, 1.0]);
        for max in [1.0, 7.0, 99.0, 100.0, 101.0, 45_678.0, 1e9] {
            let ticks = nice_ticks(max, 5);
            assert!(*ticks.last().unwrap() >= max && ticks.len() <= 11, "{max}: {ticks:?}");
        }
    }

    #[test]
    fn day_labels_thin_out() {
        assert_eq!(label_every(7, 10), 1);
        assert_eq!(label_every(30, 8), 4);
        assert_eq!(label_every(365, 8), 46);
        assert_eq!(label_every(0, 8), 1);
    }

    #[test]
    fn preset_periods() {
        let day = |m, d| Day { year: 2026, month: m, day: d };
        assert_eq!(Period::preset(Preset::Days7, TODAY), Period { start: day(3, 9), end: TODAY });
        assert_eq!(Period::preset(Preset::Days30, TODAY).days(), 30);
        assert_eq!(Period::preset(Preset::Months12, TODAY).days(), 365);
        assert_eq!(Period::preset(Preset::ThisMonth, TODAY), Period { start: day(3, 1), end: TODAY });
        assert_eq!(Period::preset(Preset::LastMonth, TODAY), Period { start: day(2, 1), end: day(2, 28) });
        let january = Period::preset(Preset::LastMonth, Day { year: 2026, month: 1, day: 10 });
        assert_eq!(
            january,
            Period { start: Day { year: 2025, month: 12, day: 1 }, end: Day { year: 2025, month: 12, day: 31 } }
        );
        for preset in Preset::ALL {
            assert_eq!(Preset::parse(preset.as_str()), Some(preset));
        }
    }

    #[test]
    fn the_previous_period_has_the_same_length() {
        let week = Period::preset(Preset::Days7, TODAY);
        let before = week.previous();
        assert_eq!(before.days(), 7);
        assert_eq!(before.end.plus_days(1), week.start);
        assert_eq!(Period::between(TODAY, week.start), week);
        assert_eq!(percent_change(150.0, 100.0), Some(50.0));
        assert_eq!(percent_change(50.0, 100.0), Some(-50.0));
        assert_eq!(percent_change(5.0, 0.0), None);
    }

    #[test]
    fn csv_of_the_days() {
        let days = [
            ReportDay {
                date: Day::parse_iso("2026-03-01"),
                visitors: 10,
                pageviews: 30,
                api_hits: 2,
                sales: Some(120.0),
            },
            ReportDay { date: Day::parse_iso("2026-03-02"), visitors: 12, pageviews: 31, api_hits: 0, sales: None },
        ];
        let csv = days_csv(&days, &[(Metric::Visitors, "Visiteurs"), (Metric::Sales, "CA, €")], "Date");
        assert_eq!(csv, "\u{feff}Date,Visiteurs,\"CA, €\"\r\n2026-03-01,10,120\r\n2026-03-02,12,\r\n");
        assert_eq!(Metric::parse("api_hits"), Some(Metric::ApiHits));
    }

    #[test]
    fn quotas() {
        assert!(is_tight(86, 100));
        assert!(!is_tight(85, 100));
        assert!(!is_tight(5, 0));
        assert_eq!(used_percent(&Quota { used: 50, free: 150, total: 200 }), 25.0);
        assert_eq!(used_percent(&Quota { used: 5, free: 0, total: 0 }), 0.0);
    }

    #[test]
    fn sparkline_spans_the_box_with_the_peak_at_the_top() {
        assert_eq!(sparkline_points(&[0, 5, 10], 100.0, 20.0), "0.0,20.0 50.0,10.0 100.0,0.0");
        assert_eq!(sparkline_points(&[0, 0], 10.0, 4.0), "0.0,4.0 10.0,4.0");
        assert_eq!(sparkline_points(&[], 10.0, 4.0), "");
    }
}
