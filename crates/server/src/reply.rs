//! Replies in the API's `{meta, data, error}` envelope, so that the panel reads the server's own
//! answers (the workspace, a refused path, an unreachable API) as it reads the API's.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kiubi_wire::{Envelope, ErrorBody, Meta};
use serde::Serialize;

/// A refusal: its HTTP status, a code (the API's, or `kiubi_wire::team::code`) and a French message.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: i64,
    pub message: String,
}

impl Refusal {
    pub fn new(status: StatusCode, code: i64, message: impl Into<String>) -> Refusal {
        Refusal { status, code, message: message.into() }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let meta = Meta { success: false, status_code: i64::from(self.status.as_u16()), ..Meta::default() };
        let error = ErrorBody { code: self.code, message: self.message, fields: Vec::new() };
        let envelope: Envelope<()> = Envelope { meta, data: None, error: Some(error) };
        (self.status, Json(envelope)).into_response()
    }
}

/// A success carrying `data`.
pub fn ok<T: Serialize>(data: T) -> Response {
    let meta = Meta { success: true, status_code: 200, ..Meta::default() };
    Json(Envelope { meta, data: Some(data), error: None }).into_response()
}

/// How long a request's body may take to arrive: a client that sends it slower holds a connection
/// for nothing.
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A request's whole body, at most `limit` bytes: a larger one is `too_large`; one that does not
/// arrive within `BODY_READ_TIMEOUT`, or breaks off, a 408.
pub async fn whole_request(
    body: axum::body::Body,
    limit: usize,
    too_large: impl FnOnce() -> Refusal,
) -> Result<axum::body::Bytes, Refusal> {
    let read = tokio::time::timeout(BODY_READ_TIMEOUT, axum::body::to_bytes(body, limit)).await;
    let over_limit = |error: axum::Error| error.into_inner().is::<http_body_util::LengthLimitError>();
    match read.map(|read| read.map_err(over_limit)) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(true)) => Err(too_large()),
        _ => Err(Refusal::new(
            StatusCode::REQUEST_TIMEOUT,
            kiubi_wire::team::code::BODY_TIMEOUT,
            "Requête interrompue ou trop lente : rien n'a été pris en compte",
        )),
    }
}
