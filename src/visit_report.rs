//! The visit report's arithmetic: periods (presets, a custom range, the previous period), metrics,
//! change in percent, and the CSV of its days. Tested natively.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::{Report, ReportDay};

use crate::csv::Csv;

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

    /// The whole of calendar month `month` (1–12) of `year`.
    pub fn month(year: i32, month: u32) -> Period {
        let start = Day { year, month, day: 1 };
        let next =
            if month == 12 { Day { year: year + 1, month: 1, day: 1 } } else { Day { month: month + 1, ..start } };
        Period { start, end: next.plus_days(-1) }
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

    /// The same days a year before (29 February: the 28th).
    pub fn year_before(&self) -> Period {
        let back = |day: Day| {
            let leap_day = day.month == 2 && day.day == 29;
            Day { year: day.year - 1, day: if leap_day { 28 } else { day.day }, ..day }
        };
        Period { start: back(self.start), end: back(self.end) }
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

    /// The day's figure (sales with their cents); `None` when unknown, or for sales of a site
    /// without a shop.
    pub fn of(self, day: &ReportDay) -> Option<f64> {
        self.among(day.visitors, day.pageviews, day.api_hits, day.sales)
    }

    /// The period's total, by the same rule.
    pub fn total(self, report: &Report) -> Option<f64> {
        self.among(report.visitors, report.pageviews, report.api_hits, report.sales)
    }

    /// This metric's figure among a day's or a period's, which carry the same four.
    fn among(
        self,
        visitors: Option<i64>,
        pageviews: Option<i64>,
        api_hits: Option<i64>,
        sales: Option<f64>,
    ) -> Option<f64> {
        match self {
            Metric::Visitors => visitors.map(|n| n as f64),
            Metric::Pageviews => pageviews.map(|n| n as f64),
            Metric::ApiHits => api_hits.map(|n| n as f64),
            Metric::Sales => sales,
        }
    }

    /// The metrics a report has: sales only where the site has a shop (the API sends its `sales`).
    pub fn of_report(report: &Report) -> Vec<Metric> {
        Metric::ALL.into_iter().filter(|m| *m != Metric::Sales || report.sales.is_some()).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day { year: 2026, month: 3, day: 15 };
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
        let day = |y, m, d| Day { year: y, month: m, day: d };
        let october = Period { start: day(2026, 10, 1), end: day(2026, 10, 31) };
        assert_eq!(october.year_before(), Period { start: day(2025, 10, 1), end: day(2025, 10, 31) });
        let february = Period::month(2024, 2);
        assert_eq!(february, Period { start: day(2024, 2, 1), end: day(2024, 2, 29) });
        assert_eq!(Period::month(2026, 12).end, day(2026, 12, 31));
        assert_eq!(february.year_before(), Period { start: day(2023, 2, 1), end: day(2023, 2, 28) });
    }
    #[test]
    fn csv_of_the_days() {
        let days = [
            ReportDay {
                date: Day::parse_iso("2026-03-01"),
                visitors: Some(10),
                pageviews: Some(30),
                api_hits: Some(2),
                sales: Some(120.0),
            },
            ReportDay {
                date: Day::parse_iso("2026-03-02"),
                visitors: None,
                pageviews: Some(31),
                api_hits: Some(0),
                sales: None,
            },
        ];
        let csv = days_csv(&days, &[(Metric::Visitors, "Visiteurs"), (Metric::Sales, "CA, €")], "Date");
        assert_eq!(
            csv, "\u{feff}Date,Visiteurs,\"CA, €\"\r\n2026-03-01,10,120\r\n2026-03-02,,\r\n",
            "unknown: an empty cell"
        );
        assert_eq!(Metric::parse("api_hits"), Some(Metric::ApiHits));
    }
}
