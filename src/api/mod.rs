//! The shared fetch layer: one typed client for every endpoint.
//!
//! A request travels as `ApiClient::<endpoint>()` → `ApiClient::get` (URL, `Authorization: token …`,
//! timeout) → `kiubi_wire::decode` (envelope, `meta.status_code`) → `Result<Reply<T>, ApiError>`.

mod client;
mod error;

pub use client::ApiClient;
pub use error::ApiError;
