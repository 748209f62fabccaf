//! Deserializers that accept what the API sends in practice, not only what the reference names.
//!
//! PHP back ends often serialise integers, floats and booleans as strings (`"12"`, `"1.5"`, `"1"`),
//! and the protocol notes (§4.1) say absent links are `false` rather than `null`.

use serde::de::{self, Deserializer, Unexpected};
use serde::Deserialize;
use serde_json::Value;

fn int_from_value<E: de::Error>(value: &Value) -> Result<i64, E> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .ok_or_else(|| E::invalid_type(Unexpected::Other("non-integer number"), &"an integer")),
        Value::String(s) => s.trim().parse::<i64>().map_err(|_| E::invalid_value(Unexpected::Str(s), &"an integer")),
        Value::Bool(b) => Ok(i64::from(*b)),
        other => Err(E::invalid_type(unexpected(other), &"an integer")),
    }
}

fn float_from_value<E: de::Error>(value: &Value) -> Result<f64, E> {
    match value {
        Value::Number(n) => n.as_f64().ok_or_else(|| E::invalid_type(Unexpected::Other("number"), &"a float")),
        // French decimal comma is accepted too: "9,90".
        Value::String(s) => {
            s.trim().replace(',', ".").parse::<f64>().map_err(|_| E::invalid_value(Unexpected::Str(s), &"a float"))
        }
        other => Err(E::invalid_type(unexpected(other), &"a float")),
    }
}

fn bool_from_value<E: de::Error>(value: &Value) -> Result<bool, E> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => Ok(n.as_f64().is_some_and(|f| f != 0.0)),
        Value::String(s) => match s.trim() {
            "1" | "true" | "on" | "yes" => Ok(true),
            "0" | "false" | "off" | "no" | "" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(s), &"a boolean")),
        },
        other => Err(E::invalid_type(unexpected(other), &"a boolean")),
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

/// An integer, or a string holding one.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    int_from_value(&Value::deserialize(d)?)
}

/// An optional integer: `null`, `false` and `""` mean absent.
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null | Value::Bool(false) => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        v => int_from_value(&v).map(Some),
    }
}

/// A float, or a string holding one.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    float_from_value(&Value::deserialize(d)?)
}

/// A boolean, or `0`/`1`, or a string holding one of those.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    bool_from_value(&Value::deserialize(d)?)
}

/// A string, or a number written as one; `null` becomes `""` (the field is required but may be empty).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Null => Ok(String::new()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(de::Error::invalid_type(unexpected(&other), &"a string")),
    }
}

/// An optional string: `null`, `false` and `""` mean absent (links and optional dates use `false`).
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null | Value::Bool(false) => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(de::Error::invalid_type(unexpected(&other), &"a string or false")),
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
    fn rejects_garbage_with_a_message() {
        let err = parse(r#"{"i":"twelve","f":1,"b":true,"s":""}"#).err().unwrap();
        assert!(err.to_string().contains("an integer"), "{err}");
        assert!(parse(r#"{"i":1.5,"f":1,"b":true,"s":""}"#).is_err());
        assert!(parse(r#"{"i":1,"f":1,"b":"maybe","s":""}"#).is_err());
    }
}
