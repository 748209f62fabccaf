use gloo_net::http::Request;
use kiubi_wire::models::Site;
use kiubi_wire::params::{form_urlencode, SitesQuery};
use kiubi_wire::{error_code, paths, Failure, Reply};
use serde::de::DeserializeOwned;

use super::ApiError;

/// Every request gives up after this long (the API's slowest calls answer in a few seconds).
const TIMEOUT_MS: u32 = 15_000;

/// A client for one API base URL and one token. Cheap to clone; pages get it from the session.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    /// Origin (and optional path prefix) before `/v1/…`; empty means the panel's own origin.
    base: String,
    token: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> ApiClient {
        ApiClient { base: base.into().trim_end_matches('/').to_owned(), token: token.into() }
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> String {
        let mut url = format!("{}{}", self.base, path);
        if !query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&form_urlencode(query));
        }
        url
    }

    /// A GET with a query string; the token travels only in the `Authorization` header.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<Reply<T>, ApiError> {
        let timeout = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
        let transport_error = |e: gloo_net::Error| {
            if timeout.aborted() {
                ApiError::Timeout
            } else {
                ApiError::Network(e.to_string())
            }
        };
        let response = Request::get(&self.url(path, query))
            .header("Authorization", &format!("token {}", self.token))
            .abort_signal(Some(&timeout))
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let body = response.text().await.map_err(transport_error)?;
        kiubi_wire::decode(&body).map_err(|failure| match failure {
            // A proxy's HTML error page: keep the HTTP status, as Kiubi's back office does with 5007.
            Failure::Undecodable(_) if status != 200 => ApiError::Api {
                http_status: status,
                code: error_code::SYS_UNEXPECTED_ERROR,
                message: String::new(),
                fields: Vec::new(),
            },
            failure => ApiError::from_failure(status, failure),
        })
    }

    /// `GET /v1/sites.json`.
    pub async fn sites(&self, query: &SitesQuery) -> Result<Reply<Vec<Site>>, ApiError> {
        self.get(&paths::sites(), &query.to_pairs()).await
    }
}
