//! Serving the built panel: the `.br` or `.gz` copy of a file when the browser takes it, hashed
//! assets cached for good, `index.html` and `config.json` revalidated on each load (deployments edit
//! them), `index.html` for every other path (the panel's own routes), under a strict
//! Content-Security-Policy whose violations are reported here.

use std::convert::Infallible;
use std::path::Path;

use axum::extract::Request;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use crate::protocol::Control;
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
pub const CSP_REPORTS: &str = "/_standin/csp-reports";

/// The panel runs no inline script or style: everything comes from its own origin, the API included
/// (the stand-in serves both); images may come from the sites (avatars).
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; \
    form-action 'self'; report-uri /_standin/csp-reports";

async fn headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Keeps a violation report and says it on the console, for whoever runs the stand-in.
async fn csp_report(State(control): State<Arc<Control>>, body: String) -> StatusCode {
    eprintln!("Content-Security-Policy violation: {body}");
    control.note_csp_report(body);
    StatusCode::NO_CONTENT
}

/// The route receiving violation reports.
pub fn report_route(control: Arc<Control>) -> Router {
    Router::new().route(CSP_REPORTS, post(csp_report)).with_state(control)
}

/// The panel in `dist`, as a service for the router's fallback.
pub fn service(
    dist: &Path,
) -> impl tower::Service<Request, Response = Response, Error = Infallible, Future: Send> + Clone + Send + Sync + 'static
{
    let files =
        ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(ServeFile::new(dist.join("index.html")));
    axum::middleware::from_fn(headers).layer(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_apart() {
        assert!(is_hashed_asset("/kiubi-panel-17937ce0629324a2_bg.wasm"));
        assert!(is_hashed_asset("/admin/main-4eb4c56c888b01b5.css"));
        assert!(is_hashed_asset("/kiubi-panel-c5e20ef80b657a8.js"), "a hash with a leading zero dropped");
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/sites/boulangerie-lyon"));
        assert!(!is_hashed_asset("/kiubi-panel-xyz.js"));
    }
}
