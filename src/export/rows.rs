//! The portfolio as CSV, for a spreadsheet program: one row per site, its plan and dates from the
//! sites list, its figures from three reads (statistics, 30-day report, usage), written by
//! `crate::csv` with `;` or `,` between cells. A figure whose read failed is an empty cell, counted
//! for a summary, never a silent hole. Pure; `export::dialog` reads and downloads.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::Site;

use crate::csv::Csv;
use crate::i18n::{Locale, PageKey};
use crate::many_sites::Figures;

/// What separates cells: `;` for spreadsheets set to a comma as decimal mark (French), `,` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Separator {
    #[default]
    Semicolon,
    Comma,
}

impl Separator {
    pub fn char(self) -> char {
        match self {
            Separator::Semicolon => ';',
            Separator::Comma => ',',
        }
    }
}

/// A site's row: the site as the list gave it, and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    pub site: Site,
    pub figures: Figures,
}

pub const COLUMNS: [PageKey; 12] = [
    PageKey::CsvCode,
    PageKey::CsvName,
    PageKey::CsvDomain,
    PageKey::CsvPlan,
    PageKey::CsvTrialEnd,
    PageKey::CsvClosingDate,
    PageKey::CsvCredits,
    PageKey::CsvDiskUsed,
    PageKey::CsvDiskTotal,
    PageKey::CsvVisitors30,
    PageKey::CsvPendingOrders,
    PageKey::CsvUnreadForms,
];

impl SiteRow {
    /// The row's cells, in `COLUMNS`' order; `None` where a read failed. A figure the API did not
    /// know is an empty cell (not a failure, and not 0).
    pub fn cells(&self) -> Vec<Option<String>> {
        let site = &self.site;
        let figures = &self.figures;
        let text = |value: &str| Some(value.to_owned());
        let number = |value: Option<i64>| value.map(|n| n.to_string()).unwrap_or_default();
        let usage = figures.usage.as_ref();
        let stats = figures.stats.as_ref();
        vec![
            text(&site.code_site),
            text(&site.name),
            text(&site.domain),
            text(&site.plan.plan_name),
            Some(site.plan.endtrial_date.map(Day::to_iso).unwrap_or_default()),
            Some(site.plan.closing_date.map(Day::to_iso).unwrap_or_default()),
            Some(number(site.plan.balance)),
            usage.map(|u| number(u.space.used)),
            usage.map(|u| number(u.space.total)),
            figures.visitors.as_ref().map(|_| number(figures.visitors_total())),
            // A site without a shop or forms has none of them: an empty cell, not a failure.
            stats.map(|s| number(s.checkout.as_ref().and_then(|c| c.pending_orders))),
            stats.map(|s| number(s.forms.as_ref().and_then(|f| f.unread_responses))),
        ]
    }
}

/// The file (`crate::csv`: a byte order mark, quoting, no formulas): the header row in `locale`, then
/// a row per site.
pub fn csv(rows: &[SiteRow], separator: Separator, locale: Locale) -> String {
    let mut file = Csv::new(separator.char());
    file.row(COLUMNS.iter().map(|key| locale.tr(*key)));
    for row in rows {
        file.row(row.cells().into_iter().map(Option::unwrap_or_default));
    }
    file.into_text()
}

/// How many cells are empty because their read failed.
pub fn missing(rows: &[SiteRow]) -> usize {
    rows.iter().map(|row| row.cells().iter().filter(|cell| cell.is_none()).count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiubi_wire::models::{CheckoutStats, SitePlan, Space, Stats, Usage};

    fn site(code: &str, name: &str) -> Site {
        Site {
            code_site: code.into(),
            name: name.into(),
            domain: format!("{code}.example"),
            plan: SitePlan {
                plan_name: "Pro".into(),
                balance: Some(12),
                endtrial_date: Day::parse_iso("2026-12-03"),
                ..SitePlan::default()
            },
            ..Site::default()
        }
    }

    fn full(code: &str, name: &str) -> SiteRow {
        SiteRow {
            site: site(code, name),
            figures: Figures {
                stats: Some(Stats {
                    checkout: Some(CheckoutStats { pending_orders: Some(3), ..CheckoutStats::default() }),
                    ..Stats::default()
                }),
                visitors: Some(vec![Some(1000), Some(200), Some(34)]),
                usage: Some(Usage {
                    space: Space { used: Some(500), total: Some(1000), ..Space::default() },
                    ..Usage::default()
                }),
                ..Figures::default()
            },
        }
    }

    #[test]
    fn the_file_has_a_bom_a_header_and_a_row_per_site() {
        let file = csv(&[full("a", "Atelier")], Separator::Semicolon, Locale::En);
        let lines: Vec<&str> = file.strip_prefix('\u{feff}').expect("a BOM").split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Code;Name;Domain;Plan;Trial end;Closing date;Credits;Disk used (bytes);Disk total (bytes);Visitors (30 days);Pending orders;Unread form responses"
        );
        assert_eq!(lines[1], "a;Atelier;a.example;Pro;2026-12-03;;12;500;1000;1234;3;");
        assert_eq!(lines[2], "", "the last line ends too");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn cells_are_quoted_when_they_need_it_and_never_run_as_formulas() {
        let rows = [full("b", "Caf\u{e9} \"Le Port\", quai; 2\nbis"), full("c", "=HYPERLINK(\"x\")")];
        let comma = csv(&rows, Separator::Comma, Locale::Fr);
        assert!(comma.contains("b,\"Café \"\"Le Port\"\", quai; 2\nbis\",b.example"), "{comma}");
        assert!(comma.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{comma}");
        let semicolon = csv(&rows[..1], Separator::Semicolon, Locale::Fr);
        assert!(semicolon.contains(";\"Café \"\"Le Port\"\", quai; 2\nbis\";"), "{semicolon}");
    }

    #[test]
    fn a_failed_read_leaves_its_cells_empty_and_is_counted() {
        let mut row = full("d", "D");
        row.figures.usage = None;
        row.figures.visitors = None;
        let file = csv(std::slice::from_ref(&row), Separator::Semicolon, Locale::En);
        assert!(file.ends_with("d;D;d.example;Pro;2026-12-03;;12;;;;3;\r\n"), "{file}");
        assert_eq!(missing(&[row, full("e", "E")]), 3);
        // No shop is not a failure.
        let mut shopless = full("f", "F");
        shopless.figures.stats = Some(Stats::default());
        assert_eq!(missing(&[shopless]), 0);
    }

    #[test]
    fn a_figure_the_api_did_not_know_is_an_empty_cell_and_a_real_zero_is_0() {
        fn read<T: serde::de::DeserializeOwned>(json: String) -> T {
            serde_json::from_str(&json).unwrap()
        }
        for (blank, cell) in [("null", ""), (r#""""#, ""), ("missing", ""), (r#""0""#, "0")] {
            let figure = |key: &str| if blank == "missing" { String::new() } else { format!(r#""{key}": {blank}"#) };
            let mut row = full("g", "G");
            row.figures.usage = Some(read(format!(r#"{{"space": {{{}}}}}"#, figure("total"))));
            row.figures.stats = Some(read(format!(r#"{{"checkout": {{{}}}}}"#, figure("pending_orders"))));
            let cells = row.cells();
            let at = |key: PageKey| cells[COLUMNS.iter().position(|k| *k == key).unwrap()].clone();
            assert_eq!(at(PageKey::CsvDiskTotal).as_deref(), Some(cell), "{blank}");
            assert_eq!(at(PageKey::CsvPendingOrders).as_deref(), Some(cell), "{blank}");
            assert_eq!(at(PageKey::CsvDiskUsed).as_deref(), Some(""), "{blank}: not sent, not 0");
            assert_eq!(missing(std::slice::from_ref(&row)), 0, "{blank}: unknown is not a failed read");
        }
        let mut row = full("h", "H");
        row.figures.visitors = Some(vec![Some(4), None]);
        assert_eq!(row.cells()[9].as_deref(), Some(""), "a day unknown: the total is unknown");
    }
}
