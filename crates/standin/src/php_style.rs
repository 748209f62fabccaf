//! `--php-style`: every `/v1` reply reshaped as a PHP back end may send it, so that the panel is
//! tried against the real API's looseness and not only against our own strict JSON. The same value
//! always gets the same shape (a hash of its place in the reply and a fixed seed), so a test sees
//! the same replies on every run. What changes is never what a value says:
//! - numbers as numbers or strings (a decimal comma for some amounts), booleans as `true`, `1`, `"1"`
//!   or `"true"`, `YYYY-MM-DD` dates as `DD/MM/YYYY`, nothing (`null`, `""`) as `null`, `""` or `false`;
//! - lists as arrays or objects keyed `"1"`, `"2"`…, an empty list as `[]` or `null`, an empty object
//!   as `[]`;
//! - the envelope: `error` on a success as `[]`, `null` or `false`, and no `current_page` or
//!   `items_count` (the reference does not promise them).
//!
//! Also here, for tests of what cannot be read at all: `odd_first_row` (test-control form) makes the
//! first item of each list reply unreadable (its `name`, or `text`, an object), the rest intact; and
//! for tests of what the API does not know: `unknown_figures` sends every figure of the statistics'
//! replies as `null`, `""`, no key at all, or `"0"` (a real zero, to tell from the others).

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Map, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::AppState;

/// The same reshaping on every run.
const SEED: u64 = 20_261_129;

/// One of `choices` ways for the value at `path`: FNV-1a of the seed and the path.
fn pick(path: &str, choices: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ SEED;
    for byte in path.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash % choices
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`, when `text` is such a date.
fn french_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('-').collect();
    let is_date = parts.len() == 3
        && [4, 2, 2] == [parts[0].len(), parts[1].len(), parts[2].len()]
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    is_date.then(|| format!("{}/{}/{}", parts[2], parts[1], parts[0]))
}

/// `value`, found at `path`, as a PHP back end might write it.
pub fn reshape(value: Value, path: &str) -> Value {
    let way = |choices| pick(path, choices);
    match value {
        Value::Null => [Value::Null, json!(""), json!(false)][way(3) as usize].clone(),
        Value::Bool(b) => match way(4) {
            0 => json!(b),
            1 => json!(u8::from(b)),
            2 => json!(u8::from(b).to_string()),
            _ => json!(b.to_string()),
        },
        Value::Number(n) => match (way(3), n.as_f64()) {
            (0, _) => Value::Number(n),
            (1, Some(f)) if f.fract() != 0.0 => json!(n.to_string().replace('.', ",")),
            _ => json!(n.to_string()),
        },
        Value::String(s) if s.is_empty() => [json!(""), Value::Null, json!(false)][way(3) as usize].clone(),
        Value::String(s) => match french_date(&s) {
            Some(french) if way(2) == 1 => json!(french),
            _ => Value::String(s),
        },
        Value::Array(items) if items.is_empty() => [json!([]), Value::Null][way(2) as usize].clone(),
        Value::Array(items) => {
            let items = items.into_iter().enumerate().map(|(i, item)| (i, reshape(item, &format!("{path}/{i}"))));
            if way(2) == 0 {
                Value::Array(items.map(|(_, item)| item).collect())
            } else {
                Value::Object(items.map(|(i, item)| ((i + 1).to_string(), item)).collect())
            }
        }
        Value::Object(map) if map.is_empty() => json!([]),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let inner = reshape(v, &format!("{path}/{k}"));
                    (k, inner)
                })
                .collect(),
        ),
    }
}

/// One of PHP's empty values, for the `error` of a success at `path`.
fn php_empty(path: &str) -> Value {
    [json!([]), Value::Null, json!(false)][pick(path, 3) as usize].clone()
}

/// A whole reply: its `data` and `meta` reshaped, its paging counts left out, its `error` on a
/// success in one of PHP's empty shapes.
pub fn reshape_reply(reply: Value, path: &str) -> Value {
    let Value::Object(mut reply) = reply else { return reply };
    let success = reply.get("error").is_none_or(Value::is_null);
    if let Some(Value::Object(meta)) = reply.get_mut("meta") {
        meta.remove("current_page");
        meta.remove("items_count");
    }
    let mut out = Map::new();
    for (key, value) in reply {
        let at = format!("{path}#{key}");
        // Links are paths or `false`: left as they are.
        let reshaped = match (key.as_str(), value) {
            ("meta", Value::Object(meta)) => Value::Object(
                meta.into_iter()
                    .map(|(k, v)| {
                        let kept = k == "link";
                        (k.clone(), if kept { v } else { reshape(v, &format!("{at}/{k}")) })
                    })
                    .collect(),
            ),
            ("error", _) if success => php_empty(&at),
            (_, value) => reshape(value, &at),
        };
        out.insert(key, reshaped);
    }
    if success && !out.contains_key("error") {
        out.insert("error".to_owned(), php_empty(path));
    }
    Value::Object(out)
}

/// The first item of a list reply made unreadable: its `name` (or `text`) an object.
pub fn spoil_first_row(mut reply: Value) -> Value {
    if let Some(Value::Object(first)) = reply.get_mut("data").and_then(Value::as_array_mut).and_then(|l| l.first_mut())
    {
        for key in ["name", "text"] {
            if first.contains_key(key) {
                first.insert(key.to_owned(), json!({"unreadable": true}));
                break;
            }
        }
    }
    reply
}

/// How `unknown_figures` sends a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownAs {
    Null,
    Empty,
    Missing,
    /// `"0"`: known, and zero.
    Zero,
}

impl UnknownAs {
    pub const ALL: [UnknownAs; 4] = [UnknownAs::Null, UnknownAs::Empty, UnknownAs::Missing, UnknownAs::Zero];

    pub fn as_str(self) -> &'static str {
        match self {
            UnknownAs::Null => "null",
            UnknownAs::Empty => "empty",
            UnknownAs::Missing => "missing",
            UnknownAs::Zero => "zero",
        }
    }

    pub fn parse(text: &str) -> Option<UnknownAs> {
        UnknownAs::ALL.into_iter().find(|how| how.as_str() == text)
    }
}

/// Every number in `value` (at any depth) sent `how`; dates and text as they are.
pub fn unknown_figures(value: Value, how: UnknownAs) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter_map(|(key, value)| match value {
                    Value::Number(_) if how == UnknownAs::Missing => None,
                    value => Some((key, unknown_figures(value, how))),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|item| unknown_figures(item, how)).collect()),
        Value::Number(_) => match how {
            UnknownAs::Null | UnknownAs::Missing => Value::Null,
            UnknownAs::Empty => json!(""),
            UnknownAs::Zero => json!("0"),
        },
        other => other,
    }
}

/// The layer: `/v1` JSON replies reshaped while `Control::php_style`, `Control::odd_first_row` or
/// `Control::unknown_figures` is on (the OpenAPI document excepted).
pub async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let json = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.contains("json"));
    let (php, odd) =
        (state.control.php_style.load(Ordering::Relaxed), state.control.odd_first_row.load(Ordering::Relaxed));
    let unknown = state.control.unknown_figures().filter(|_| path.starts_with("/v1/sites/") && path.contains("/stats"));
    if !(php || odd || unknown.is_some()) || !path.starts_with("/v1/") || path.starts_with("/v1/openapi") || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(reply) => {
            let reply = if odd { spoil_first_row(reply) } else { reply };
            let reply = match (unknown, reply) {
                (Some(how), Value::Object(mut reply)) => {
                    if let Some(data) = reply.remove("data") {
                        reply.insert("data".to_owned(), unknown_figures(data, how));
                    }
                    Value::Object(reply)
                }
                (_, reply) => reply,
            };
            let reply = if php { reshape_reply(reply, path.trim_end_matches(".json")) } else { reply };
            reply.to_string().into_bytes()
        }
        // Not JSON after all (a reply cut short on purpose): as it was.
        Err(_) => bytes.to_vec(),
    };
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_figures_leave_dates_and_text_as_they_are() {
        let data =
            json!({"space": {"used": 5, "total": 10}, "days": [{"date": "2026-01-01", "visitors": 3}], "label": "5 €"});
        assert_eq!(
            unknown_figures(data.clone(), UnknownAs::Null),
            json!({"space": {"used": null, "total": null}, "days": [{"date": "2026-01-01", "visitors": null}], "label": "5 €"})
        );
        assert_eq!(
            unknown_figures(data.clone(), UnknownAs::Missing),
            json!({"space": {}, "days": [{"date": "2026-01-01"}], "label": "5 €"})
        );
        assert_eq!(unknown_figures(data.clone(), UnknownAs::Empty)["space"]["total"], "");
        assert_eq!(unknown_figures(data, UnknownAs::Zero)["days"][0]["visitors"], "0");
        assert!(UnknownAs::ALL.into_iter().all(|how| UnknownAs::parse(how.as_str()) == Some(how)));
    }

    #[test]
    fn the_same_reply_the_same_shapes_and_nothing_said_differently() {
        let reply = json!({"meta": {"success": true, "status_code": 200, "current_page": 0, "items_count": 2,
            "link": {"first_page": "/v1/sites.json", "next_page": false}},
            "data": [{"code_site": "a", "balance": 3, "is_trial": true, "amount": 45.5, "endtrial_date": "2026-12-03",
                      "closing_date": null, "features": {}, "tags": []}, {"code_site": "b"}]});
        let once = reshape_reply(reply.clone(), "/v1/sites");
        assert_eq!(once, reshape_reply(reply, "/v1/sites"), "deterministic");
        let meta = &once["meta"];
        assert!(meta.get("current_page").is_none() && meta.get("items_count").is_none());
        assert_eq!(meta["link"]["next_page"], false);
        assert!(
            matches!(&once["error"], Value::Array(a) if a.is_empty())
                || once["error"].is_null()
                || once["error"] == false
        );
        // Every site still there, under its code, whatever the list's shape.
        let sites: Vec<&Value> = match &once["data"] {
            Value::Array(items) => items.iter().collect(),
            Value::Object(map) => map.values().collect(),
            other => panic!("{other}"),
        };
        assert_eq!(sites.iter().map(|s| s["code_site"].as_str().unwrap()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(sites[0]["balance"].to_string().trim_matches('"'), "3");
        assert!(["2026-12-03", "03/12/2026"].contains(&sites[0]["endtrial_date"].as_str().unwrap()));
        assert!(["45.5", "45,5"].contains(&sites[0]["amount"].to_string().trim_matches('"')));
    }

    #[test]
    fn only_the_first_row_is_spoiled() {
        let reply = json!({"data": [{"code_site": "a", "name": "A"}, {"code_site": "b", "name": "B"}]});
        let spoiled = spoil_first_row(reply);
        assert_eq!(spoiled["data"][0]["name"], json!({"unreadable": true}));
        assert_eq!(spoiled["data"][1]["name"], "B");
        assert_eq!(spoil_first_row(json!({"data": {"name": "x"}})), json!({"data": {"name": "x"}}));
    }

    #[test]
    fn dates_only_when_they_are_dates() {
        assert_eq!(french_date("2026-12-03").as_deref(), Some("03/12/2026"));
        assert_eq!(french_date("2026-12-03 10:00:00"), None);
        assert_eq!(french_date("boutique-de-lyon"), None);
    }
}
