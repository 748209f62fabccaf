//! The shared fetch layer: one typed client for every endpoint. No page talks HTTP itself.
//!
//! A request travels as `ApiClient::<endpoint>()` → `get` (session cache when the endpoint's data is
//! slow-changing, shared in-flight GETs, retries per `policy`) or `write` (form body, `method=`
//! override) → `send_once` (URL, `Authorization: token …`, timeout and abort signal) →
//! `kiubi_wire::open` (envelope, `meta.status_code`) → `Result<Reply<T>, ApiError>`. What requests
//! share (cache, GETs under way, the auth-failure hook, the quota left) is the panel's `FetchState`,
//! owned by its session.

mod client;
mod error;
mod fetch_state;
pub mod jobs;
pub mod policy;
pub mod quota;
mod reactive;

pub use client::{ApiClient, DEFAULT_TIMEOUT_MS};
pub use error::ApiError;
pub use fetch_state::FetchState;
pub use reactive::{page_action, page_resource};

/// Aborts the requests of a page when the page is left (its reactive owner is cleaned up).
pub struct PageScope {
    controller: send_wrapper::SendWrapper<web_sys::AbortController>,
}

impl PageScope {
    /// Must be created inside the page's component.
    pub fn new() -> PageScope {
        let controller = send_wrapper::SendWrapper::new(web_sys::AbortController::new().expect("AbortController"));
        let on_leave = controller.clone();
        leptos::prelude::on_cleanup(move || on_leave.abort());
        PageScope { controller }
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// Aborts now (also done when the page is left).
    pub fn abort(&self) {
        self.controller.abort();
    }
}

impl Default for PageScope {
    fn default() -> PageScope {
        PageScope::new()
    }
}

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text at `url` (a file of the deployment, such as `config.json`), or `None` when it is missing
/// or unreachable. No token is sent.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if response.ok() {
        response.text().await.ok()
    } else {
        None
    }
}
