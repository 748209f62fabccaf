//! The French labels the API adds beside its figures (`*_label`, `*_f`).

use chrono::NaiveDate;

/// `1234.5` → `1 234,50 €` (no-break space as thousands separator, as the API's labels).
pub fn euros(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let units = group_thousands(cents.abs() / 100);
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{units},{:02}\u{a0}€", cents.abs() % 100)
}

fn group_thousands(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// `2026-11-28` → `28/11/2026`; anything else is returned as it is.
pub fn french_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_labels() {
        assert_eq!(euros(1234.5), "1\u{a0}234,50\u{a0}€");
        assert_eq!(euros(9.9), "9,90\u{a0}€");
        assert_eq!(euros(0.0), "0,00\u{a0}€");
        assert_eq!(euros(1_000_000.0), "1\u{a0}000\u{a0}000,00\u{a0}€");
    }

    #[test]
    fn french_dates() {
        assert_eq!(french_date("2026-11-28"), "28/11/2026");
        assert_eq!(french_date(""), "");
    }
}
