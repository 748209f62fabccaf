//! Who is asking: the account of a request's `Authorization: token …`, as the API says it
//! (`GET /v1/account`), kept for at most a minute under a hash of the token. The one place that
//! decides who a request is from; a session of this server (`session::admit`) hands it the token
//! it keeps, in the request's `Authorization`.
//!
//! A token is never logged or put in a URL: only its SHA-256 is kept here, in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use kiubi_wire::models::Account;
use kiubi_wire::team::code;
use kiubi_wire::{error_code, Failure};
use sha2::{Digest, Sha256};

use crate::reply::Refusal;

/// How long the API's answer is trusted: a token revoked on the API stops working here within this.
pub const IDENTITY_LIFETIME: Duration = Duration::from_secs(60);
/// At most this many answers are kept; past it the expired ones go, then all (each is asked again).
const KEPT_IDENTITIES: usize = 10_000;

/// A token's SHA-256: what stands for a token in this server's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenKey([u8; 32]);

impl TokenKey {
    pub fn of(token: &str) -> TokenKey {
        TokenKey(Sha256::digest(token.as_bytes()).into())
    }
}

/// The token of `Authorization: token …`, if the request has one.
pub fn token_of(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get("authorization")?.to_str().ok()?;
    value.strip_prefix("token ").map(str::trim).filter(|t| !t.is_empty())
}

/// A request whose token the API knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The account's number, as the API gives it.
    pub account: String,
    pub key: TokenKey,
}

/// Asks the API who tokens are, and remembers the answers for `IDENTITY_LIFETIME`.
pub struct Identities {
    /// The API's address, without a trailing slash (`https://api.kiubi.com`).
    api: String,
    client: reqwest::Client,
    known: Mutex<HashMap<TokenKey, (String, Instant)>>,
}

impl Identities {
    pub fn new(api: &str, client: reqwest::Client) -> Identities {
        Identities { api: api.trim_end_matches('/').to_owned(), client, known: Mutex::default() }
    }

    /// Who sent `headers`: 401 without a well-formed token; the API's own refusal (403, 4311…) for
    /// a token it does not know; 502 when the API cannot be asked.
    pub async fn caller(&self, headers: &HeaderMap) -> Result<Caller, Refusal> {
        let Some(token) = token_of(headers) else {
            return Err(Refusal::new(StatusCode::UNAUTHORIZED, error_code::ACCESS_AUTH_NEEDED, "Jeton requis"));
        };
        let account = self.account_of(token).await?;
        Ok(Caller { account, key: TokenKey::of(token) })
    }

    /// The account `token` opens, as `caller` finds it.
    pub async fn account_of(&self, token: &str) -> Result<String, Refusal> {
        if !kiubi_wire::is_well_formed_token(token) {
            return Err(Refusal::new(StatusCode::UNAUTHORIZED, error_code::ACCESS_TOKEN, "Jeton invalide"));
        }
        let key = TokenKey::of(token);
        if let Some(account) = self.remembered(key) {
            return Ok(account);
        }
        let account = self.ask(token).await?;
        self.remember(key, &account);
        Ok(account)
    }

    fn remembered(&self, key: TokenKey) -> Option<String> {
        let known = self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        known.get(&key).filter(|(_, at)| at.elapsed() < IDENTITY_LIFETIME).map(|(account, _)| account.clone())
    }

    fn remember(&self, key: TokenKey, account: &str) {
        let mut known = self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if known.len() >= KEPT_IDENTITIES {
            known.retain(|_, (_, at)| at.elapsed() < IDENTITY_LIFETIME);
            if known.len() >= KEPT_IDENTITIES {
                known.clear();
            }
        }
        known.insert(key, (account.to_owned(), Instant::now()));
    }

    /// The account of `token`, from `GET /v1/account.json` (the token in its header only).
    async fn ask(&self, token: &str) -> Result<String, Refusal> {
        let unreachable =
            || Refusal::new(StatusCode::BAD_GATEWAY, code::API_UNREACHABLE, "L'API n'a pas pu identifier ce jeton");
        let reply = self
            .client
            .get(format!("{}{}", self.api, kiubi_wire::paths::account()))
            .header("Authorization", format!("token {token}"))
            .send()
            .await
            .map_err(|_| unreachable())?;
        let status = reply.status();
        let body = reply.text().await.map_err(|_| unreachable())?;
        match kiubi_wire::decode::<Account>(&body) {
            Ok(reply) => Some(reply.data.account_number).filter(|n| !n.is_empty()).ok_or_else(unreachable),
            Err(Failure::Api { error, .. }) if error_code::is_auth_failure(error.code) => {
                Err(Refusal::new(StatusCode::FORBIDDEN, error.code, error.message))
            }
            Err(_) if status == StatusCode::TOO_MANY_REQUESTS => Err(Refusal::new(
                StatusCode::TOO_MANY_REQUESTS,
                error_code::ACCESS_ABUSE,
                "Quota de requêtes de l'API dépassé, réessayez dans une minute",
            )),
            Err(_) => Err(unreachable()),
        }
    }
}

/// Requests per token (or per other key, such as an address) per minute: a fixed window per hash.
pub struct RateLimit {
    per_minute: u32,
    /// Said to whoever went over.
    refusal: &'static str,
    windows: Mutex<HashMap<TokenKey, (Instant, u32)>>,
}

impl RateLimit {
    pub fn new(per_minute: u32, refusal: &'static str) -> RateLimit {
        RateLimit { per_minute, refusal, windows: Mutex::default() }
    }

    /// Counts a request of `key`; a refusal once the minute's are spent.
    pub fn count(&self, key: TokenKey) -> Result<(), Refusal> {
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() >= KEPT_IDENTITIES {
            windows.retain(|_, (start, _)| start.elapsed() < Duration::from_secs(60));
        }
        let (start, used) = windows.entry(key).or_insert((Instant::now(), 0));
        if start.elapsed() >= Duration::from_secs(60) {
            (*start, *used) = (Instant::now(), 0);
        }
        if *used >= self.per_minute {
            return Err(Refusal::new(StatusCode::TOO_MANY_REQUESTS, code::TOO_MANY_REQUESTS, self.refusal));
        }
        *used += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_comes_from_its_header_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(token_of(&headers), None);
        headers.insert("authorization", "Bearer abc".parse().unwrap());
        assert_eq!(token_of(&headers), None, "the API's word is `token`");
        headers.insert("authorization", "token abc ".parse().unwrap());
        assert_eq!(token_of(&headers), Some("abc"));
    }

    #[test]
    fn a_token_s_requests_are_counted_per_minute() {
        let limit = RateLimit::new(2, "trop");
        let (a, b) = (TokenKey::of("a"), TokenKey::of("b"));
        assert!(limit.count(a).is_ok() && limit.count(a).is_ok());
        assert_eq!(limit.count(a).map_err(|r| r.code), Err(code::TOO_MANY_REQUESTS));
        assert!(limit.count(b).is_ok(), "another token has its own");
    }
}
