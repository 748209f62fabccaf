//! The panel's one CSV writer, for every file it offers (the portfolio export, a report's days):
//! RFC 4180 with what spreadsheets need. A byte order mark first, so that they read UTF-8; the
//! separator chosen by the caller; CRLF after every row, the last too; a cell quoted when it holds
//! the separator, a quote or a line break; text a spreadsheet would take for a formula (`=`, `+`,
//! `-`, `@`, a tab or a carriage return first) given a `'` in front, so API text cannot run as one.

pub struct Csv {
    separator: char,
    text: String,
}

impl Csv {
    pub fn new(separator: char) -> Csv {
        Csv { separator, text: String::from('\u{feff}') }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, value) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(self.separator);
            }
            self.text.push_str(&cell(value.as_ref(), self.separator));
        }
        self.text.push_str("\r\n");
    }

    pub fn into_text(self) -> String {
        self.text
    }
}

fn cell(value: &str, separator: char) -> String {
    // A number, negative or decimal, stays a number; `-inf` and the like are text.
    let number = value.parse::<f64>().is_ok_and(f64::is_finite);
    let value = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !number => format!("'{value}"),
        _ => value.to_owned(),
    };
    if value.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(separator: char, rows: &[&[&str]]) -> String {
        let mut csv = Csv::new(separator);
        for row in rows {
            csv.row(row.iter());
        }
        csv.into_text()
    }

    #[test]
    fn a_byte_order_mark_then_rows_each_ended_by_crlf() {
        assert_eq!(file(';', &[&["a", "b"], &["1", ""]]), "\u{feff}a;b\r\n1;\r\n");
        assert_eq!(file(',', &[]), "\u{feff}");
    }

    #[test]
    fn cells_are_quoted_when_they_hold_the_separator_a_quote_or_a_line_break() {
        assert_eq!(cell("Caf\u{e9} \"Le Port\", quai; 2\nbis", ','), "\"Café \"\"Le Port\"\", quai; 2\nbis\"");
        assert_eq!(cell("quai; 2", ','), "quai; 2", "the other separator needs no quotes");
        assert_eq!(cell("quai; 2", ';'), "\"quai; 2\"");
        assert_eq!(cell("a\rb", ';'), "\"a\rb\"");
    }

    #[test]
    fn text_never_runs_as_a_formula_and_numbers_stay_numbers() {
        for (value, written) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+33 1 23", "'+33 1 23"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-inf", "'-inf"),
            ("-12", "-12"),
            ("-12.5", "-12.5"),
            ("120.25", "120.25"),
            ("", ""),
        ] {
            assert_eq!(cell(value, ','), written, "{value:?}");
        }
    }
}
