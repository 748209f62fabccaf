//! The browser's clock.

use kiubi_wire::params::Day;

/// Today, in the browser's time zone.
pub fn today() -> Day {
    let now = js_sys::Date::new_0();
    Day { year: now.get_full_year() as i32, month: now.get_month() + 1, day: now.get_date() }
}
