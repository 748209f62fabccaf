//! Request parameters and their encoding (query strings for GET, url-encoded forms for writes).

/// Enums whose values travel as fixed strings, for code that handles any of them (e.g. the
/// stand-in checking a list parameter).
pub trait WireEnum: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn wire_name(self) -> &'static str;
}

/// An enum whose values travel as fixed strings: its `ALL` values, `as_str` and `parse`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }

        impl WireEnum for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }

            fn wire_name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

wire_enum! {
    /// Site type filter of `GET /v1/sites.json`.
    SiteType {
        Open => "open",
        Trial => "trial",
        Closed => "closed",
        ClosingSoon => "closing_soon",
        Demo => "demo",
        Free => "free",
    }
}

wire_enum! {
    /// Sort orders of `GET /v1/sites.json`: the seven the reference names.
    #[derive(Default)]
    SiteSort {
        #[default]
        CodeSite => "code_site",
        CodeSiteDesc => "-code_site",
        Relevance => "relevance",
        CreationDate => "creation_date",
        CreationDateDesc => "-creation_date",
        ClosingDate => "closing_date",
        ClosingDateDesc => "-closing_date",
    }
}

/// Largest page the API serves (`limit` maximum and default).
pub const MAX_LIMIT: u32 = 20;

/// Parameters of `GET /v1/sites.json`. `None` leaves the API's default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitesQuery {
    pub term: Option<String>,
    pub site_type: Option<SiteType>,
    pub sort: Option<SiteSort>,
    pub limit: Option<u32>,
    /// 0-based.
    pub page: Option<u32>,
}

impl SitesQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(term) = self.term.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            pairs.push(("term", term.to_owned()));
        }
        if let Some(site_type) = self.site_type {
            pairs.push(("type", site_type.as_str().to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        pairs
    }
}

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

    /// `DD/MM/YYYY HH:mm:ss`.
    pub fn to_french(self) -> String {
        format!("{} {:02}:{:02}:{:02}", self.day.to_french(), self.hour, self.minute, self.second)
    }
}

wire_enum! {
    /// Where a job stands (`jobs/{job_id}.json`).
    JobStatus {
        Todo => "todo",
        Working => "working",
        Done => "done",
        Halt => "halt",
    }
}

wire_enum! {
    /// Activity types of `logs.json`.
    ActivityType {
        Login => "login",
        Update => "update",
        Comment => "comment",
        Checkout => "checkout",
        Form => "form",
    }
}

wire_enum! {
    /// Civilities of contacts.
    #[derive(Default)]
    Civility {
        #[default]
        Mr => "Mr",
        Mrs => "Mrs",
        Miss => "Miss",
    }
}

wire_enum! {
    /// Extra sections of `GET /v1/sites/{code_site}.json`.
    SiteExtra {
        Scopes => "scopes",
        Features => "features",
        Account => "account",
    }
}

wire_enum! {
    /// Extra sections of `stats/usage.json`.
    UsageExtra {
        Bandwidth => "bp",
        ApiPfo => "api_pfo",
        Forms => "forms",
        Products => "products",
        Users => "users",
    }
}

/// A list parameter as the back office writes it: one comma-separated value (`extra_fields=a,b`).
fn comma_list<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let joined = values.into_iter().collect::<Vec<_>>().join(",");
    (!joined.is_empty()).then_some(joined)
}

/// `extra_fields` of `GET /v1/sites/{code_site}.json`.
pub fn site_extra_fields(extras: &[SiteExtra]) -> Vec<(&'static str, String)> {
    comma_list(extras.iter().map(|e| e.as_str())).map(|v| ("extra_fields", v)).into_iter().collect()
}

/// `extra_fields` of `stats/usage.json`.
pub fn usage_extra_fields(extras: &[UsageExtra]) -> Vec<(&'static str, String)> {
    comma_list(extras.iter().map(|e| e.as_str())).map(|v| ("extra_fields", v)).into_iter().collect()
}

/// Parameters of `GET /v1/sites/{code_site}/logs.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogsQuery {
    /// Empty: every type.
    pub types: Vec<ActivityType>,
    pub since: Option<Moment>,
    pub limit: Option<u32>,
    pub page: Option<u32>,
}

impl LogsQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(types) = comma_list(self.types.iter().map(|t| t.as_str())) {
            pairs.push(("type", types));
        }
        if let Some(since) = self.since {
            pairs.push(("since", since.to_french()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        pairs
    }
}

/// Parameters of `GET /v1/sites/{code_site}/stats/report.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportQuery {
    pub start_date: Day,
    pub end_date: Day,
}

impl ReportQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        vec![("start_date", self.start_date.to_french()), ("end_date", self.end_date.to_french())]
    }
}

/// Fields of `PUT /v1/account/contact.json`: a partial update, so only the fields set are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactUpdate {
    pub fields: Vec<(&'static str, String)>,
}

impl ContactUpdate {
    /// The fields whose value differs between `before` and `after`, by their API names.
    pub fn changes(before: &crate::models::Contact, after: &crate::models::Contact) -> ContactUpdate {
        let after = after.editable_fields();
        ContactUpdate::edits(before, |name| after.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()))
    }

    /// The fields `edited` gives (by API name, as text) that differ from `before`, trimmed.
    pub fn edits(before: &crate::models::Contact, edited: impl Fn(&str) -> Option<String>) -> ContactUpdate {
        let fields = before
            .editable_fields()
            .into_iter()
            .filter_map(|(name, old)| {
                let new = edited(name)?.trim().to_owned();
                (new != old).then_some((name, new))
            })
            .collect();
        ContactUpdate { fields }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Parameters of `POST /v1/sites.json`. Optional fields left blank are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewSite {
    pub copy_site: Option<String>,
    pub plan_id: i64,
    pub code_site: String,
    pub site_name: String,
    pub contact_firstname: String,
    pub contact_lastname: String,
    pub contact_civility: Civility,
    pub contact_email: String,
    pub contact_address: String,
    pub contact_zipcode: String,
    pub contact_city: String,
    pub contact_country_id: i64,
    pub contact_phone: String,
    pub contact_fax: Option<String>,
    pub company_name: Option<String>,
    pub company_forme: Option<String>,
    pub company_cnil: Option<String>,
    pub company_capital: Option<String>,
    pub company_siret: Option<String>,
    pub company_rcs: Option<String>,
    pub company_tva: Option<String>,
}

impl NewSite {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("plan_id", self.plan_id.to_string()),
            ("code_site", self.code_site.trim().to_owned()),
            ("site_name", self.site_name.trim().to_owned()),
            ("contact_firstname", self.contact_firstname.trim().to_owned()),
            ("contact_lastname", self.contact_lastname.trim().to_owned()),
            ("contact_civility", self.contact_civility.as_str().to_owned()),
            ("contact_email", self.contact_email.trim().to_owned()),
            ("contact_address", self.contact_address.trim().to_owned()),
            ("contact_zipcode", self.contact_zipcode.trim().to_owned()),
            ("contact_city", self.contact_city.trim().to_owned()),
            ("contact_country_id", self.contact_country_id.to_string()),
            ("contact_phone", self.contact_phone.trim().to_owned()),
        ];
        let optional = [
            ("copy_site", &self.copy_site),
            ("contact_fax", &self.contact_fax),
            ("company_name", &self.company_name),
            ("company_forme", &self.company_forme),
            ("company_cnil", &self.company_cnil),
            ("company_capital", &self.company_capital),
            ("company_siret", &self.company_siret),
            ("company_rcs", &self.company_rcs),
            ("company_tva", &self.company_tva),
        ];
        for (name, value) in optional {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                pairs.push((name, value.to_owned()));
            }
        }
        pairs
    }
}

/// `application/x-www-form-urlencoded` serialisation (also used for query strings).
pub fn form_urlencode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k.as_ref(), true), encode_component(v.as_ref(), true)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters; in forms a space is `+`.
pub fn encode_component(value: &str, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            // Brackets stay readable in array keys (`type[]`); servers decode both forms.
            b'[' | b']' if space_as_plus => out.push(byte as char),
            b' ' if space_as_plus => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Strict `application/x-www-form-urlencoded` parsing: a `%` not followed by two hex digits, or bytes
/// that are not UTF-8 once decoded, are errors (the API's 4012) instead of being silently replaced.
pub fn form_urldecode(input: &str) -> Result<Vec<(String, String)>, MalformedEncoding> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(key, true)?, percent_decode(value, true)?))
        })
        .collect()
}

/// A parameter that is not valid url-encoded UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedEncoding;

/// Strict percent-decoding, the reverse of [`encode_component`]: a `%` not followed by two hex
/// digits, or bytes that are not UTF-8 once decoded, are an error; in forms a `+` is a space.
pub fn percent_decode(raw: &str, plus_as_space: bool) -> Result<String, MalformedEncoding> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_as_space => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let hex = hex.and_then(|h| std::str::from_utf8(h).ok()).ok_or(MalformedEncoding)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| MalformedEncoding)?);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| MalformedEncoding)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sites_query_encodes_only_what_is_set() {
        assert_eq!(form_urlencode(&SitesQuery::default().to_pairs()), "");
        let query = SitesQuery {
            term: Some("  café & co ".into()),
            site_type: Some(SiteType::ClosingSoon),
            sort: Some(SiteSort::CreationDateDesc),
            limit: Some(20),
            page: Some(2),
        };
        assert_eq!(
            form_urlencode(&query.to_pairs()),
            "term=caf%C3%A9+%26+co&type=closing_soon&sort=-creation_date&limit=20&page=2"
        );
    }

    #[test]
    fn blank_term_is_left_out() {
        let query = SitesQuery { term: Some("   ".into()), ..Default::default() };
        assert!(query.to_pairs().is_empty());
    }

    #[test]
    fn enums_round_trip_through_their_wire_names() {
        for &t in SiteType::ALL {
            assert_eq!(SiteType::parse(t.as_str()), Some(t));
        }
        for &s in SiteSort::ALL {
            assert_eq!(SiteSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(SiteSort::parse("name"), None);
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

    #[test]
    fn logs_report_and_extra_fields_encode_as_the_back_office_does() {
        let query = LogsQuery {
            types: vec![ActivityType::Comment, ActivityType::Checkout],
            since: Some(Moment { day: Day { year: 2026, month: 11, day: 1 }, hour: 8, minute: 0, second: 0 }),
            limit: Some(20),
            page: Some(1),
        };
        assert_eq!(
            form_urlencode(&query.to_pairs()),
            "type=comment%2Ccheckout&since=01%2F11%2F2026+08%3A00%3A00&limit=20&page=1"
        );
        assert!(LogsQuery::default().to_pairs().is_empty());
        let report = ReportQuery {
            start_date: Day { year: 2026, month: 1, day: 1 },
            end_date: Day { year: 2026, month: 1, day: 31 },
        };
        assert_eq!(form_urlencode(&report.to_pairs()), "start_date=01%2F01%2F2026&end_date=31%2F01%2F2026");
        assert_eq!(form_urlencode(&site_extra_fields(SiteExtra::ALL)), "extra_fields=scopes%2Cfeatures%2Caccount");
        assert_eq!(
            form_urlencode(&usage_extra_fields(&[UsageExtra::Bandwidth, UsageExtra::Users])),
            "extra_fields=bp%2Cusers"
        );
        assert!(usage_extra_fields(&[]).is_empty());
        for &t in ActivityType::ALL {
            assert_eq!(ActivityType::parse(t.as_str()), Some(t));
        }
        for &c in Civility::ALL {
            assert_eq!(Civility::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn contact_update_sends_only_changed_fields() {
        let before =
            crate::models::Contact { firstname: "Camille".into(), company_country_id: 1, ..Default::default() };
        let mut after = before.clone();
        assert!(ContactUpdate::changes(&before, &after).is_empty());
        after.company_city = "Nantes".into();
        after.company_country_id = 2;
        let update = ContactUpdate::changes(&before, &after);
        assert_eq!(update.fields, vec![("company_city", "Nantes".to_owned()), ("company_country_id", "2".to_owned())]);
        // From a form: fields it does not give are left alone, spaces around a value are not a change.
        let edited = |name: &str| match name {
            "firstname" => Some(" Camille ".to_owned()),
            "email" => Some("camille@exemple.fr".to_owned()),
            _ => None,
        };
        assert_eq!(ContactUpdate::edits(&before, edited).fields, vec![("email", "camille@exemple.fr".to_owned())]);
    }

    #[test]
    fn new_site_sends_required_fields_and_only_filled_optional_ones() {
        let site = NewSite {
            plan_id: 2,
            code_site: " mon-site ".into(),
            contact_civility: Civility::Miss,
            company_name: Some("  ".into()),
            copy_site: Some("modele".into()),
            ..Default::default()
        };
        let pairs = site.to_pairs();
        assert_eq!(pairs.len(), 13);
        assert!(pairs.contains(&("code_site", "mon-site".to_owned())));
        assert!(pairs.contains(&("contact_civility", "Miss".to_owned())));
        assert!(pairs.contains(&("copy_site", "modele".to_owned())));
        assert!(!pairs.iter().any(|(k, _)| *k == "company_name"));
    }

    #[test]
    fn decoding_reverses_encoding() {
        let pairs = vec![("term".to_owned(), "café & co+1".to_owned()), ("type[]".to_owned(), "a=b".to_owned())];
        assert_eq!(form_urldecode(&form_urlencode(&pairs)).unwrap(), pairs);
        assert_eq!(form_urldecode("a&&b=").unwrap(), vec![("a".into(), "".into()), ("b".into(), "".into())]);
    }

    #[test]
    fn malformed_encodings_are_refused() {
        assert_eq!(form_urldecode("term=%FF%FE"), Err(MalformedEncoding));
        assert_eq!(form_urldecode("term=%G1"), Err(MalformedEncoding));
        assert_eq!(form_urldecode("term=%4"), Err(MalformedEncoding));
        assert_eq!(form_urldecode("term=%+1"), Err(MalformedEncoding), "two hex digits, no sign");
        assert_eq!(percent_decode("a+b%2Fc", false).as_deref(), Ok("a+b/c"));
    }

    #[test]
    fn path_components_encode_spaces_as_percent() {
        assert_eq!(encode_component("a b/c", false), "a%20b%2Fc");
    }
}
