//! Serving the built panel: the `.br` or `.gz` copy of a file when the browser takes it, hashed
//! assets cached for good, `index.html` and `config.json` revalidated on each load (deployments edit
//! them), and `index.html` for every other path (the panel's own routes).

use std::convert::Infallible;
use std::path::Path;

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};

/// Trunk names built assets `<name>-<16 hex digits>[_bg].<ext>`: their content never changes.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let policy = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// The panel in `dist`, as a service for the router's fallback.
pub fn service(
    dist: &Path,
) -> impl tower::Service<Request, Response = Response, Error = Infallible, Future: Send> + Clone + Send + Sync + 'static
{
    let files =
        ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(ServeFile::new(dist.join("index.html")));
    axum::middleware::from_fn(cache_policy).layer(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_apart() {
        assert!(is_hashed_asset("/kiubi-panel-17937ce0629324a2_bg.wasm"));
        assert!(is_hashed_asset("/admin/main-4eb4c56c888b01b5.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/sites/boulangerie-lyon"));
        assert!(!is_hashed_asset("/kiubi-panel-xyz.js"));
    }
}
