//! The browser's clock.

use kiubi_wire::calendar::{Day, Moment};

/// Today, in the browser's time zone.
pub fn today() -> Day {
    now().day
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
