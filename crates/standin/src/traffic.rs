//! Daily statistics of a site. They are not stored row by row (two years × ten thousand sites would
//! be millions of rows): each site stores its traffic profile, and a day's figures are a pure,
//! deterministic function of the site code, the profile and the date. The same question always
//! gets the same answer, across restarts too.

use chrono::{Datelike, NaiveDate, Weekday};

/// What the sites table stores about a site's traffic.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Typical visitors on a weekday.
    pub base: i64,
    pub has_shop: bool,
    /// First day with traffic (the site's creation).
    pub since: NaiveDate,
}

/// One day's figures; `sales` in euros, for shops only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub visitors: i64,
    pub pageviews: i64,
    pub api_hits: i64,
    pub sales: Option<i64>,
}

/// FNV-1a: stable across runs and platforms, unlike std's hasher.
fn hash(code: &str, date: NaiveDate, salt: u8) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in code.bytes().chain(date.num_days_from_ce().to_le_bytes()).chain([salt]) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A factor in `[low, high)` from the hash.
fn noise(code: &str, date: NaiveDate, salt: u8, low: f64, high: f64) -> f64 {
    low + (hash(code, date, salt) % 10_000) as f64 / 10_000.0 * (high - low)
}

pub fn day(code: &str, profile: Profile, date: NaiveDate, today: NaiveDate) -> Day {
    if date < profile.since || date > today {
        return Day { visitors: 0, pageviews: 0, api_hits: 0, sales: profile.has_shop.then_some(0) };
    }
    let weekly = match date.weekday() {
        Weekday::Sat => 0.7,
        Weekday::Sun => 0.6,
        _ => 1.0,
    };
    let seasonal = 1.0 + 0.2 * (date.ordinal() as f64 / 365.0 * std::f64::consts::TAU).sin();
    // Sites grow: two years ago they had 70 % of today's audience.
    let growth = 1.0 - 0.3 * ((today - date).num_days() as f64 / 730.0).min(1.0);
    let visitors = (profile.base as f64 * weekly * seasonal * growth * noise(code, date, 1, 0.8, 1.2)).round() as i64;
    let pageviews = (visitors as f64 * noise(code, date, 2, 2.2, 4.0)).round() as i64;
    let api_hits =
        (visitors as f64 * if profile.has_shop { 3.0 } else { 0.4 } * noise(code, date, 3, 0.8, 1.2)).round() as i64;
    let sales = profile.has_shop.then(|| (visitors as f64 * 0.02 * noise(code, date, 4, 40.0, 90.0)).round() as i64);
    Day { visitors, pageviews, api_hits, sales }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn same_question_same_answer() {
        let profile = Profile { base: 200, has_shop: true, since: date(2020, 1, 1) };
        let today = date(2026, 11, 28);
        assert_eq!(day("a", profile, date(2026, 3, 4), today), day("a", profile, date(2026, 3, 4), today));
        assert_ne!(day("a", profile, date(2026, 3, 4), today), day("b", profile, date(2026, 3, 4), today));
    }

    #[test]
    fn nothing_before_creation_or_after_today_and_no_sales_without_a_shop() {
        let profile = Profile { base: 200, has_shop: false, since: date(2026, 1, 1) };
        let today = date(2026, 11, 28);
        assert_eq!(day("a", profile, date(2025, 12, 31), today).visitors, 0);
        assert_eq!(day("a", profile, date(2026, 11, 29), today).visitors, 0);
        let d = day("a", profile, date(2026, 6, 1), today);
        assert!(d.visitors > 100 && d.pageviews > d.visitors && d.sales.is_none());
    }
}
