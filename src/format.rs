//! Dates, numbers, money, byte sizes and relative times for the interface language. Pure functions,
//! so they are tested natively and cost no JavaScript bindings.

use kiubi_wire::calendar::{DateTime, Day, TimeOfDay};

use crate::i18n::{Locale, PageKey};

/// What a value the API did not give (or gave unreadable) reads as: unknown, never a made-up 0.
pub const UNKNOWN: &str = "—";

const MONTHS_FR: [&str; 12] =
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "28 nov. 2026" / "Nov 28, 2026"; with a time, "… à 10:32" / "…, 10:32"; unknown: "—".
pub fn date(locale: Locale, value: Option<DateTime>) -> String {
    let Some(DateTime { day, time }) = value else { return UNKNOWN.to_owned() };
    let date = self::day(locale, Some(day));
    match (time, locale) {
        (Some(TimeOfDay { hour, minute, .. }), Locale::Fr) => format!("{date} à {hour:02}:{minute:02}"),
        (Some(TimeOfDay { hour, minute, .. }), Locale::En) => format!("{date}, {hour:02}:{minute:02}"),
        (None, _) => date,
    }
}

/// The day alone: "28 nov. 2026" / "Nov 28, 2026"; unknown: "—".
pub fn day(locale: Locale, value: Option<Day>) -> String {
    let Some(Day { year, month, day }) = value else { return UNKNOWN.to_owned() };
    let month = month as usize - 1;
    match locale {
        Locale::Fr => format!("{day} {} {year}", MONTHS_FR[month]),
        Locale::En => format!("{} {day}, {year}", MONTHS_EN[month]),
    }
}

/// Day and month, for chart labels: "28 nov." / "Nov 28"; unknown: "—".
pub fn short_day(locale: Locale, value: Option<Day>) -> String {
    let Some(Day { month, day, .. }) = value else { return UNKNOWN.to_owned() };
    match locale {
        Locale::Fr => format!("{day} {}", MONTHS_FR[month as usize - 1]),
        Locale::En => format!("{} {day}", MONTHS_EN[month as usize - 1]),
    }
}

/// A figure that may be unknown: written by `write`, or [`UNKNOWN`].
pub fn known<T>(value: Option<T>, write: impl FnOnce(T) -> String) -> String {
    value.map_or_else(|| UNKNOWN.to_owned(), write)
}

/// Thousands grouped and the decimal mark of the language: 1 234,5 / 1,234.5.
pub fn number(locale: Locale, value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = locale.grouped(int);
    if !frac.is_empty() {
        out.push(match locale {
            Locale::Fr => ',',
            Locale::En => '.',
        });
        out.push_str(frac);
    }
    if value < 0.0 && value.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        out.insert(0, '-');
    }
    out
}

/// A rate: "2 %", "2,35 %" / "2.35 %" (its cents only when it has some).
pub fn percent(locale: Locale, rate: f64) -> String {
    format!("{}\u{a0}%", number(locale, rate, if rate.fract() == 0.0 { 0 } else { 2 }))
}

/// Euros: "1 234,50 €" / "€1,234.50".
pub fn money(locale: Locale, amount: f64) -> String {
    match locale {
        Locale::Fr => format!("{}\u{a0}€", number(locale, amount, 2)),
        Locale::En => format!("€{}", number(locale, amount, 2)),
    }
}

/// Bytes in human units, powers of 1024: "1,5 Go" / "1.5 GB".
pub fn bytes(locale: Locale, count: i64) -> String {
    let units: [&str; 5] = match locale {
        Locale::Fr => ["octets", "Ko", "Mo", "Go", "To"],
        Locale::En => ["bytes", "KB", "MB", "GB", "TB"],
    };
    let mut value = count.max(0) as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < units.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let decimals = if unit == 0 || value >= 100.0 { 0 } else { 1 };
    format!("{}\u{a0}{}", number(locale, value, decimals), units[unit])
}

/// How long ago, from a number of seconds: "à l'instant", "il y a 5 min", "il y a 3 h", "il y a 2 j" /
/// "just now", "5 min ago", "3 h ago", "2 d ago". Future times say "dans …" / "in …".
pub fn relative(locale: Locale, seconds_ago: i64) -> String {
    let future = seconds_ago < 0;
    let s = seconds_ago.unsigned_abs();
    let amount = match s {
        0..=44 => {
            return match locale {
                Locale::Fr => "à l'instant".into(),
                Locale::En => "just now".into(),
            }
        }
        45..=3_599 => format!("{} min", (s + 30) / 60),
        3_600..=86_399 => format!("{} h", (s + 1_800) / 3_600),
        _ => match locale {
            Locale::Fr => format!("{} j", (s + 43_200) / 86_400),
            Locale::En => format!("{} d", (s + 43_200) / 86_400),
        },
    };
    match (locale, future) {
        (Locale::Fr, false) => format!("il y a {amount}"),
        (Locale::Fr, true) => format!("dans {amount}"),
        (Locale::En, false) => format!("{amount} ago"),
        (Locale::En, true) => format!("in {amount}"),
    }
}

/// A monthly cost: "29,00 € / mois".
pub fn monthly(locale: Locale, amount: f64) -> String {
    locale.tr_with(PageKey::PerMonth, &[("amount", &money(locale, amount))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_languages() {
        let at = |text: &str| DateTime::parse_iso(text);
        assert_eq!(date(Locale::Fr, at("2026-11-28")), "28 nov. 2026");
        assert_eq!(date(Locale::En, at("2026-11-28")), "Nov 28, 2026");
        assert_eq!(date(Locale::Fr, at("2021-10-14 10:32:00")), "14 oct. 2021 à 10:32");
        assert_eq!(date(Locale::En, at("2021-10-14 10:32:00")), "Oct 14, 2021, 10:32");
        assert_eq!(day(Locale::En, at("2021-10-14 10:32:00").map(|d| d.day)), "Oct 14, 2021");
        assert_eq!(date(Locale::En, None), "—", "unknown, not a made-up date");
        assert_eq!(known(None::<i64>, |n| Locale::Fr.integer(n)), "—");
        assert_eq!(known(Some(0), |n| Locale::Fr.integer(n)), "0", "a real zero");
        assert_eq!(
            (percent(Locale::Fr, 2.0), percent(Locale::En, 2.35)),
            ("2\u{a0}%".to_owned(), "2.35\u{a0}%".to_owned())
        );
        assert_eq!((day(Locale::Fr, None), short_day(Locale::Fr, None)), ("—".to_owned(), "—".to_owned()));
        assert_eq!(short_day(Locale::Fr, Day::parse_iso("2026-11-28")), "28 nov.");
        assert_eq!(short_day(Locale::En, Day::parse_iso("2026-11-28")), "Nov 28");
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(number(Locale::Fr, 1234567.891, 2), "1\u{202f}234\u{202f}567,89");
        assert_eq!(number(Locale::En, 1234567.891, 2), "1,234,567.89");
        assert_eq!(number(Locale::En, -1234.0, 0), "-1,234");
        assert_eq!(number(Locale::En, -0.001, 2), "0.00");
        for n in [0, 7, 999, 1_000, -1_234, 1_234_567, i64::MIN] {
            assert_eq!(Locale::En.integer(n), number(Locale::En, n as f64, 0), "{n}");
            assert_eq!(Locale::Fr.integer(n), number(Locale::Fr, n as f64, 0), "{n}");
        }
        assert_eq!(money(Locale::Fr, 9.9), "9,90\u{a0}€");
        assert_eq!(money(Locale::En, 1499.5), "€1,499.50");
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes(Locale::En, 512), "512\u{a0}bytes");
        assert_eq!(bytes(Locale::Fr, 1536), "1,5\u{a0}Ko");
        assert_eq!(bytes(Locale::En, 5 * 1024 * 1024 * 1024), "5.0\u{a0}GB");
        assert_eq!(bytes(Locale::En, 200 * 1024 * 1024), "200\u{a0}MB");
        assert_eq!(bytes(Locale::En, -5), "0\u{a0}bytes");
    }

    #[test]
    fn relative_times() {
        assert_eq!(relative(Locale::Fr, 10), "à l'instant");
        assert_eq!(relative(Locale::En, 300), "5 min ago");
        assert_eq!(relative(Locale::Fr, 300), "il y a 5 min");
        assert_eq!(relative(Locale::En, 3 * 3600), "3 h ago");
        assert_eq!(relative(Locale::Fr, 2 * 86_400), "il y a 2 j");
        assert_eq!(relative(Locale::En, -7200), "in 2 h");
    }
}
