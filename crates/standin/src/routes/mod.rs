//! The HTTP surface: `/v1/…` in the envelope, everything else the built panel.

mod account;
mod auth_token;
mod backups;
mod misc;
mod sites;

mod stats;
mod subscriptions;

use std::path::Path;
use std::sync::Arc;

use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use kiubi_wire::error_code;
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};

use crate::reply::ApiFailure;
use crate::AppState;

/// The whole service. Layers from the outside in: CORS (so every reply, faults included, can be read
/// cross-origin), the panic catcher, then `protocol::prepare` (which must run before routing), then the routes.
pub fn app(state: Arc<AppState>, dist: Option<&Path>, test_control: bool, team: Arc<kiubi_server::Team>) -> Router {
    let api = Router::new()
        .route("/auth/token", post(auth_token::create))
        .route("/auth/token/{token}", get(auth_token::check))
        .route("/rate", get(misc::rate))
        .route("/geo/countries", get(misc::countries))
        .route("/plans", get(subscriptions::plans))
        .route("/account", get(account::account))
        .route("/account/contact", get(account::contact).put(account::update_contact))
        .route("/sites", get(sites::list).post(sites::create))
        .route("/sites/{code_site}", get(sites::detail).delete(sites::delete))
        .route("/sites/{code_site}/backups", get(backups::list).post(backups::create))
        .route("/sites/{code_site}/backups/{date}", axum::routing::put(backups::restore))
        .route("/sites/{code_site}/jobs/{job_id}", get(misc::job))
        .route("/sites/{code_site}/logs", get(stats::logs))
        .route("/sites/{code_site}/stats", get(stats::stats))
        .route("/sites/{code_site}/stats/live", get(stats::live))
        .route("/sites/{code_site}/stats/report", get(stats::report))
        .route("/sites/{code_site}/stats/usage", get(stats::usage))
        .route("/sites/{code_site}/subscriptions", get(subscriptions::subscription))
        .route("/sites/{code_site}/subscriptions/options", get(subscriptions::options))
        .route("/openapi", get(crate::openapi::document))
        .method_not_allowed_fallback(|| async {
            ApiFailure::new(StatusCode::METHOD_NOT_ALLOWED, error_code::UNKNOWN_RESOURCE, "Méthode non supportée")
        })
        .fallback(|| async { ApiFailure::not_found() })
        .with_state(state.clone());
    let mut router = Router::new().nest("/v1", api);
    if test_control {
        router = router.route("/_standin/control", post(crate::protocol::control).with_state(state.clone()));
    }
    if let Some(dist) = dist {
        router = kiubi_server::with_panel(router, dist, Some(state.control.csp_reports.clone()));
    }
    let prepared = axum::middleware::from_fn_with_state(state.clone(), crate::protocol::prepare).layer(router);
    let prepared = axum::middleware::from_fn_with_state(state, crate::php_style::layer).layer(prepared);
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        // `*` would not cover `Authorization`: echo what the preflight asks for.
        .allow_headers(AllowHeaders::mirror_request());
    // Inside CORS, so that the 500 of a panic can be read cross-origin too. The workspace is the
    // server's, beside the API (neither `.json` paths nor PHP-style replies).
    Router::new()
        .merge(kiubi_server::workspace::routes(team, None).layer(survive_panics()))
        .fallback_service(cors.layer(survive_panics().layer(prepared)))
}

/// A handler that panics (a bug) answers a 500 envelope; the server goes on serving the others.
fn survive_panics() -> CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> axum::response::Response> {
    CatchPanicLayer::custom(|_| ApiFailure::unexpected().into_response())
}
