//! One rule per kind of value, for what a PHP back end sends in practice, not only what the
//! reference names. Every field of every reply type uses one of these (with `#[serde(default)]`, so
//! that a missing key is the kind's "absent"), except the identities of a reply (`code_site`,
//! `job_id`: [`identity`], [`identity_int`]), without which it means nothing.
//!
//! | kind | accepted | absent (`null`, `""`, `false`, missing) |
//! |---|---|---|
//! | count ([`int`], [`opt_int`]) | integers, decimals (rounded), numeric strings (`"12"`, `"1.5"`, `"9,90"`), `true`/`false` | `0` / `None` |
//! | money, rate ([`float`], [`opt_float`]) | numbers, numeric strings with `.` or `,` | `0.0` / `None` |
//! | flag ([`boolean`]) | `true`/`false`, `0`/`1`, `"0"`/`"1"`, `"true"`/`"false"`, `"on"`/`"off"`, `"yes"`/`"no"` | `false` |
//! | text ([`string`], [`opt_string`]) | strings, numbers and booleans as text, `[]`/`{}` as nothing | `""` / `None` |
//! | date ([`date_time`], [`day`]) | `YYYY-MM-DD`, `YYYY-MM-DD HH:mm:ss`, `DD/MM/YYYY[ HH:mm:ss]`, read into a [`DateTime`] or a [`Day`] | `None`: absent, `""`, `"0000-00-00"`, or unreadable |
//! | object ([`object`], [`opt_object`]) | an object | `[]` (PHP's empty array): default / `None` |
//! | one of a set ([`Known`]) | its names; any other kept as `Unknown(text)` | `Unknown("")` |
//! | list ([`list`], [`List`]: an unreadable item kept apart, [`names`]) | an array; an object keyed by id or date (values in key order); absent items dropped | empty (`None` for [`opt_names`]) |

use serde::de::{self, DeserializeOwned, Deserializer, Unexpected};
use serde::Deserialize;
use serde_json::Value;

use crate::calendar::{DateTime, Day};
use crate::enums::WireEnum;

/// `null`, `false`, `""` (blanks too), `[]` and `{}`: a value the API does not know.
pub(crate) fn is_absent(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn number_from_value<E: de::Error>(value: &Value, expected: &'static str) -> Result<f64, E> {
    match value {
        Value::Number(n) => n.as_f64().ok_or_else(|| E::invalid_type(Unexpected::Other("number"), &expected)),
        // French decimal comma is accepted too: "9,90".
        Value::String(s) => decimal(s.trim()).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &expected)),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        other => Err(E::invalid_type(unexpected(other), &expected)),
    }
}

/// A number written as text: Rust's grammar for decimals (`-1.5`, `+2`, `.5`, `5.`, `1e3`), with a
/// French decimal comma too (`"9,90"`); finite values only. Read by serde_json's number reader, as a
/// JSON number rebuilt from the parts: core's `f64::from_str` would bring its 10 KB table of powers
/// into the panel's first download for the same result (tested against it).
fn decimal(text: &str) -> Option<f64> {
    let (sign, unsigned) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let exponent: i64 = match exponent {
        Some(written) if all_digits(written.strip_prefix(['+', '-']).unwrap_or(written)) => written.parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    let digits = format!("{whole}{fraction}");
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    };
    let json = format!("{sign}{digits}e{}", exponent - fraction.len() as i64);
    serde_json::from_str::<Value>(&json).ok()?.as_f64().filter(|f| f.is_finite())
}

fn int_from_value<E: de::Error>(value: &Value) -> Result<i64, E> {
    if let Value::Number(n) = value {
        if let Some(i) = n.as_i64() {
            return Ok(i);
        }
    }
    let f = number_from_value(value, "an integer")?;
    if f.abs() >= 9.0e18 {
        return Err(E::invalid_value(Unexpected::Float(f), &"an integer"));
    }
    Ok(f.round() as i64)
}

fn bool_from_value<E: de::Error>(value: &Value) -> Result<bool, E> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => Ok(n.as_f64().is_some_and(|f| f != 0.0)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => Ok(true),
            "0" | "false" | "off" | "no" | "" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(s), &"a boolean")),
        },
        Value::Null => Ok(false),
        other => Err(E::invalid_type(unexpected(other), &"a boolean")),
    }
}

fn string_from_value<E: de::Error>(value: Value) -> Result<String, E> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(true) => Ok("1".to_owned()),
        other if is_absent(&other) => Ok(String::new()),
        other => Err(E::invalid_type(unexpected(&other), &"a string")),
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
        _ => Unexpected::Other("value"),
    }
}

/// A count: see the table above.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(opt_int(d)?.unwrap_or(0))
}

/// A count that may be unknown (shown as "—", not as 0).
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let value = Value::deserialize(d)?;
    if is_absent(&value) {
        return Ok(None);
    }
    int_from_value(&value).map(Some)
}

/// Money or a rate, with its cents.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(opt_float(d)?.unwrap_or(0.0))
}

/// Money or a rate that may be unknown.
pub fn opt_float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let value = Value::deserialize(d)?;
    if is_absent(&value) {
        return Ok(None);
    }
    number_from_value(&value, "a number").map(Some)
}

/// A flag read from a value already parsed; `None` when it is not one.
pub(crate) fn flag_of(value: &Value) -> Option<bool> {
    bool_from_value::<serde_json::Error>(value).ok()
}

/// A flag.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    bool_from_value(&Value::deserialize(d)?)
}

/// Text; an unknown one is empty.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    string_from_value(Value::deserialize(d)?)
}

/// Text that may be absent (links and optional dates use `false`).
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = string(d)?;
    Ok((!text.is_empty()).then_some(text))
}

/// The identity of a reply (`code_site`): text that must be there.
pub fn identity<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = string(d)?;
    if text.trim().is_empty() {
        return Err(de::Error::invalid_value(Unexpected::Str(&text), &"an identifier"));
    }
    Ok(text)
}

/// The identity of a reply (`job_id`): a number that must be there.
pub fn identity_int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_int(d)?.ok_or_else(|| de::Error::invalid_value(Unexpected::Unit, &"an identifier"))
}

/// `DD/MM/YYYY[ …]` as `YYYY-MM-DD[ …]`; other forms as they are; the zero date as nothing.
fn normal_date(text: &str) -> String {
    let text = text.trim();
    let (day, rest) = text.split_once(' ').unwrap_or((text, ""));
    if day.starts_with("0000-00-00") || day == "00/00/0000" {
        return String::new();
    }
    let mut parts = day.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(d), Some(m), Some(y), None) if d.len() == 2 && m.len() == 2 && y.len() == 4 => {
            format!("{y}-{m}-{d}{}{rest}", if rest.is_empty() { "" } else { " " })
        }
        _ => text.to_owned(),
    }
}

/// A date with its time of day if it has one (`YYYY-MM-DD[ HH:mm:ss]`, `DD/MM/YYYY[ HH:mm:ss]`);
/// an absent, zero or unreadable one is `None`: unknown, never a made-up date.
pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime>, D::Error> {
    Ok(DateTime::parse_iso(&normal_date(&string(d)?)))
}

/// A day, by the same rule (a time after it is dropped).
pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Day>, D::Error> {
    Ok(date_time(d)?.map(|date| date.day))
}

/// An object; PHP's empty array `[]` or `null` is the type's default.
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    Ok(opt_object(d)?.unwrap_or_default())
}

/// An object that may be absent (`null`, `false`, `[]`).
pub fn opt_object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    match Value::deserialize(d)? {
        Value::Object(map) => T::deserialize(Value::Object(map)).map(Some).map_err(de::Error::custom),
        value if is_absent(&value) => Ok(None),
        value => T::deserialize(value).map(Some).map_err(de::Error::custom),
    }
}

/// The items of a list sent as an array, as an object keyed by id or date (in key order: numbers by
/// value, other keys as text), or as nothing; an absent item (`null`, `false`, `""`) is no item.
fn items(value: Value) -> Vec<Value> {
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            if entries.iter().all(|(key, _)| key.parse::<i64>().is_ok()) {
                entries.sort_unstable_by_key(|(key, _)| key.parse::<i64>().unwrap_or(0));
            }
            entries.into_iter().map(|(_, value)| value).collect()
        }
        _ => Vec::new(),
    };
    items.into_iter().filter(|item| !matches!(item, Value::Null | Value::Bool(false)) && item != "").collect()
}

fn names_of<E: de::Error, T: WireEnum>(value: Value) -> Result<Vec<Known<T>>, E> {
    items(value).into_iter().map(|item| string_from_value(item).map(|text| Known::of(&text))).collect()
}

/// A list of names of a set the reference names (scopes): each item by the text rule, then known or
/// kept as its text.
pub fn names<'de, D: Deserializer<'de>, T: WireEnum>(d: D) -> Result<Vec<Known<T>>, D::Error> {
    names_of(Value::deserialize(d)?)
}

/// The same, `None` when the API did not say (`null`, `false`).
pub fn opt_names<'de, D: Deserializer<'de>, T: WireEnum>(d: D) -> Result<Option<Vec<Known<T>>>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null | Value::Bool(false) => Ok(None),
        value => names_of(value).map(Some),
    }
}

/// A list: see the table above.
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    items(Value::deserialize(d)?).into_iter().map(|item| T::deserialize(item).map_err(de::Error::custom)).collect()
}

/// A day as `subscription.json` writes an absent one: `""`.
pub fn day_or_empty<S: serde::Serializer>(day: &Option<Day>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&day.map(Day::to_iso).unwrap_or_default())
}

/// Money as the reference writes it, an integer, whenever it is whole (the stand-in's replies).
pub fn whole_when_integral<S: serde::Serializer>(amount: &f64, s: S) -> Result<S::Ok, S::Error> {
    if amount.fract() == 0.0 && amount.abs() < 9.0e15 {
        s.serialize_i64(*amount as i64)
    } else {
        s.serialize_f64(*amount)
    }
}

/// The same for money that may be absent.
pub fn opt_whole_when_integral<S: serde::Serializer>(amount: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match amount {
        Some(amount) => whole_when_integral(amount, s),
        None => s.serialize_none(),
    }
}

/// A value of a set the reference names (a [`WireEnum`]), or one the API added since: kept as its
/// text, to be shown neutrally, never an error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Known<T> {
    Value(T),
    Unknown(String),
}

impl<T: WireEnum> Known<T> {
    /// The value for `text`, known or not.
    pub fn of(text: &str) -> Known<T> {
        let text = text.trim();
        T::all()
            .iter()
            .find(|v| v.wire_name() == text)
            .map_or_else(|| Known::Unknown(text.to_owned()), |v| Known::Value(*v))
    }

    /// The known value, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Known::Value(value) => Some(*value),
            Known::Unknown(_) => None,
        }
    }

    /// As the API writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Known::Value(value) => value.wire_name(),
            Known::Unknown(text) => text,
        }
    }
}

impl<T> Default for Known<T> {
    fn default() -> Known<T> {
        Known::Unknown(String::new())
    }
}

impl<'de, T: WireEnum> Deserialize<'de> for Known<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Known<T>, D::Error> {
        Ok(Known::of(&string(d)?))
    }
}

impl<T: WireEnum> serde::Serialize for Known<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An item of a list that could not be read: what names it, if anything, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Its `code_site`, `id`, `activity_id`… as text, when it has one.
    pub id: Option<String>,
    pub why: String,
}

/// The keys that name an item of a list, in the order they are looked for.
const ITEM_NAMES: [&str; 7] = ["code_site", "id", "activity_id", "plan_id", "country_id", "code", "job_id"];

/// The most items a list may hold, far more than any list of the API does (pages of 20, some 250
/// countries): a longer one is refused before its items are read, whatever their shape.
pub const MAX_ITEMS: usize = 1_000;

/// A list as the whole `data` of a reply, with [`list`]'s rule; an item that cannot be read spoils
/// only itself: it is kept apart, named, so that the list can say so in its place.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T> {
    pub items: Vec<T>,
    pub unreadable: Vec<Unreadable>,
}

impl<T> List<T> {
    /// The items of the reply, read or not: what a page of the list shows.
    pub fn len(&self) -> usize {
        self.items.len() + self.unreadable.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List { items: Vec::new(), unreadable: Vec::new() }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
        let all = items(Value::deserialize(d)?);
        if all.len() > MAX_ITEMS {
            return Err(de::Error::custom("a list of more than 1,000 items"));
        }
        let mut list = List::default();
        for item in all {
            let id = ITEM_NAMES.iter().find_map(|key| string_from_value::<D::Error>(item.get(*key)?.clone()).ok());
            match T::deserialize(item) {
                Ok(read) => list.items.push(read),
                Err(why) => {
                    list.unreadable.push(Unreadable { id: id.filter(|id| !id.is_empty()), why: why.to_string() })
                }
            }
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Sample {
        #[serde(deserialize_with = "int")]
        i: i64,
        #[serde(default, deserialize_with = "opt_int")]
        oi: Option<i64>,
        #[serde(deserialize_with = "float")]
        f: f64,
        #[serde(deserialize_with = "boolean")]
        b: bool,
        #[serde(deserialize_with = "string")]
        s: String,
        #[serde(default, deserialize_with = "opt_string")]
        os: Option<String>,
    }

    fn parse(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_native_json_types() {
        let s = parse(r#"{"i":3,"oi":4,"f":1.5,"b":true,"s":"x","os":"y"}"#).unwrap();
        assert_eq!((s.i, s.oi, s.f, s.b, s.s.as_str(), s.os.as_deref()), (3, Some(4), 1.5, true, "x", Some("y")));
    }

    #[test]
    fn accepts_numbers_and_booleans_as_strings() {
        let s = parse(r#"{"i":"12","oi":"7","f":"9,90","b":"1","s":42,"os":false}"#).unwrap();
        assert_eq!((s.i, s.oi, s.f, s.b, s.s.as_str(), s.os), (12, Some(7), 9.9, true, "42", None));
    }

    #[test]
    fn absent_optionals_are_none() {
        let s = parse(r#"{"i":1.0,"f":2,"b":0,"s":null}"#).unwrap();
        assert_eq!((s.i, s.oi, s.f, s.b, s.s.as_str(), s.os), (1, None, 2.0, false, "", None));
        let s = parse(r#"{"i":1,"oi":"","f":2,"b":"false","s":"","os":null}"#).unwrap();
        assert_eq!((s.oi, s.b, s.os), (None, false, None));
    }

    #[test]
    fn counts_round_decimals_and_money_keeps_its_cents() {
        let s = parse(r#"{"i":1.5,"oi":"2.4","f":"1250.50","b":"true","s":""}"#).unwrap();
        assert_eq!((s.i, s.oi, s.f, s.b), (2, Some(2), 1250.5, true));
        let s = parse(r#"{"i":null,"oi":false,"f":null,"b":null,"s":[]}"#).unwrap();
        assert_eq!((s.i, s.oi, s.f, s.b, s.s.as_str()), (0, None, 0.0, false, ""));
    }

    #[test]
    fn rejects_garbage_with_a_message() {
        let err = parse(r#"{"i":"twelve","f":1,"b":true,"s":""}"#).err().unwrap();
        assert!(err.to_string().contains("an integer"), "{err}");
        assert!(parse(r#"{"i":1,"f":"much","b":true,"s":""}"#).is_err());
        assert!(parse(r#"{"i":1,"f":1,"b":"maybe","s":""}"#).is_err());
        assert!(parse(r#"{"i":1,"f":1,"b":true,"s":{"a":1}}"#).is_err());
    }

    /// `decimal` against core's `f64::from_str` on written forms of many numbers: signs, commas,
    /// leading zeros, missing parts, exponents, and text that is not a number.
    #[test]
    fn decimals_read_as_core_reads_them() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        let mut written: Vec<String> = [
            "0", "-0", "+7", ".5", "5.", "-.25", "007.50", "9,90", "1e3", "1E-3", "2.5e+2", "0e999999", "", ".", "-",
            "+-1", "1e", "1e+", "e5", "1.2.3", "1,2,3", "1_000", "inf", "NaN", "0x10", "12a", "1 000", "١٢",
        ]
        .map(String::from)
        .to_vec();
        for _ in 0..5000 {
            let sign = ["", "-", "+"][next(3) as usize];
            let whole: String = (0..next(12)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let fraction: String = (0..next(8)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let point = ["", ".", ","][next(3) as usize];
            let exponent = match next(4) {
                0 => format!("e{}", next(40) as i64 - 20),
                1 => format!("E+{}", next(25)),
                _ => String::new(),
            };
            written.push(format!("{sign}{whole}{point}{fraction}{exponent}"));
        }
        for text in &written {
            let core = text.replacen(',', ".", 1).parse::<f64>().ok().filter(|f| f.is_finite());
            let ours = decimal(text);
            match (core, ours) {
                (Some(core), Some(ours)) => {
                    assert!((core - ours).abs() <= core.abs() * 1e-15, "{text}: core {core}, ours {ours}");
                    let digits = text.bytes().filter(u8::is_ascii_digit).count();
                    if digits <= 15 && !text.contains(['e', 'E']) {
                        assert_eq!(core.to_bits(), ours.to_bits(), "{text}: exactly as core");
                    }
                }
                (core, ours) => assert_eq!(core, ours, "{text}"),
            }
        }
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    struct Shapes {
        #[serde(default, deserialize_with = "date_time")]
        when: Option<DateTime>,
        #[serde(default, deserialize_with = "day")]
        day: Option<Day>,
        #[serde(default, deserialize_with = "list")]
        items: Vec<i64>,
        #[serde(default, deserialize_with = "opt_object")]
        inner: Option<Inner>,
        #[serde(default, deserialize_with = "object")]
        always: Inner,
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    struct Inner {
        #[serde(default, deserialize_with = "int")]
        n: i64,
    }

    fn shapes(json: &str) -> Shapes {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e} in {json}"))
    }

    #[test]
    fn dates_in_three_forms_and_none() {
        let when = |json: &str| shapes(json).when.map(DateTime::to_iso);
        assert_eq!(when(r#"{"when":"2026-11-29"}"#).as_deref(), Some("2026-11-29"));
        assert_eq!(when(r#"{"when":"2026-11-29 10:30:00"}"#).as_deref(), Some("2026-11-29 10:30:00"));
        assert_eq!(when(r#"{"when":"29/11/2026"}"#).as_deref(), Some("2026-11-29"));
        assert_eq!(when(r#"{"when":"29/11/2026 10:30:00"}"#).as_deref(), Some("2026-11-29 10:30:00"));
        assert_eq!(shapes(r#"{"day":"29/11/2026 10:30:00"}"#).day.map(Day::to_iso).as_deref(), Some("2026-11-29"));
        let absent = [r#""""#, r#""0000-00-00""#, r#""0000-00-00 00:00:00""#, "false", "null", r#""bientôt""#, "[]"];
        for none in absent {
            let parsed = shapes(&format!(r#"{{"when":{none},"day":{none}}}"#));
            assert_eq!((parsed.when, parsed.day), (None, None), "{none}");
        }
    }

    #[test]
    fn lists_as_arrays_keyed_objects_or_nothing() {
        assert_eq!(shapes(r#"{"items":[3,1,2]}"#).items, [3, 1, 2]);
        // Keyed by id: by value, not as text (`9` before `10`).
        assert_eq!(shapes(r#"{"items":{"10":100,"9":90,"1":10}}"#).items, [10, 90, 100]);
        assert_eq!(shapes(r#"{"items":{"2026-11-02":2,"2026-11-01":1}}"#).items, [1, 2]);
        for none in ["null", "false", r#""""#, "{}", "[]"] {
            assert_eq!(shapes(&format!(r#"{{"items":{none}}}"#)).items, Vec::<i64>::new(), "{none}");
        }
    }

    #[test]
    fn a_list_longer_than_its_cap_is_refused_unread() {
        let at_cap = format!("[{}]", vec!["1"; MAX_ITEMS].join(","));
        assert_eq!(serde_json::from_str::<List<i64>>(&at_cap).unwrap().len(), MAX_ITEMS);
        // 100,000 items, as a runaway reply might bring.
        let flood = format!("[{}]", vec![r#"{"code_site":"x"}"#; 100_000].join(","));
        let refused = serde_json::from_str::<List<serde_json::Value>>(&flood).unwrap_err().to_string();
        assert!(refused.contains("a list of more than 1,000 items"), "{refused}");
    }

    #[test]
    fn values_of_a_set_known_or_kept_as_they_are() {
        use crate::enums::JobStatus;
        let known: Known<JobStatus> = serde_json::from_str(r#"" done ""#).unwrap();
        assert_eq!((known.known(), known.as_str()), (Some(JobStatus::Done), "done"));
        let new: Known<JobStatus> = serde_json::from_str(r#""paused""#).unwrap();
        assert_eq!((new.known(), new.as_str()), (None, "paused"));
        assert_eq!(serde_json::to_string(&new).unwrap(), r#""paused""#);
        let absent: Known<JobStatus> = serde_json::from_str("null").unwrap();
        assert_eq!(absent, Known::Unknown(String::new()));
    }

    #[test]
    fn objects_sent_as_empty_arrays() {
        assert_eq!(shapes(r#"{"inner":[],"always":[]}"#), Shapes::default());
        assert_eq!(shapes(r#"{"inner":{"n":"4"},"always":null}"#).inner, Some(Inner { n: 4 }));
        assert!(serde_json::from_str::<Shapes>(r#"{"inner":"text"}"#).is_err());
    }
}
