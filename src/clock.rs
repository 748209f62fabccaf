//! The browser's clock.

use kiubi_wire::params::{Day, Moment};

/// Today, in the browser's time zone.
pub fn today() -> Day {
    let now = js_sys::Date::new_0();
    Day { year: now.get_full_year() as i32, month: now.get_month() + 1, day: now.get_date() }
}

/// Now, to the second, in the browser's time zone.
pub fn now() -> Moment {
    let now = js_sys::Date::new_0();
    Moment {
        day: Day { year: now.get_full_year() as i32, month: now.get_month() + 1, day: now.get_date() },
        hour: now.get_hours(),
        minute: now.get_minutes(),
        second: now.get_seconds(),
    }
}

/// Seconds since 1970 in the browser's time zone, for the API's local date-times.
pub fn local_seconds(moment: Moment) -> i64 {
    moment.day.days_since_epoch() * 86_400
        + i64::from(moment.hour) * 3_600
        + i64::from(moment.minute) * 60
        + i64::from(moment.second)
}
