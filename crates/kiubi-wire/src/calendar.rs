//! Calendar days, moments and the API's dates, with the arithmetic the panel needs. Kept free of
//! date libraries. The API's dates are read once, at the edge (`lenient::day`, `lenient::date_time`),
//! into these types, and written back in the API's form when the stand-in serializes them.

use serde::{Serialize, Serializer};

/// A calendar day, as the API's date parameters take it. Kept free of date libraries: the panel
/// computes days with the browser's clock, and the wire only needs to write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// `DD/MM/YYYY`, as `stats/report.json` takes `start_date` and `end_date`.
    pub fn to_french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Reads the API's `YYYY-MM-DD` (also the date part of `YYYY-MM-DD HH:mm:ss`).
    pub fn parse_iso(value: &str) -> Option<Day> {
        let date = value.get(..10)?;
        let mut parts = date.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar), for date arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Day::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The day `count` days later (earlier when negative).
    pub fn plus_days(self, count: i64) -> Day {
        Day::from_days_since_epoch(self.days_since_epoch() + count)
    }
}

/// A moment, as the logs filter `since` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub day: Day,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Moment {
    /// Reads the API's `YYYY-MM-DD HH:mm:ss` (a bare date is midnight).
    pub fn parse_iso(value: &str) -> Option<Moment> {
        let day = Day::parse_iso(value)?;
        let Some(time) = value.get(11..19) else {
            return (value.len() == 10).then_some(Moment { day, hour: 0, minute: 0, second: 0 });
        };
        let mut parts = time.split(':').map(|p| p.parse::<u32>().ok());
        let (hour, minute, second) = (parts.next()??, parts.next()??, parts.next()??);
        (hour < 24 && minute < 60 && second < 61).then_some(Moment { day, hour, minute, second })
    }

    /// Seconds since 1970-01-01 00:00 of the same clock (no time zone: for differences between
    /// moments of one place, such as the API's local date-times and the browser's local time).
    pub fn seconds_since_epoch(self) -> i64 {
        self.day.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// `YYYY-MM-DDTHH:mm`, as an `<input type="datetime-local">` holds it.
    pub fn to_input_value(self) -> String {
        format!("{}T{:02}:{:02}", self.day.to_iso(), self.hour, self.minute)
    }

    /// Reads an `<input type="datetime-local">` value (`YYYY-MM-DDTHH:mm[:ss]`).
    pub fn parse_input_value(value: &str) -> Option<Moment> {
        Moment::parse_iso(&format!("{}:00", value.replacen('T', " ", 1)).chars().take(19).collect::<String>())
    }

    /// The same moment as a date with its time of day.
    pub fn date_time(self) -> DateTime {
        DateTime { day: self.day, time: Some(TimeOfDay { hour: self.hour, minute: self.minute, second: self.second }) }
    }

    /// `DD/MM/YYYY HH:mm:ss`.
    pub fn to_french(self) -> String {
        format!("{} {:02}:{:02}:{:02}", self.day.to_french(), self.hour, self.minute, self.second)
    }
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// A date as the API gives it: `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm:ss` with its time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub day: Day,
    /// `None` when the API gave the day alone.
    pub time: Option<TimeOfDay>,
}

impl DateTime {
    /// Reads `YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss` (a `T` in place of the space too).
    pub fn parse_iso(value: &str) -> Option<DateTime> {
        let value = value.trim();
        let day = Day::parse_iso(value)?;
        if value.len() == 10 {
            return Some(DateTime { day, time: None });
        }
        let moment = Moment::parse_iso(&value.replacen('T', " ", 1))?;
        let time = TimeOfDay { hour: moment.hour, minute: moment.minute, second: moment.second };
        Some(DateTime { day, time: Some(time) })
    }

    /// As the API writes it.
    pub fn to_iso(self) -> String {
        match self.time {
            None => self.day.to_iso(),
            Some(TimeOfDay { hour, minute, second }) => {
                format!("{} {hour:02}:{minute:02}:{second:02}", self.day.to_iso())
            }
        }
    }

    /// The moment it stands for (midnight for a day alone).
    pub fn moment(self) -> Moment {
        let TimeOfDay { hour, minute, second } = self.time.unwrap_or(TimeOfDay { hour: 0, minute: 0, second: 0 });
        Moment { day: self.day, hour, minute, second }
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_dates_with_or_without_their_time() {
        let day = Day { year: 2026, month: 11, day: 29 };
        assert_eq!(DateTime::parse_iso("2026-11-29"), Some(DateTime { day, time: None }));
        let with_time = DateTime::parse_iso("2026-11-29 10:30:05").unwrap();
        assert_eq!(with_time.time, Some(TimeOfDay { hour: 10, minute: 30, second: 5 }));
        assert_eq!(with_time.to_iso(), "2026-11-29 10:30:05");
        assert_eq!(DateTime::parse_iso("2026-11-29T10:30:05").unwrap(), with_time);
        assert_eq!(
            with_time.moment().seconds_since_epoch()
                - DateTime::parse_iso("2026-11-29").unwrap().moment().seconds_since_epoch(),
            37_805
        );
        for broken in ["", "2026-13-01", "29/11/2026", "2026-11-29 25:00:00", "2026-11-29 10", "soon"] {
            assert_eq!(DateTime::parse_iso(broken), None, "{broken}");
        }
        assert_eq!(serde_json::to_string(&with_time).unwrap(), r#""2026-11-29 10:30:05""#);
        assert_eq!(serde_json::to_string(&day).unwrap(), r#""2026-11-29""#);
    }

    #[test]
    fn moments_from_the_api_and_from_inputs() {
        let moment = Moment { day: Day { year: 2026, month: 11, day: 2 }, hour: 8, minute: 5, second: 9 };
        assert_eq!(Moment::parse_iso("2026-11-02 08:05:09"), Some(moment));
        assert_eq!(Moment::parse_iso("2026-11-02").map(|m| m.hour), Some(0));
        assert_eq!(Moment::parse_iso("2026-11-02 25:00:00"), None);
        assert_eq!(Moment::parse_iso("2026-11-02 08:0"), None);
        assert_eq!(moment.to_input_value(), "2026-11-02T08:05");
        assert_eq!(Moment::parse_input_value("2026-11-02T08:05"), Some(Moment { second: 0, ..moment }));
        assert_eq!(Moment::parse_input_value(""), None);
        let later = Moment::parse_iso("2026-11-03 08:05:10").unwrap();
        assert_eq!(later.seconds_since_epoch() - moment.seconds_since_epoch(), 86_401);
        assert_eq!(Moment::parse_iso("1970-01-01 00:01:00").unwrap().seconds_since_epoch(), 60);
    }

    #[test]
    fn day_arithmetic_round_trips_across_months_leap_years_and_eras() {
        let day = |year, month, d| Day { year, month, day: d };
        assert_eq!(day(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(day(2000, 3, 1).days_since_epoch() - day(2000, 2, 28).days_since_epoch(), 2);
        assert_eq!(day(2026, 11, 29).plus_days(3), day(2026, 12, 2));
        assert_eq!(day(2024, 3, 1).plus_days(-1), day(2024, 2, 29));
        assert_eq!(day(1969, 12, 31).days_since_epoch(), -1);
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(Day::from_days_since_epoch(n).days_since_epoch(), n);
        }
        assert_eq!(day(2026, 1, 5).to_iso(), "2026-01-05");
    }

    #[test]
    fn dates_in_the_api_formats() {
        let day = Day { year: 2026, month: 3, day: 4 };
        assert_eq!(day.to_french(), "04/03/2026");
        assert_eq!(Moment { day, hour: 9, minute: 5, second: 0 }.to_french(), "04/03/2026 09:05:00");
        assert_eq!(Day::parse_iso("2026-03-04 10:00:00"), Some(day));
        assert_eq!(Day::parse_iso("2026-13-04"), None);
        assert_eq!(Day::parse_iso(""), None);
    }
}
