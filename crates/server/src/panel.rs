//! Serving the built panel: the `.br` or `.gz` copy of a file when the browser takes it, hashed
//! assets cached for good, `index.html` and `config.json` revalidated on each load (deployments edit
//! them), `index.html` for every other path (the panel's own routes), under a strict
//! Content-Security-Policy whose violations are reported here.

use std::convert::Infallible;
use std::path::Path;

use axum::extract::Request;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};

/// Trunk names built assets `<name>-<hash>[_bg].<ext>`, the hash a 64-bit number in hex without
/// leading zeros (so 8 to 16 digits in practice): their content never changes.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Where the browser reports violations of the policy below.
pub const CSP_REPORTS: &str = "/csp-reports";

/// The panel's Content-Security-Policy: no inline script or style, everything from its own origin,
/// the API included, or the API's origin when the build's `config.json` names one elsewhere
/// (`apiBase`); images may come from the sites (avatars). Violations are reported here when
/// `reported`.
pub fn policy(api_base: Option<&str>, reported: bool) -> String {
    let api = api_base.and_then(origin_of).map(|origin| format!(" {origin}")).unwrap_or_default();
    let report = if reported { format!("; report-uri {CSP_REPORTS}") } else { String::new() };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' https: data:; connect-src 'self'{api}; frame-ancestors 'self'; base-uri 'self'; \
         form-action 'self'{report}"
    )
}

/// `scheme://host[:port]` of an `http(s)://` address; `None` for anything else (an empty `apiBase`
/// is the panel's own origin).
fn origin_of(address: &str) -> Option<String> {
    let (scheme, rest) = address.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let clean = !authority.is_empty() && authority.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
    (matches!(scheme, "http" | "https") && clean).then(|| format!("{scheme}://{authority}"))
}

/// `apiBase` of the build's `config.json`, if it has one.
fn configured_api_base(dist: &Path) -> Option<String> {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("config.json")).ok()?).ok()?;
    config["apiBase"].as_str().map(str::to_owned)
}

/// The browser features the panel never uses, denied to it and to anything it would frame.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

/// A violation report is a small JSON document; anything larger is refused unread.
pub const MAX_REPORT_BYTES: usize = 16 * 1024;

/// A report as one log line: control characters (newlines included) and bidi controls escaped, at most
/// 2,000 characters, so a report cannot forge or hide log lines.
pub fn log_line(report: &str) -> String {
    let mut line = String::with_capacity(report.len().min(2_000));
    for (i, c) in report.chars().enumerate() {
        if i == 2_000 {
            line.push('…');
            break;
        }
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            line.extend(c.escape_unicode());
        } else {
            line.push(c);
        }
    }
    line
}

async fn headers(State(policy): State<HeaderValue>, request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    // The page (index.html) answers any unknown path, for deep links; a hashed file (JS, wasm, CSS)
    // that is not there (a chunk an older build named) is a 404 instead, and not cached: the panel's
    // retry must ask again, not get the page from the cache for a year.
    let html = response.headers().get(CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if hashed && html {
        response = axum::response::IntoResponse::into_response(StatusCode::NOT_FOUND);
    }
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let cache = if hashed && found { "public, max-age=31536000, immutable" } else { "no-cache" };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(CONTENT_SECURITY_POLICY, policy);
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // No window the panel opens keeps a handle on it, and it asks for no device.
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS_POLICY));
    response
}

/// How many violation reports are kept (and logged); later ones are dropped, so a page in a loop of
/// violations cannot fill the memory or the log.
pub const KEPT_REPORTS: usize = 200;

/// The violation reports received, the first `KEPT_REPORTS`.
#[derive(Default)]
pub struct CspReports(std::sync::Mutex<Vec<String>>);

impl CspReports {
    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Keeps `report` unless `KEPT_REPORTS` are kept already; whether it was kept.
    fn note(&self, report: &str) -> bool {
        let mut reports = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let room = reports.len() < KEPT_REPORTS;
        if room {
            reports.push(report.to_owned());
        }
        room
    }
}

/// Keeps a violation report and says it on the console in one line, for whoever runs the server.
async fn csp_report(State(reports): State<Arc<CspReports>>, body: Bytes) -> StatusCode {
    let report = String::from_utf8_lossy(&body);
    if reports.note(&report) {
        eprintln!("Content-Security-Policy violation: {}", log_line(&report));
    }
    StatusCode::NO_CONTENT
}

/// The route receiving violation reports (16 KB each at most: 413 beyond).
pub fn report_route(reports: Arc<CspReports>) -> Router {
    Router::new()
        .route(CSP_REPORTS, post(csp_report))
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
        .with_state(reports)
}

/// The panel in `dist`, as a service for the router's fallback; its policy names the report route
/// when `reported`.
pub fn service(
    dist: &Path,
    reported: bool,
) -> impl tower::Service<Request, Response = Response, Error = Infallible, Future: Send> + Clone + Send + Sync + 'static
{
    let files =
        ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(ServeFile::new(dist.join("index.html")));
    let policy = policy(configured_api_base(dist).as_deref(), reported);
    // Built from checked parts: always a valid header value.
    let policy = HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    axum::middleware::from_fn_with_state(policy, headers).layer(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_apart() {
        assert!(is_hashed_asset("/kiubi-panel-17937ce0629324a2_bg.wasm"));
        assert!(is_hashed_asset("/admin/main-4eb4c56c888b01b5.css"));
        assert!(is_hashed_asset("/kiubi-panel-c5e20ef80b657a8.js"), "a hash with a leading zero dropped");
        assert!(is_hashed_asset("/split_pages-3f5ae769e5bb8ecc.wasm"), "the chunk of the lazy pages");
        assert!(is_hashed_asset("/__wasm_split-96be394d540c9d95.js"), "its loader");
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/sites/boulangerie-lyon"));
        assert!(!is_hashed_asset("/kiubi-panel-xyz.js"));
    }

    #[test]
    fn the_policy_lets_the_panel_reach_its_api() {
        let own = policy(None, false);
        assert!(own.contains("connect-src 'self';") && !own.contains("report-uri"), "{own}");
        assert!(policy(Some(""), true).ends_with("; report-uri /csp-reports"));
        let elsewhere = policy(Some("https://api.kiubi.com/"), false);
        assert!(elsewhere.contains("connect-src 'self' https://api.kiubi.com;"), "{elsewhere}");
        assert!(policy(Some("http://127.0.0.1:8081"), false).contains("connect-src 'self' http://127.0.0.1:8081;"));
        for odd in ["api.kiubi.com", "javascript://x", "https://a b", "https://x; script-src *"] {
            assert!(policy(Some(odd), false).contains("connect-src 'self';"), "{odd}");
        }
    }

    #[test]
    fn a_report_is_one_line_whatever_it_holds() {
        let forged = "{\"a\":\"x\nContent-Security-Policy violation: forged\r\u{1b}[2J\u{202e}evil\"}";
        let line = log_line(forged);
        assert!(!line.chars().any(|c| c.is_control() || c == '\u{202e}'), "{line}");
        assert!(line.contains("\\u{a}Content-Security-Policy violation: forged"), "{line}");
        assert_eq!(log_line(&"é".repeat(5_000)).chars().count(), 2_001);
    }
}
