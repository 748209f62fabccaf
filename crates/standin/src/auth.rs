//! `Authorization: token <key>` and the per-key rate counter behind `meta.rate_remaining`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use kiubi_wire::error_code;
use rusqlite::OptionalExtension;

use crate::reply::ApiFailure;
use crate::AppState;

/// The rate window; the quota is per key and per window.
const RATE_WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    quota: u32,
    used: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(quota: u32) -> RateLimiter {
        RateLimiter { quota, used: Mutex::new(HashMap::new()) }
    }

    /// Counts one call; the calls left in the window, or `None` past the quota.
    pub fn take(&self, key: &str) -> Option<i64> {
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let entry = used.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= RATE_WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.quota {
            return None;
        }
        entry.1 += 1;
        Some(i64::from(self.quota - entry.1))
    }
}

/// The authenticated caller of a request.
pub struct Caller {
    pub account_number: String,
    pub rate_remaining: i64,
}

impl Caller {
    /// Marks a failure with the caller's remaining quota, as every reply carries it.
    pub fn fail(&self, mut failure: ApiFailure) -> ApiFailure {
        failure.rate_remaining = Some(self.rate_remaining);
        failure
    }
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Caller, ApiFailure> {
        let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
        let Some(header) = header.filter(|h| !h.is_empty()) else {
            return Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                error_code::ACCESS_AUTH_NEEDED,
                "Authentification requise",
            ));
        };
        let bad_token =
            || ApiFailure::new(StatusCode::FORBIDDEN, error_code::ACCESS_TOKEN, "Jeton d'accès invalide ou expiré");
        let token = match header.split_once(' ') {
            Some((scheme, token)) if scheme == "token" && kiubi_wire::is_well_formed_token(token.trim()) => {
                token.trim().to_owned()
            }
            _ => return Err(bad_token()),
        };
        let lookup = token.clone();
        let account_number = state
            .db
            .call(move |conn| {
                conn.query_row("SELECT account_number FROM api_keys WHERE key = ?1", [lookup], |r| {
                    r.get::<_, String>(0)
                })
                .optional()
            })
            .await?
            .ok_or_else(bad_token)?;
        let rate_remaining = state.rate.take(&token).ok_or_else(|| ApiFailure {
            rate_remaining: Some(0),
            ..ApiFailure::new(
                StatusCode::TOO_MANY_REQUESTS,
                error_code::ACCESS_ABUSE,
                "Quota de requêtes dépassé, réessayez dans une minute",
            )
        })?;
        Ok(Caller { account_number, rate_remaining })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_counts_down_then_refuses() {
        let limiter = RateLimiter::new(2);
        assert_eq!(limiter.take("k"), Some(1));
        assert_eq!(limiter.take("k"), Some(0));
        assert_eq!(limiter.take("k"), None);
        assert_eq!(limiter.take("other"), Some(1));
    }
}
