//! The team's workspace: what the panel's own server (`kiubi-server`) keeps for an account, shared
//! by everyone who signs in to it (labels, notes, saved views, alert thresholds). Not part of
//! Kiubi's API: the server answers beside the `/v1/` it forwards, in the same `{meta, data, error}`
//! envelope, so the panel reads both alike.
//!
//! - `GET /team/v1/workspace[?since=N]`: the account's `Stored` document (`document: null` when the
//!   revision is still `N`, or when nothing is stored yet, at revision 0).
//! - `PUT /team/v1/workspace` with a `Write` as JSON: stored as the next revision when `base_revision`
//!   is the current one (`Written`), else refused with `STALE_REVISION` (409) and nothing written.
//!
//! Who asks is the account of the request's `Authorization: token …`, as the API says it.
//!
//! Signing in through the server (`SESSION_PATH`), the browser never holds the Kiubi token:
//! - `POST /team/v1/session`, a form with `login` and `password` (as `POST /v1/auth/token`) or with
//!   `api_key`: the server gets the token, keeps it sealed in its store and answers an `HttpOnly`
//!   session cookie and, as `IssuedToken.token`, a proof of that session in a token's form. The
//!   panel sends the proof where it would send a token; the server takes it, with the cookie, for
//!   the token it keeps. Neither works without the other.
//! - `POST /team/v1/session/end` with the proof as its body (a beacon's, which survives the page
//!   moving on): the session ends, on every instance of the server.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const WORKSPACE_PATH: &str = "/team/v1/workspace";
pub const SESSION_PATH: &str = "/team/v1/session";
pub const SESSION_END_PATH: &str = "/team/v1/session/end";

/// The largest request body the server reads, in bytes (413 beyond).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// The largest logo of the branding part, in bytes once decoded.
pub const LOGO_LIMIT: usize = 200 * 1024;

/// The server's own refusals, in the 9xxx range so that they never read as one of the API's codes.
pub mod code {
    /// The write's `base_revision` is not the stored one: a colleague wrote first.
    pub const STALE_REVISION: i64 = 9409;
    /// The body is not a workspace document (see `check_document`).
    pub const MALFORMED_DOCUMENT: i64 = 9422;
    /// The body is over `BODY_LIMIT`.
    pub const TOO_LARGE: i64 = 9413;
    /// The body did not arrive in time, or broke off.
    pub const BODY_TIMEOUT: i64 = 9408;
    /// Too many requests with this token this minute.
    pub const TOO_MANY_REQUESTS: i64 = 9429;
    /// The API could not say who the token is (unreachable, or an answer without an account).
    pub const API_UNREACHABLE: i64 = 9502;
    /// The server's database failed.
    pub const STORE_FAILED: i64 = 9500;
}

/// The account's workspace as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// The account's number, as `GET /v1/account` gives it.
    pub account: String,
    /// 0 while nothing is stored; each write adds one.
    pub revision: i64,
    /// `None` when unchanged since the revision asked for, or never written.
    pub document: Option<Value>,
}

/// A write: the new document, made from revision `base_revision`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Write {
    pub base_revision: i64,
    pub document: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub revision: i64,
}

/// Why a document is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentProblem {
    /// The document, or one of its parts, is not a JSON object.
    NotAnObject(String),
    /// A list of the organizing part is not a list.
    NotAList(String),
    /// The branding's logo is not an image's data URL of at most `LOGO_LIMIT` bytes.
    Logo,
}

impl DocumentProblem {
    /// In French, as the API's own messages are.
    pub fn message_fr(&self) -> String {
        match self {
            DocumentProblem::NotAnObject(part) => format!("« {part} » doit être un objet JSON"),
            DocumentProblem::NotAList(part) => format!("« {part} » doit être une liste"),
            DocumentProblem::Logo => "Le logo doit être une image de 200 Ko au plus".to_owned(),
        }
    }
}

/// What the server checks of a document: an object of parts, each an object; the organizing's lists
/// are lists; the branding's logo an image within the limit. The rest is the panel's to read
/// leniently (a later panel may add parts or fields).
pub fn check_document(document: &Value) -> Result<(), DocumentProblem> {
    let parts = document.as_object().ok_or_else(|| DocumentProblem::NotAnObject("document".into()))?;
    for (name, part) in parts {
        if !part.is_object() {
            return Err(DocumentProblem::NotAnObject(name.clone()));
        }
    }
    if let Some(organize) = parts.get("organize") {
        for list in ["labels", "views"] {
            if organize.get(list).is_some_and(|v| !v.is_array() && !v.is_null()) {
                return Err(DocumentProblem::NotAList(format!("organize.{list}")));
            }
        }
        for map in ["site_labels", "notes", "thresholds"] {
            if organize.get(map).is_some_and(|v| !v.is_object() && !v.is_null()) {
                return Err(DocumentProblem::NotAnObject(format!("organize.{map}")));
            }
        }
    }
    match parts.get("branding").and_then(|b| b.get("logo")) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(url)) if logo_within_limit(url) => Ok(()),
        Some(_) => Err(DocumentProblem::Logo),
    }
}

/// `data:image/…;base64,…` whose bytes are at most `LOGO_LIMIT`.
fn logo_within_limit(url: &str) -> bool {
    let Some((mime, data)) = url.strip_prefix("data:").and_then(|rest| rest.split_once(";base64,")) else {
        return false;
    };
    mime.starts_with("image/") && data.len() / 4 * 3 <= LOGO_LIMIT + 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_document_is_an_object_of_parts() {
        assert_eq!(check_document(&json!({})), Ok(()));
        let full = json!({"organize": {"labels": [], "site_labels": {}, "notes": {}, "views": [], "thresholds": {}},
                          "branding": {"name": "Agence", "logo": null}, "later": {"x": 1}});
        assert_eq!(check_document(&full), Ok(()));
        assert_eq!(check_document(&json!([])), Err(DocumentProblem::NotAnObject("document".into())));
        assert_eq!(check_document(&json!({"organize": "x"})), Err(DocumentProblem::NotAnObject("organize".into())));
        assert_eq!(
            check_document(&json!({"organize": {"labels": {"0": "VIP"}}})),
            Err(DocumentProblem::NotAList("organize.labels".into()))
        );
        assert_eq!(
            check_document(&json!({"organize": {"notes": []}})),
            Err(DocumentProblem::NotAnObject("organize.notes".into()))
        );
    }

    #[test]
    fn a_logo_is_an_image_within_the_limit() {
        let logo = |bytes: usize| json!({"branding": {"logo": format!("data:image/png;base64,{}", "A".repeat(bytes / 3 * 4))}});
        assert_eq!(check_document(&logo(LOGO_LIMIT)), Ok(()));
        assert_eq!(check_document(&logo(LOGO_LIMIT + 6)), Err(DocumentProblem::Logo));
        assert_eq!(check_document(&json!({"branding": {"logo": "https://x/logo.png"}})), Err(DocumentProblem::Logo));
        assert_eq!(check_document(&json!({"branding": {"logo": 3}})), Err(DocumentProblem::Logo));
    }
}
