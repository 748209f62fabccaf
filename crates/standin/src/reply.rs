//! Building replies in the `{meta, data, error}` envelope. Successes always carry `status_code` 200
//! (the official clients treat anything else as a failure); errors carry a French message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kiubi_wire::{error_code, Envelope, ErrorBody, FieldError, Links, Meta};
use serde::Serialize;

/// A refusal, turned into an error envelope with its HTTP status.
#[derive(Debug)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: i64,
    pub message: String,
    pub fields: Vec<FieldError>,
    pub rate_remaining: Option<i64>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: i64, message: impl Into<String>) -> ApiFailure {
        ApiFailure { status, code, message: message.into(), fields: Vec::new(), rate_remaining: None }
    }

    /// Several fields refused at once: 4001 when one is missing, 4002 otherwise.
    pub fn fields(code: i64, fields: Vec<FieldError>) -> ApiFailure {
        let message =
            if code == error_code::REQUIRED_PARAMS { "Paramètres manquants" } else { "Paramètres invalides" };
        ApiFailure { fields, ..ApiFailure::new(StatusCode::BAD_REQUEST, code, message) }
    }

    pub fn missing(field: &str) -> ApiFailure {
        let message = kiubi_wire::validate::Invalid::Required.message_fr();
        ApiFailure::fields(error_code::REQUIRED_PARAMS, vec![FieldError { field: field.to_owned(), message }])
    }

    pub fn unexpected() -> ApiFailure {
        ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, error_code::SYS_UNEXPECTED_ERROR, "Erreur inattendue")
    }

    /// The request quota is spent (4300): nothing remains until the window turns.
    pub fn rate_limited() -> ApiFailure {
        ApiFailure {
            rate_remaining: Some(0),
            ..ApiFailure::new(
                StatusCode::TOO_MANY_REQUESTS,
                error_code::ACCESS_ABUSE,
                "Quota de requêtes dépassé, réessayez dans une minute",
            )
        }
    }

    pub fn not_found() -> ApiFailure {
        ApiFailure::new(StatusCode::NOT_FOUND, error_code::UNKNOWN_RESOURCE, "Ressource inconnue")
    }

    /// One invalid parameter (4002).
    pub fn invalid(field: &str, message: &str) -> ApiFailure {
        let field = FieldError { field: field.to_owned(), message: message.to_owned() };
        ApiFailure::fields(error_code::PARAMS_VALIDATION, vec![field])
    }
}

impl From<rusqlite::Error> for ApiFailure {
    fn from(_: rusqlite::Error) -> ApiFailure {
        ApiFailure::unexpected()
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let envelope: Envelope<()> = Envelope {
            meta: Meta {
                success: false,
                status_code: i64::from(self.status.as_u16()),
                rate_remaining: self.rate_remaining,
                ..Meta::default()
            },
            data: None,
            error: Some(ErrorBody { code: self.code, message: self.message, fields: self.fields }),
        };
        (self.status, Json(envelope)).into_response()
    }
}

/// A success carrying `data`.
pub fn ok<T: Serialize>(rate_remaining: i64, data: T) -> Response {
    let meta = Meta { success: true, status_code: 200, rate_remaining: Some(rate_remaining), ..Meta::default() };
    Json(Envelope { meta, data: Some(data), error: None }).into_response()
}

/// A page of a list, with its links, page number and total count.
pub fn page<T: Serialize>(rate_remaining: i64, data: Vec<T>, page: &PageLinks) -> Response {
    let meta = Meta {
        rate_remaining: Some(rate_remaining),
        link: Some(page.links()),
        current_page: Some(i64::from(page.current)),
        items_count: Some(page.items_count as i64),
        success: true,
        status_code: 200,
    };
    Json(Envelope { meta, data: Some(data), error: None }).into_response()
}

/// What `meta.link` is made of: the list's path, its query without `page`, and where we are.
pub struct PageLinks {
    /// Root-relative `.json` path with the query string of the request minus `page`, e.g.
    /// `/v1/sites.json?limit=20&sort=code_site`; always holds a `?` since clients append `&page=N`.
    pub first: String,
    pub current: u32,
    pub last: u32,
    pub items_count: u64,
}

impl PageLinks {
    pub fn new(path: &str, query: &[(String, String)], limit: u32, current: u32, items_count: u64) -> PageLinks {
        let kept: Vec<(&str, &str)> =
            query.iter().filter(|(k, _)| k != "page").map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let encoded = kiubi_wire::encoding::form_urlencode(&kept);
        let first = if encoded.is_empty() { format!("{path}?limit={limit}") } else { format!("{path}?{encoded}") };
        let last = (items_count.div_ceil(u64::from(limit.max(1))) as u32).saturating_sub(1);
        PageLinks { first, current, last, items_count }
    }

    fn at(&self, page: u32) -> String {
        format!("{}&page={page}", self.first)
    }

    fn links(&self) -> Links {
        Links {
            first_page: Some(self.first.clone()),
            previous_page: (self.current > 0).then(|| self.at(self.current.min(self.last + 1) - 1)),
            next_page: (self.current < self.last).then(|| self.at(self.current + 1)),
            last_page: Some(self.at(self.last)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn links_keep_the_query_but_not_the_page() {
        let p =
            PageLinks::new("/v1/sites.json", &q(&[("sort", "-code_site"), ("page", "1"), ("limit", "20")]), 20, 1, 53);
        let links = p.links();
        assert_eq!(links.first_page.as_deref(), Some("/v1/sites.json?sort=-code_site&limit=20"));
        assert_eq!(links.previous_page.as_deref(), Some("/v1/sites.json?sort=-code_site&limit=20&page=0"));
        assert_eq!(links.next_page.as_deref(), Some("/v1/sites.json?sort=-code_site&limit=20&page=2"));
        assert_eq!(links.last_page.as_deref(), Some("/v1/sites.json?sort=-code_site&limit=20&page=2"));
    }

    #[test]
    fn first_page_always_has_a_query_and_ends_are_absent() {
        let links = PageLinks::new("/v1/sites.json", &[], 20, 0, 5).links();
        assert_eq!(links.first_page.as_deref(), Some("/v1/sites.json?limit=20"));
        assert_eq!((links.previous_page, links.next_page), (None, None));
    }
}
