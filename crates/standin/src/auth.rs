//! `Authorization: token <key>` and the per-key rate counter behind `meta.rate_remaining`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use kiubi_wire::enums::Scope;
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

    /// The calls left in the window, without counting one.
    pub fn remaining(&self, key: &str) -> i64 {
        let used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        match used.get(key) {
            Some((start, count)) if start.elapsed() < RATE_WINDOW => i64::from(self.quota.saturating_sub(*count)),
            _ => i64::from(self.quota),
        }
    }
}

/// The authenticated caller of a request.
pub struct Caller {
    pub token: String,
    pub account_number: String,
    pub rate_remaining: i64,
    /// The scopes granted to the key; `None`: every scope.
    pub scopes: Option<Vec<String>>,
}

/// The scope a site's route needs, by the area after `/sites/{code_site}/` (the stand-in's choice,
/// after Kiubi's back office: backups need `site:backup`, the subscription `site:subscription`).
pub fn scope_of_route(path: &str) -> Option<Scope> {
    let area = path.trim_start_matches("/v1").split('/').nth(3)?;
    match area.trim_end_matches(".json") {
        "backups" => Some(Scope::Backup),
        "subscriptions" => Some(Scope::Subscription),
        _ => None,
    }
}

impl Caller {
    /// The reply of a handler: its success, or its failure marked with the caller's remaining quota,
    /// as every reply carries it.
    pub fn respond(&self, result: Result<Response, ApiFailure>) -> Response {
        result.unwrap_or_else(|mut failure| {
            failure.rate_remaining = Some(self.rate_remaining);
            failure.into_response()
        })
    }

    /// Whether the key was granted `scope`.
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.as_ref().is_none_or(|granted| granted.iter().any(|g| g == scope.as_str()))
    }

    /// 4312 unless the key was granted `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), ApiFailure> {
        if self.may(scope) {
            Ok(())
        } else {
            Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                error_code::ACCESS_INSUFFICIENT_SCOPE,
                format!("Droits insuffisants : {}", scope.as_str()),
            ))
        }
    }

    /// A success carrying `data`.
    pub fn ok<T: serde::Serialize>(&self, data: T) -> Result<Response, ApiFailure> {
        Ok(crate::reply::ok(self.rate_remaining, data))
    }

    /// Checks that `code_site` exists (4401) and belongs to the caller's account (4310).
    pub async fn own_site(&self, state: &AppState, code_site: &str) -> Result<(), ApiFailure> {
        let code = code_site.to_owned();
        let owner = state
            .db
            .call(move |conn| {
                conn.query_row("SELECT account_number FROM sites WHERE code_site = ?1", [code], |r| {
                    r.get::<_, String>(0)
                })
                .optional()
            })
            .await?;
        match owner {
            None => Err(ApiFailure::new(StatusCode::NOT_FOUND, error_code::UNKNOWN_RESOURCE, "Site inconnu")),
            Some(owner) if owner != self.account_number => Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                error_code::ACCESS_NOT_YOURS,
                "Ce site n'appartient pas à votre compte",
            )),
            Some(_) => Ok(()),
        }
    }
}

/// Checks the `Authorization` header; `charge` counts the call against the key's quota.
async fn authenticate(parts: &Parts, state: &AppState, charge: bool) -> Result<Caller, ApiFailure> {
    let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
    let Some(header) = header.filter(|h| !h.is_empty()) else {
        return Err(ApiFailure::new(StatusCode::FORBIDDEN, error_code::ACCESS_AUTH_NEEDED, "Authentification requise"));
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
    let (account_number, scopes) = state
        .db
        .call(move |conn| {
            conn.query_row(
                "SELECT k.account_number, s.scopes FROM api_keys k LEFT JOIN key_scopes s ON s.key = k.key
                 WHERE k.key_hash = ?1 AND (k.expires_at IS NULL OR k.expires_at > ?2)",
                rusqlite::params![key_hash(&lookup), now_secs()],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
            )
            .optional()
        })
        .await?
        .ok_or_else(bad_token)?;
    let scopes = scopes.map(|list| list.split(',').map(str::to_owned).collect());
    let rate_remaining = if charge { state.rate.take(&token) } else { Some(state.rate.remaining(&token)) };
    let rate_remaining = rate_remaining.ok_or_else(ApiFailure::rate_limited)?;
    Ok(Caller { token, account_number, rate_remaining, scopes })
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Caller, ApiFailure> {
        let charged = !parts.headers.contains_key(crate::protocol::IDENTITY_HEADER);
        authenticate(parts, state, charged).await
    }
}

/// The caller and one of their sites, from the route's `{code_site}`: 4401 when the site does not
/// exist, 4310 when it belongs to another account.
pub struct SiteCaller {
    pub caller: Caller,
    pub code: String,
}

impl FromRequestParts<Arc<AppState>> for SiteCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<SiteCaller, Response> {
        let caller = Caller::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let params =
            axum::extract::Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state).await;
        let code = params.ok().and_then(|axum::extract::Path(mut p)| p.remove("code_site"));
        let checked = match code {
            Some(code) => caller.own_site(state, &code).await.map(|()| code),
            None => Err(ApiFailure::not_found()),
        };
        // The site's own, then the scope its area needs.
        let checked = checked.and_then(|code| match scope_of_route(parts.uri.path()) {
            Some(scope) => caller.require(scope).map(|()| code),
            None => Ok(code),
        });
        match checked {
            Ok(code) => Ok(SiteCaller { caller, code }),
            Err(failure) => Err(caller.respond(Err(failure))),
        }
    }
}

/// An authenticated caller whose call is not counted (`GET /v1/rate`).
pub struct RateProbe {
    pub rate_remaining: i64,
}

impl FromRequestParts<Arc<AppState>> for RateProbe {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<RateProbe, ApiFailure> {
        Ok(RateProbe { rate_remaining: authenticate(parts, state, false).await?.rate_remaining })
    }
}

/// A key's SHA-256 in hex: requests are matched on it, so the time a comparison takes tells
/// nothing of the stored keys.
pub fn key_hash(key: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(key.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds since 1970.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Random bytes from the operating system's source.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes
}

/// A password as stored: Argon2id with a random salt, in the PHC string format.
pub fn password_hash(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes are a salt");
    argon2::Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
}

/// Whether `password` is the one `stored` was made from; a stored value that is not a hash this
/// stand-in makes (a database of an earlier one) matches nothing.
pub fn password_matches(stored: &str, password: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(stored)
        .is_ok_and(|hash| argon2::Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A new token: 20 bytes of the operating system's random source, as 40 lowercase hex characters.
pub fn random_token() -> String {
    random_bytes::<20>().iter().map(|b| format!("{b:02x}")).collect()
}

/// How long a session opened with login and password lasts (API keys do not expire).
pub const SESSION_LIFETIME_SECS: i64 = 12 * 3600;

/// Failed sign-ins allowed per login, and per address, within `SIGN_IN_WINDOW`; then 429.
pub const FAILED_SIGN_INS_PER_LOGIN: u32 = 10;
pub const FAILED_SIGN_INS_PER_ADDRESS: u32 = 50;
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Failed sign-ins counted per login and per address, in a fixed window each.
#[derive(Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl SignInThrottle {
    fn count(&self, key: &str) -> u32 {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.get(key).filter(|(start, _)| start.elapsed() < SIGN_IN_WINDOW).map_or(0, |(_, n)| *n)
    }

    /// Whether `login` from `address` may try now.
    pub fn allows(&self, login: &str, address: &str) -> bool {
        self.count(&format!("login:{login}")) < FAILED_SIGN_INS_PER_LOGIN
            && self.count(&format!("address:{address}")) < FAILED_SIGN_INS_PER_ADDRESS
    }

    /// Counts a failed sign-in of `login` from `address`.
    pub fn failed(&self, login: &str, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > 100_000 {
            failures.retain(|_, (start, _)| start.elapsed() < SIGN_IN_WINDOW);
        }
        for key in [format!("login:{login}"), format!("address:{address}")] {
            let (start, n) = failures.entry(key).or_insert((Instant::now(), 0));
            if start.elapsed() >= SIGN_IN_WINDOW {
                (*start, *n) = (Instant::now(), 0);
            }
            *n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_sign_ins_are_throttled_per_login_and_per_address() {
        let throttle = SignInThrottle::default();
        for _ in 0..FAILED_SIGN_INS_PER_LOGIN {
            assert!(throttle.allows("demo", "10.0.0.1"));
            throttle.failed("demo", "10.0.0.1");
        }
        assert!(!throttle.allows("demo", "10.0.0.2"), "the login, from anywhere");
        assert!(throttle.allows("other", "10.0.0.1"), "another login from the same address, still");
        for i in 0..FAILED_SIGN_INS_PER_ADDRESS {
            throttle.failed(&format!("guess{i}"), "10.0.0.3");
        }
        assert!(!throttle.allows("fresh", "10.0.0.3"), "the address, whatever the login");
    }

    #[test]
    fn quota_counts_down_then_refuses() {
        let limiter = RateLimiter::new(2);
        assert_eq!(limiter.take("k"), Some(1));
        assert_eq!(limiter.take("k"), Some(0));
        assert_eq!(limiter.take("k"), None);
        assert_eq!(limiter.take("other"), Some(1));
        assert_eq!((limiter.remaining("k"), limiter.remaining("new")), (0, 2));
    }

    #[test]
    fn tokens_are_well_formed_and_distinct() {
        let (a, b) = (random_token(), random_token());
        assert!(kiubi_wire::is_well_formed_token(&a) && a != b);
        let (first, second) = (password_hash("p"), password_hash("p"));
        assert_ne!(first, second, "salted");
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert!(password_matches(&first, "p") && password_matches(&second, "p"));
        assert!(!password_matches(&first, "q") && !password_matches("5e88489…", "p"));
    }
}
