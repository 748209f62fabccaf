//! Proxy mode: the panel from `dist/` and `/v1/*` forwarded to an upstream API (the real one in
//! production), for deployments where the browser cannot call the API across origins. Requests and
//! replies pass through as they are (method, path, query, headers, body); hop-by-hop headers stay
//! here. Nothing is logged, so no token either.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use kiubi_wire::error_code;

use crate::reply::ApiFailure;

/// Headers that concern one connection, not the request (RFC 9110, 7.6.1), and `host`.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
];

fn passed_on(headers: &HeaderMap) -> impl Iterator<Item = (&HeaderName, &axum::http::HeaderValue)> {
    headers.iter().filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
}

pub struct Upstream {
    /// `https://api.kiubi.com`, without a trailing slash.
    base: String,
    client: reqwest::Client,
}

impl Upstream {
    pub fn new(base: &str) -> Result<Upstream, reqwest::Error> {
        let client = reqwest::Client::builder()
            // The browser asked for what it accepts: replies come back as the upstream sent them.
            .no_gzip()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Upstream { base: base.trim_end_matches('/').to_owned(), client })
    }
}

/// Forwards one request to the upstream and its reply back.
pub async fn forward(State(upstream): State<Arc<Upstream>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let Ok(body) = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            error_code::SYS_UNEXPECTED_ERROR,
            "Requête trop volumineuse",
        )
        .into_response();
    };
    let mut outgoing = upstream.client.request(parts.method, format!("{}{path}", upstream.base));
    for (name, value) in passed_on(&parts.headers) {
        outgoing = outgoing.header(name, value);
    }
    match outgoing.body(body).send().await {
        Ok(reply) => {
            let status = reply.status();
            let mut headers = HeaderMap::new();
            for (name, value) in passed_on(reply.headers()) {
                headers.append(name, value.clone());
            }
            let body: Bytes = reply.bytes().await.unwrap_or_default();
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            response
        }
        // Unreachable upstream: the panel gets the envelope it understands, as from a gateway.
        Err(_) => ApiFailure::new(StatusCode::BAD_GATEWAY, error_code::SYS_UNEXPECTED_ERROR, "API injoignable")
            .into_response(),
    }
}
