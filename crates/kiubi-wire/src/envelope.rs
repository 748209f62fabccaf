//! The `{meta, data, error}` envelope of every reply (protocol notes §4 and §5).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::lenient;

/// `meta` of every reply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meta {
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub success: bool,
    /// Mirrors the HTTP status; anything but 200 is a failure, even inside an HTTP 200 (notes §4.1).
    #[serde(default, deserialize_with = "lenient::int")]
    pub status_code: i64,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub rate_remaining: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub link: Option<Links>,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub current_page: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub items_count: Option<i64>,
}

/// `meta.link`: root-relative `.json` paths with their query string; an absent link is `false` on the wire.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Links {
    #[serde(default, deserialize_with = "lenient::opt_string", serialize_with = "string_or_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = link_schema))]
    pub first_page: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string", serialize_with = "string_or_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = link_schema))]
    pub previous_page: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string", serialize_with = "string_or_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = link_schema))]
    pub next_page: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string", serialize_with = "string_or_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = link_schema))]
    pub last_page: Option<String>,
}

/// A link's schema: a path, or `false` (utoipa would say "string or null" from the `Option`).
#[cfg(feature = "openapi")]
fn link_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String))
        .item(ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([false])))
        .description(Some("A root-relative `.json` path with its query, or `false` when there is no such page."))
        .build()
        .into()
}

fn string_or_false<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(link) => s.serialize_str(link),
        None => s.serialize_bool(false),
    }
}

/// `error` of a failed reply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::int")]
    pub code: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub message: String,
    /// Absent, `null`, `[]`, `{}` or a list; an object keyed by field name is read in key order.
    #[serde(default, deserialize_with = "lenient::list")]
    pub fields: Vec<FieldError>,
}

/// One per-field validation message; `field` is the parameter's name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    #[serde(default, deserialize_with = "lenient::string")]
    pub field: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub message: String,
}

/// `error` may be absent, `null`, `false`, `""`, `[]` or `{}` on a success (PHP's empty values): none.
fn error_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<ErrorBody>, D::Error> {
    let value = Value::deserialize(d)?;
    if lenient::is_absent(&value) {
        return Ok(None);
    }
    ErrorBody::deserialize(value).map(Some).map_err(serde::de::Error::custom)
}

/// A whole reply as it travels. The stand-in builds these; the panel decodes them with [`decode`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T = Value> {
    pub meta: Meta,
    #[serde(default)]
    pub data: Option<T>,
    #[serde(default, deserialize_with = "error_or_none", skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
}

/// A successful reply: its `meta` and its typed `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    pub meta: Meta,
    pub data: T,
}

/// Why a reply body is not a success.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The API said no: `meta.status_code` is not 200, or `meta.success` is false, or `error` is set.
    Api { meta: Box<Meta>, error: ErrorBody },
    /// The body is not the envelope, or `data` is not of the expected shape.
    Undecodable(String),
}

/// Decodes a reply body: the envelope first, then `data` as `T` only when the reply is a success,
/// so an error reply never fails on the shape of its `data`.
pub fn decode<T: DeserializeOwned>(body: &str) -> Result<Reply<T>, Failure> {
    let (meta, data) = open(body)?;
    let data = T::deserialize(data).map_err(|e| Failure::Undecodable(e.to_string()))?;
    Ok(Reply { meta, data })
}

/// The envelope of a successful reply with its `data` not yet typed; an error reply is a
/// `Failure::Api`. Kept apart from `decode` so that only the typing of `data` is compiled per type.
pub fn open(body: &str) -> Result<(Meta, Value), Failure> {
    let envelope: Envelope<Value> = serde_json::from_str(body).map_err(|e| Failure::Undecodable(e.to_string()))?;
    if envelope.meta.status_code != 200 || envelope.error.is_some() || !envelope.meta.success {
        let error = envelope.error.unwrap_or(ErrorBody {
            code: crate::error_code::SYS_UNEXPECTED_ERROR,
            message: String::new(),
            fields: Vec::new(),
        });
        return Err(Failure::Api { meta: Box::new(envelope.meta), error });
    }
    // `data` that says nothing (`null`, `false`, `""`) is an object with every value unknown (or an
    // empty list): each type's rule for absent values then applies, identities excepted. (`[]` is
    // read as it is: an empty list, or an object with every value unknown.)
    let data = match envelope.data {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Value::Object(Default::default()),
        Some(Value::String(s)) if s.is_empty() => Value::Object(Default::default()),
        Some(data) => data,
    };
    Ok((envelope.meta, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code;

    #[test]
    fn false_links_are_none_and_serialise_back_to_false() {
        let body = r#"{"meta":{"success":true,"status_code":200,"rate_remaining":"99",
            "link":{"first_page":"/v1/sites.json?limit=20","previous_page":false,"next_page":"/v1/sites.json?limit=20&page=1","last_page":false},
            "current_page":0,"items_count":"53"},"data":[]}"#;
        let reply = decode::<Vec<Value>>(body).unwrap();
        let link = reply.meta.link.clone().unwrap();
        assert_eq!(link.previous_page, None);
        assert_eq!(link.next_page.as_deref(), Some("/v1/sites.json?limit=20&page=1"));
        assert_eq!((reply.meta.rate_remaining, reply.meta.items_count), (Some(99), Some(53)));
        let out = serde_json::to_value(&reply.meta).unwrap();
        assert_eq!(out["link"]["previous_page"], Value::Bool(false));
    }

    #[test]
    fn an_error_inside_http_200_is_an_error() {
        let body = r#"{"meta":{"success":false,"status_code":400},"data":null,
            "error":{"code":4002,"message":"Paramètres invalides","fields":[{"field":"email","message":"Email invalide"}]}}"#;
        match decode::<Value>(body) {
            Err(Failure::Api { meta, error }) => {
                assert_eq!(meta.status_code, 400);
                assert_eq!(error.code, error_code::PARAMS_VALIDATION);
                assert_eq!(error.fields[0].field, "email");
            }
            other => panic!("expected an API failure, got {other:?}"),
        }
    }

    #[test]
    fn status_code_other_than_200_fails_even_without_error() {
        let body = r#"{"meta":{"success":true,"status_code":503},"data":{}}"#;
        assert!(matches!(decode::<Value>(body), Err(Failure::Api { .. })));
    }

    #[test]
    fn a_write_without_a_documented_output_succeeds_on_the_envelope_whatever_its_data() {
        for data in [r#""data":{"firstname":"Jeanne"}"#, r#""data":true"#, r#""data":null"#, r#""data":1234"#, ""] {
            let comma = if data.is_empty() { "" } else { "," };
            let body = format!(r#"{{"meta":{{"success":true,"status_code":200}}{comma}{data}}}"#);
            assert!(decode::<serde::de::IgnoredAny>(&body).is_ok(), "{body}");
        }
        let refused = r#"{"meta":{"success":false,"status_code":400},"data":true,"error":{"code":4002,"message":"x"}}"#;
        assert!(matches!(decode::<serde::de::IgnoredAny>(refused), Err(Failure::Api { .. })));
    }

    #[test]
    fn php_shapes_of_error_on_a_success_and_of_fields_on_a_failure() {
        for error in ["[]", "{}", "null", "false"] {
            let body = format!(r#"{{"meta":{{"success":true,"status_code":200}},"data":1,"error":{error}}}"#);
            assert_eq!(decode::<i64>(&body).unwrap().data, 1, "{error}");
        }
        for fields in ["[]", "{}", "null", "false"] {
            let body = format!(
                r#"{{"meta":{{"success":false,"status_code":400}},"error":{{"code":4002,"message":"x","fields":{fields}}}}}"#
            );
            assert!(
                matches!(decode::<i64>(&body), Err(Failure::Api { error, .. }) if error.fields.is_empty()),
                "{fields}"
            );
        }
        let keyed = r#"{"meta":{"success":false,"status_code":400},"error":{"code":"4002","message":"x",
            "fields":{"0":{"field":"email","message":"Adresse invalide"}}}}"#;
        let Err(Failure::Api { error, .. }) = decode::<i64>(keyed) else { panic!("a failure") };
        assert_eq!((error.code, error.fields[0].field.as_str()), (4002, "email"));
    }

    #[test]
    fn integer_data_after_a_creation() {
        let body = r#"{"meta":{"success":true,"status_code":200},"data":1234}"#;
        assert_eq!(decode::<i64>(body).unwrap().data, 1234);
    }

    #[test]
    fn php_empty_fields_object_is_no_fields() {
        let body = r#"{"meta":{"success":false,"status_code":403},"error":{"code":"4311","message":"Token invalide","fields":{}}}"#;
        match decode::<Value>(body) {
            Err(Failure::Api { error, .. }) => assert_eq!((error.code, error.fields.len()), (4311, 0)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_an_envelope_is_undecodable() {
        assert!(matches!(decode::<Value>("<html>Bad gateway</html>"), Err(Failure::Undecodable(_))));
        let wrong_shape = r#"{"meta":{"success":true,"status_code":200},"data":"oops"}"#;
        assert!(matches!(decode::<Vec<Value>>(wrong_shape), Err(Failure::Undecodable(_))));
    }
}
