//! The shared fetch layer: one typed client for every endpoint. No page talks HTTP itself.
//!
//! A request travels as `ApiClient::<endpoint>()` → `get` (session cache when the endpoint's data is
//! slow-changing, shared in-flight GETs, retries per `policy`) or `write` (form body, `method=`
//! override) → `send_once` (URL, `Authorization: token …`, timeout and abort signal) →
//! `kiubi_wire::open` (envelope, `meta.status_code`) → `Result<Reply<T>, ApiError>`. What requests
//! share (cache, GETs under way, the auth-failure hook, the quota left) is the panel's `FetchState`,
//! owned by its session.

mod browser;
mod client;
mod error;
mod fetch_state;
pub mod jobs;
mod page_scope;
pub mod policy;

pub use browser::{fetch_text, sleep_ms};
pub use client::{ApiClient, DEFAULT_TIMEOUT_MS, MAX_REPLY_BYTES};
pub use error::ApiError;
pub use fetch_state::FetchState;
pub use page_scope::PageScope;
