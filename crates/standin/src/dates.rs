//! The stand-in's dates: today in its clock, the plan dates it sets (a new site's trial end), and
//! its stored dates as the wire models hold them.

use chrono::Datelike;
use kiubi_wire::calendar::{DateTime, Day};

/// Today, in the stand-in's clock (the API speaks server-local dates).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Endtrial date of a new site: trials last 30 days.
pub fn trial_end() -> String {
    today().checked_add_days(chrono::Days::new(30)).unwrap_or_default().format("%Y-%m-%d").to_string()
}

/// A date the stand-in stores (the API's text) at `index` of `row`, as the wire models hold it.
pub fn date_time_at(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Option<DateTime>> {
    Ok(row.get::<_, Option<String>>(index)?.as_deref().and_then(DateTime::parse_iso))
}

/// The same, the day alone.
pub fn day_at(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Option<Day>> {
    Ok(date_time_at(row, index)?.map(|date| date.day))
}

/// A day of the stand-in's clock, as the wire models hold it.
pub fn wire_day(date: chrono::NaiveDate) -> Day {
    Day { year: date.year(), month: date.month(), day: date.day() }
}
