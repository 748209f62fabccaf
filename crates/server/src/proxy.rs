//! Proxy mode: the panel from `dist/` and `/v1/*` forwarded to an upstream API (the real one in
//! production), for deployments where the browser cannot call the API across origins.
//!
//! What crosses it, read as an attacker would:
//! - only a path under `/v1/` goes up: dot segments, encoded or not, encoded slashes and backslashes,
//!   double encoding and control characters are refused with a 400 envelope, so no request reaches
//!   the upstream's other paths with the caller's `Authorization`;
//! - request headers by an allow-list (no `Cookie`, nothing of the caller's connection); reply headers
//!   without `Set-Cookie` and without those of the connection (hop-by-hop, and any named in
//!   `Connection:`);
//! - an upstream slower than the timeouts is a 504 envelope, one that cannot be reached or breaks off
//!   in the middle of its reply a 502 envelope, never an empty 200.
//!
//! Nothing is logged, so no token either.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use kiubi_wire::error_code;

use crate::reply::Refusal;

/// Request headers that go up: what the official clients send (`kiubi-api-notes.md` §1) and content
/// negotiation. Anything else (cookies, forwarding headers, the caller's connection) stays here.
const FORWARDED_REQUEST_HEADERS: [&str; 7] =
    ["authorization", "content-type", "accept", "accept-language", "accept-encoding", "x-api", "x-client"];

/// Reply headers that come back, by an allow-list: what the panel reads of a reply. Anything else
/// of the upstream (its `Server`, `X-Powered-By`, its own policy, `Access-Control-Allow-Credentials`,
/// a `Location`, its cookies, the connection's headers) stays there; the body's length is set again
/// from the bytes sent, and `api_reply_headers` adds this server's own.
const FORWARDED_REPLY_HEADERS: [&str; 7] =
    ["content-type", "content-encoding", "content-language", "vary", "etag", "last-modified", "retry-after"];

/// A request body larger than this is refused before anything goes up (as the stand-in does).
pub const MAX_REQUEST_BYTES: usize = 8 * 1024 * 1024;

/// A reply of the API larger than this is refused (a list page is a few kilobytes).
const MAX_REPLY_BYTES: usize = 32 * 1024 * 1024;

/// Headers named in `Connection:` belong to that connection only (RFC 9110, 7.6.1).
fn connection_named(headers: &HeaderMap) -> Vec<HeaderName> {
    headers
        .get_all("connection")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect()
}

/// The headers `keep` names, less those named in `Connection:`.
fn kept_headers(headers: &HeaderMap, keep: impl Fn(&str) -> bool) -> HeaderMap {
    let per_connection = connection_named(headers);
    let mut out = HeaderMap::new();
    for (name, value) in headers {
        if keep(name.as_str()) && !per_connection.contains(name) {
            out.append(name.clone(), value.clone());
        }
    }
    out
}

fn request_headers(headers: &HeaderMap) -> HeaderMap {
    kept_headers(headers, |name| FORWARDED_REQUEST_HEADERS.contains(&name))
}

fn reply_headers(headers: &HeaderMap) -> HeaderMap {
    kept_headers(headers, |name| FORWARDED_REPLY_HEADERS.contains(&name))
}

/// Every reply of `/v1` and of the workspace, the server's own refusals included: never read as
/// another type than it says, never kept by a cache (it carries an account's data, or a token).
pub async fn api_reply_headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert("x-content-type-options", axum::http::HeaderValue::from_static("nosniff"));
    headers.insert("cache-control", axum::http::HeaderValue::from_static("no-store"));
    response
}

/// The path to ask the upstream for, or `None` when it could leave `/v1/` there on some server: any
/// segment that decodes to `.` or `..`, or holds an encoded dot (`%2e`), or once decoded anything but
/// printable ASCII (a space, a control character, a full-width or other look-alike dot), a slash
/// or backslash, a `;` (path parameters, `..;/` on Tomcat-style servers), a `%` left after decoding
/// (double encoding, decoded again by some servers); or an empty segment inside the path. The
/// API's paths are codes, numbers and dates: none of this is lost.
pub fn upstream_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v1")?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        let decoded = kiubi_wire::encoding::percent_decode(segment, false).ok()?;
        let traversal = decoded == "." || decoded == ".." || segment.to_ascii_lowercase().contains("%2e");
        let smuggled = !decoded.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '/' | '\\' | '%' | ';'));
        if traversal || smuggled || (decoded.is_empty() && i != last) {
            return None;
        }
    }
    Some(path)
}

/// How long the upstream may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeouts {
    /// To open the connection (TCP and TLS).
    pub connect: Duration,
    /// For the whole exchange, the reply's body included.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts { connect: Duration::from_secs(10), total: Duration::from_secs(60) }
    }
}

pub struct Upstream {
    /// `https://api.kiubi.com`, without a trailing slash.
    base: String,
    client: reqwest::Client,
}

impl Upstream {
    pub fn new(base: &str, timeouts: Timeouts) -> Result<Upstream, reqwest::Error> {
        let client = reqwest::Client::builder()
            // The browser asked for what it accepts: replies come back as the upstream sent them.
            .no_gzip()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.total)
            .build()?;
        Ok(Upstream { base: base.trim_end_matches('/').to_owned(), client })
    }

    /// The client that talks to the upstream (its timeouts, no redirects).
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The upstream's address of `path` (`/v1/…`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn gateway_failure(error: &reqwest::Error) -> Response {
    if error.is_timeout() {
        Refusal::new(StatusCode::GATEWAY_TIMEOUT, error_code::SYS_UNEXPECTED_ERROR, "L'API n'a pas répondu à temps")
            .into_response()
    } else {
        Refusal::new(StatusCode::BAD_GATEWAY, error_code::SYS_UNEXPECTED_ERROR, "API injoignable").into_response()
    }
}

/// The whole body of the upstream's reply, or why it could not be read.
async fn whole_body(mut reply: reqwest::Response) -> Result<Vec<u8>, Response> {
    let mut body = Vec::new();
    while let Some(chunk) = reply.chunk().await.map_err(|e| gateway_failure(&e))? {
        if body.len() + chunk.len() > MAX_REPLY_BYTES {
            return Err(Refusal::new(
                StatusCode::BAD_GATEWAY,
                error_code::SYS_UNEXPECTED_ERROR,
                "Réponse de l'API trop volumineuse",
            )
            .into_response());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Forwards one request to the upstream and its reply back.
pub async fn forward(State(upstream): State<Arc<Upstream>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Some(path) = upstream_path(parts.uri.path()) else {
        return Refusal::new(StatusCode::BAD_REQUEST, error_code::UNKNOWN_RESOURCE, "Chemin refusé").into_response();
    };
    let query = parts.uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    // The URL parser resolves dot segments: whatever passed the check above must come out unchanged.
    let url = match reqwest::Url::parse(&format!("{}{path}{query}", upstream.base)) {
        Ok(url) if url.path().ends_with(path) => url,
        _ => {
            return Refusal::new(StatusCode::BAD_REQUEST, error_code::UNKNOWN_RESOURCE, "Chemin refusé").into_response()
        }
    };
    let too_large =
        || Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, error_code::REQUEST_TOO_LARGE, "Requête trop volumineuse");
    let body = match crate::reply::whole_request(body, MAX_REQUEST_BYTES, too_large).await {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let sent = upstream.client.request(parts.method, url).headers(request_headers(&parts.headers)).body(body).send();
    let reply = match sent.await {
        Ok(reply) => reply,
        Err(error) => return gateway_failure(&error),
    };
    let status = reply.status();
    let headers = reply_headers(reply.headers());
    match whole_body(reply).await {
        Ok(body) => {
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            response
        }
        Err(failure) => failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_under_v1_go_up() {
        for allowed in ["/v1", "/v1/", "/v1/sites.json", "/v1/sites/abc/backups/20260101120000", "/v1/sites/a.b-c_d"] {
            assert_eq!(upstream_path(allowed), Some(allowed), "{allowed}");
        }
        for refused in [
            "/v1/../index.html",
            "/v1/%2e%2e/config.json",
            "/v1/%2E%2e/config.json",
            "/v1/.%2e/x",
            "/v1/sites/./x",
            "/v1/sites/%2e",
            "/v1/sites%2f..%2fconfig.json",
            "/v1/sites%2F..",
            "/v1/sites%5c..%5cx",
            "/v1/sites\\..\\x",
            "/v1/%252e%252e/x",
            "/v1/sites/%00",
            "/v1/sites/%0a",
            "/v1/sites/%zz",
            "/v1/sites/%e9",
            "/v1/..;/index.html",
            "/v1/sites/..%3b/x",
            "/v1/sites/..%20/x",
            "/v1/sites/%20..",
            "/v1/sites/a%2ejson",
            "/v1/%EF%BC%8E%EF%BC%8E/config.json",
            "/v1/sites/\u{ff0e}\u{ff0e}/x",
            "/v1/sites;jsessionid=1",
            "/v1/sites/a b",
            "/v1//sites",
            "/v1x/sites",
            "/v2/sites",
            "/index.html",
        ] {
            assert_eq!(upstream_path(refused), None, "{refused}");
        }
    }

    /// The names of the headers `filter` keeps of `headers`, sorted.
    fn kept(filter: fn(&HeaderMap) -> HeaderMap, headers: &[(&str, &str)]) -> Vec<String> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        }
        let mut names: Vec<String> = filter(&map).keys().map(|k| k.as_str().to_owned()).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn request_headers_by_allow_list() {
        let sent = [
            ("authorization", "token abc"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("x-api", "Kiubi API PHP Client v2.0"),
            ("cookie", "session=secret"),
            ("x-forwarded-for", "10.0.0.1"),
            ("host", "panel.example"),
            ("connection", "keep-alive, accept-language"),
            ("accept-language", "fr"),
            ("keep-alive", "timeout=5"),
        ];
        assert_eq!(kept(request_headers, &sent), ["authorization", "content-type", "x-api"]);
    }

    #[test]
    fn reply_headers_by_allow_list() {
        let received = [
            ("content-type", "application/json"),
            ("set-cookie", "tracker=1"),
            ("connection", "close, x-upstream-hint"),
            ("x-upstream-hint", "internal"),
            ("transfer-encoding", "chunked"),
            ("cache-control", "no-cache"),
            ("server", "Apache/2.4.1 (Unix) PHP/7.1"),
            ("x-powered-by", "PHP/7.1"),
            ("content-security-policy", "default-src *"),
            ("access-control-allow-credentials", "true"),
            ("location", "https://elsewhere.example/"),
            ("etag", "\"r1\""),
        ];
        assert_eq!(kept(reply_headers, &received), ["content-type", "etag"]);
    }
}
