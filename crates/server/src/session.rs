//! Sign-in through the server, so that the browser never holds the Kiubi token (the
//! backend-for-frontend pattern; the protocol is `kiubi_wire::team`'s `SESSION_PATH`).
//!
//! A session is two secrets the browser holds apart: an `HttpOnly; Secure; SameSite=Strict` cookie
//! that no script of the page can read, and a proof (a token's form) the panel sends where it sends a
//! token. The cookie counts only with its proof and from the same site (`Sec-Fetch-Site`), which a
//! cross-site form or image cannot give; `admit` then puts the sealed token in the proof's place, so
//! the proxy and the workspace go on reading `Authorization` as before. Without them the cookie is
//! ignored: it never adds to what a request could do without it.
//!
//! The store keeps a session under the SHA-256 of its cookie and of its proof, the token sealed with
//! XChaCha20-Poly1305 under the server's key (bound to the session's hash). A session ends after
//! `Limits::idle` without a request, `Limits::max_age` after its sign-in, at sign-out, or when the
//! key changes. Nothing of a session is logged.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Form, Router};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use kiubi_wire::models::IssuedToken;
use kiubi_wire::team::{code, SESSION_END_PATH, SESSION_PATH};
use kiubi_wire::{error_code, Failure};
use sha2::{Digest, Sha256};

use crate::identity::{token_of, RateLimit, TokenKey};
use crate::proxy::Upstream;
use crate::reply::{ok, Refusal};
use crate::store::{now, SessionRow};
use crate::workspace::Team;

/// The cookie: `__Host-` makes the browser keep it only when `Secure`, for this host and `Path=/`.
pub const COOKIE: &str = "__Host-kiubi-session";
/// Sign-ins per login (or API key) per minute, right or wrong (the API throttles wrong passwords
/// too)…
const SIGN_INS_PER_MINUTE: u32 = 20;
/// …and per address: behind a proxy every user has the proxy's, so it is the larger.
const SIGN_INS_PER_ADDRESS: u32 = 200;
/// A session's last request is noted at most this often (seconds): a write per request would do.
const SEEN_EVERY: i64 = 60;

/// How long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Without a request.
    pub idle: Duration,
    /// After its sign-in, used or not.
    pub max_age: Duration,
}

impl Default for Limits {
    /// The panel's own "stay signed in" limits (`session::IDLE_LIMIT_MS`, `MAX_AGE_MS`).
    fn default() -> Limits {
        Limits { idle: Duration::from_secs(3 * 86_400), max_age: Duration::from_secs(30 * 86_400) }
    }
}

impl Limits {
    /// Whether a session begun at `created_at` and last seen at `seen_at` is still open at `at`
    /// (seconds since 1970).
    pub fn is_open(&self, created_at: i64, seen_at: i64, at: i64) -> bool {
        at - seen_at <= self.idle.as_secs() as i64 && at - created_at <= self.max_age.as_secs() as i64
    }
}

/// The key that seals the tokens: 32 bytes, written as 64 hexadecimal characters. Never shown.
#[derive(Clone)]
pub struct SessionKey([u8; 32]);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(…)")
    }
}

impl SessionKey {
    /// A new key from the operating system's random source.
    pub fn random() -> SessionKey {
        SessionKey(random_bytes())
    }

    /// A key written as 64 hexadecimal characters (surrounding blanks allowed).
    pub fn from_hex(text: &str) -> Result<SessionKey, String> {
        let bytes = from_hex(text.trim()).filter(|b| b.len() == 32);
        let bytes = bytes.ok_or("a session key is 64 hexadecimal characters (32 bytes)")?;
        Ok(SessionKey(bytes.try_into().unwrap_or([0; 32])))
    }

    /// The key in `path`, made there (readable by its owner only) when the file does not exist.
    pub fn load_or_create(path: &Path) -> Result<SessionKey, String> {
        let said = |e: &dyn std::fmt::Display| format!("session key {}: {e}", path.display());
        match std::fs::read_to_string(path) {
            Ok(text) => SessionKey::from_hex(&text).map_err(|e| said(&e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = SessionKey::random();
                write_private(path, &to_hex(&key.0)).map_err(|e| said(&e))?;
                Ok(key)
            }
            Err(e) => Err(said(&e)),
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    /// `token` sealed for the session `id_hash` (a nonce, then the ciphertext, in hex).
    fn seal(&self, token: &str, id_hash: &str) -> String {
        let nonce: [u8; 24] = random_bytes();
        let payload = Payload { msg: token.as_bytes(), aad: id_hash.as_bytes() };
        let sealed = self.cipher().encrypt(XNonce::from_slice(&nonce), payload).unwrap_or_default();
        to_hex(&[&nonce[..], &sealed].concat())
    }

    /// The token `seal` sealed for `id_hash`; `None` under another key, or for another session.
    fn open(&self, sealed: &str, id_hash: &str) -> Option<String> {
        let bytes = from_hex(sealed).filter(|b| b.len() > 24)?;
        let (nonce, sealed) = bytes.split_at(24);
        let payload = Payload { msg: sealed, aad: id_hash.as_bytes() };
        let token = self.cipher().decrypt(XNonce::from_slice(nonce), payload).ok()?;
        String::from_utf8(token).ok()
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    // The operating system's source failing leaves nothing safe to do.
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// SHA-256 of a secret, in hex: what the store keeps of a cookie or a proof.
pub fn hash_of(secret: &str) -> String {
    to_hex(&Sha256::digest(secret.as_bytes()))
}

/// Equal texts, in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

/// The session cookie's value, if the request carries one.
pub fn cookie_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` of a session `id` lasting `max_age`; `None`: the cookie ends now.
fn set_cookie(id: Option<&str>, max_age: Duration) -> HeaderValue {
    let (value, seconds) = id.map_or(("", 0), |id| (id, max_age.as_secs()));
    let cookie = format!("{COOKIE}={value}; Path=/; Max-Age={seconds}; HttpOnly; Secure; SameSite=Strict");
    HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static(""))
}

/// What sessions need: the store and the API's identities (the team's), the API, the key.
pub struct Sessions {
    team: Arc<Team>,
    upstream: Arc<Upstream>,
    key: SessionKey,
    limits: Limits,
    /// Per login or key.
    sign_ins: RateLimit,
    sign_ins_from: RateLimit,
}

fn store_failed(error: &crate::StoreError) -> Refusal {
    eprintln!("session store: {error}");
    Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, code::STORE_FAILED, "Les sessions sont indisponibles")
}

/// What a request's session cookie comes to.
#[derive(Debug, PartialEq, Eq)]
pub enum Admitted {
    /// An open session, with its proof, from the panel's own site: its Kiubi token.
    Token(String),
    /// Without the session's proof, or from another site: the cookie adds nothing to the request,
    /// which goes on with what it carries (a host's own token, say, or nothing).
    Ignored,
    /// No such session, or one past its limits (now ended), or sealed under another key: the
    /// browser is told to drop the cookie; a proof it carries is no token, and the API says so.
    Ended,
}

impl Sessions {
    pub fn new(team: Arc<Team>, upstream: Arc<Upstream>, key: SessionKey, limits: Limits) -> Sessions {
        let (of_one, from_one) = (
            "Trop de connexions à ce compte, réessayez dans une minute",
            "Trop de connexions depuis cette adresse, réessayez dans une minute",
        );
        let sign_ins = RateLimit::new(SIGN_INS_PER_MINUTE, of_one);
        let sign_ins_from = RateLimit::new(SIGN_INS_PER_ADDRESS, from_one);
        Sessions { team, upstream, key, limits, sign_ins, sign_ins_from }
    }

    /// What the session cookie `id` of a request with `headers` comes to. The cookie alone never
    /// grants anything, so that neither another site (SameSite aside) nor a script without the proof
    /// can use it.
    pub async fn admitted(&self, id: &str, headers: &HeaderMap) -> Result<Admitted, Refusal> {
        let id_hash = hash_of(id);
        let Some(row) = self.team.store.session(&id_hash).await.map_err(|e| store_failed(&e))? else {
            return Ok(Admitted::Ended);
        };
        let at = now();
        let token = self.key.open(&row.sealed_token, &id_hash);
        let Some(token) = token.filter(|_| self.limits.is_open(row.created_at, row.seen_at, at)) else {
            self.team.store.end_session(&id_hash).await.map_err(|e| store_failed(&e))?;
            return Ok(Admitted::Ended);
        };
        let same_site = headers.get("sec-fetch-site").is_none_or(|site| site == "same-origin");
        let proven = token_of(headers).is_some_and(|proof| same(&row.proof_hash, &hash_of(proof)));
        if !(same_site && proven) {
            return Ok(Admitted::Ignored);
        }
        if at - row.seen_at >= SEEN_EVERY {
            self.team.store.touch_session(&id_hash, at).await.map_err(|e| store_failed(&e))?;
        }
        Ok(Admitted::Token(token))
    }

    /// A new session for `token`: its cookie's value and its proof.
    async fn open(&self, token: &str) -> Result<(String, String), Refusal> {
        let at = now();
        let (seen_before, created_before) =
            (at - self.limits.idle.as_secs() as i64, at - self.limits.max_age.as_secs() as i64);
        // Sessions nobody ended go as new ones come.
        self.team.store.end_sessions_before(seen_before, created_before).await.map_err(|e| store_failed(&e))?;
        let (id, proof) = (to_hex(&random_bytes::<32>()), to_hex(&random_bytes::<20>()));
        let id_hash = hash_of(&id);
        let sealed_token = self.key.seal(token, &id_hash);
        let row = SessionRow { id_hash, proof_hash: hash_of(&proof), sealed_token, created_at: at, seen_at: at };
        self.team.store.create_session(&row).await.map_err(|e| store_failed(&e))?;
        Ok((id, proof))
    }

    /// The token `login` and `password` get from the API, or the API's refusal as it said it.
    async fn token_for_login(&self, login: &str, password: &str) -> Result<String, Refusal> {
        let unreachable =
            || Refusal::new(StatusCode::BAD_GATEWAY, code::API_UNREACHABLE, "L'API n'a pas pu être jointe");
        let url = self.upstream.url(&kiubi_wire::paths::auth_token());
        let request = self.upstream.client().post(url).form(&[("login", login), ("password", password)]);
        let reply = request.send().await.map_err(|_| unreachable())?;
        let status = reply.status();
        let body = reply.text().await.map_err(|_| unreachable())?;
        match kiubi_wire::decode::<IssuedToken>(&body) {
            Ok(issued) if kiubi_wire::is_well_formed_token(&issued.data.token) => Ok(issued.data.token),
            Err(Failure::Api { error, .. }) => Err(Refusal::new(status, error.code, error.message)),
            _ => Err(unreachable()),
        }
    }
}

/// In front of `/v1` and the workspace: a request with its session's cookie and proof goes on with
/// the session's token in the proof's place; the cookie itself never goes further.
pub async fn admit(State(sessions): State<Arc<Sessions>>, mut request: Request, next: Next) -> Response {
    let Some(id) = cookie_of(request.headers()).map(str::to_owned) else {
        return next.run(request).await;
    };
    let admitted = match sessions.admitted(&id, request.headers()).await {
        Ok(admitted) => admitted,
        Err(refusal) => return refusal.into_response(),
    };
    let headers = request.headers_mut();
    headers.remove(header::COOKIE);
    if let Admitted::Token(token) = &admitted {
        // A token the API gave is printable ASCII; one that is not reaches nothing.
        headers.remove(header::AUTHORIZATION);
        if let Ok(value) = HeaderValue::from_str(&format!("token {token}")) {
            headers.insert(header::AUTHORIZATION, value);
        }
    }
    let mut response = next.run(request).await;
    if admitted == Admitted::Ended {
        response.headers_mut().insert(header::SET_COOKIE, set_cookie(None, Duration::ZERO));
    }
    response
}

/// Signing in and out.
pub fn routes(sessions: Arc<Sessions>) -> Router {
    Router::new()
        .route(SESSION_PATH, post(sign_in))
        .route(SESSION_END_PATH, post(sign_out))
        .layer(axum::extract::DefaultBodyLimit::max(16 * 1024))
        .with_state(sessions)
        .layer(axum::middleware::from_fn(crate::proxy::api_reply_headers))
}

#[derive(serde::Deserialize)]
struct SignIn {
    login: Option<String>,
    password: Option<String>,
    api_key: Option<String>,
}

async fn sign_in(
    State(sessions): State<Arc<Sessions>>,
    from: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    form: Result<Form<SignIn>, FormRejection>,
) -> Response {
    let address = from.map(|Extension(ConnectInfo(addr))| addr.ip().to_string()).unwrap_or_default();
    // In the envelope, so that the panel reads it as the server's refusal, not as "no server here".
    let Ok(Form(form)) = form else {
        let message = "Formulaire de connexion illisible";
        return Refusal::new(StatusCode::BAD_REQUEST, error_code::ACCESS_AUTH_NEEDED, message).into_response();
    };
    match signed_in(&sessions, &address, form).await {
        Ok((id, proof)) => {
            let mut response = ok(serde_json::json!({ "token": proof }));
            response.headers_mut().insert(header::SET_COOKIE, set_cookie(Some(&id), sessions.limits.max_age));
            response
        }
        Err(refusal) => refusal.into_response(),
    }
}

async fn signed_in(sessions: &Sessions, address: &str, form: SignIn) -> Result<(String, String), Refusal> {
    sessions.sign_ins_from.count(TokenKey::of(address))?;
    let token = match form {
        SignIn { api_key: Some(key), .. } => {
            let key = key.trim().to_ascii_lowercase();
            sessions.sign_ins.count(TokenKey::of(&key))?;
            key
        }
        SignIn { login: Some(login), password: Some(password), .. } => {
            sessions.sign_ins.count(TokenKey::of(&format!("login {}", login.trim().to_lowercase())))?;
            sessions.token_for_login(&login, &password).await?
        }
        _ => {
            let message = "Donnez « login » et « password », ou « api_key »";
            return Err(Refusal::new(StatusCode::BAD_REQUEST, error_code::ACCESS_AUTH_NEEDED, message));
        }
    };
    // The API says whether the token opens an account before any session is made for it.
    sessions.team.identities.account_of(&token).await?;
    sessions.open(&token).await
}

/// The session of the cookie ends, with its proof (the body) only, so that another site cannot end
/// it either.
async fn sign_out(State(sessions): State<Arc<Sessions>>, mut headers: HeaderMap, proof: String) -> Response {
    let (Some(id), Ok(proof)) =
        (cookie_of(&headers).map(str::to_owned), HeaderValue::from_str(&format!("token {proof}")))
    else {
        return ok(serde_json::json!({}));
    };
    headers.insert(header::AUTHORIZATION, proof);
    match sessions.admitted(&id, &headers).await {
        Ok(Admitted::Token(_)) => {
            if let Err(e) = sessions.team.store.end_session(&hash_of(&id)).await {
                return store_failed(&e).into_response();
            }
        }
        Ok(Admitted::Ended) => {}
        Ok(Admitted::Ignored) => return ok(serde_json::json!({})),
        Err(refusal) => return refusal.into_response(),
    }
    let mut response = ok(serde_json::json!({}));
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(None, Duration::ZERO));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_token_opens_only_with_its_key_and_for_its_session() {
        let (key, other) = (SessionKey::random(), SessionKey::random());
        let sealed = key.seal("a1b2", "session-1");
        assert!(!sealed.contains("a1b2"));
        assert_eq!(key.open(&sealed, "session-1").as_deref(), Some("a1b2"));
        assert_eq!(key.open(&sealed, "session-2"), None, "bound to its session");
        assert_eq!(other.open(&sealed, "session-1"), None, "another key");
        assert_eq!(key.open("zz", "session-1"), None);
        assert_ne!(key.seal("a1b2", "session-1"), sealed, "a new nonce each time");
    }

    #[test]
    fn a_key_is_read_from_hex_and_never_shown() {
        let text = "0f".repeat(32);
        assert_eq!(SessionKey::from_hex(&format!(" {text}\n")).unwrap().0, [0x0f; 32]);
        for bad in ["", "0f", &"zz".repeat(32), &"0f".repeat(33)] {
            assert!(SessionKey::from_hex(bad).is_err(), "{bad}");
        }
        assert_eq!(format!("{:?}", SessionKey::from_hex(&text).unwrap()), "SessionKey(…)");
    }

    #[test]
    fn a_session_is_open_within_both_limits() {
        let limits = Limits { idle: Duration::from_secs(10), max_age: Duration::from_secs(100) };
        assert!(limits.is_open(0, 0, 10));
        assert!(!limits.is_open(0, 0, 11), "idle");
        assert!(limits.is_open(0, 95, 100));
        assert!(!limits.is_open(0, 95, 101), "too old, though used");
    }

    #[test]
    fn the_cookie_is_found_among_others_and_set_with_its_flags() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "a=1; __Host-kiubi-session=abc; b=2".parse().unwrap());
        assert_eq!(cookie_of(&headers), Some("abc"));
        let set = set_cookie(Some("abc"), Duration::from_secs(60));
        assert_eq!(set, "__Host-kiubi-session=abc; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict");
        assert!(set_cookie(None, Duration::from_secs(60)).to_str().unwrap().contains("=; Path=/; Max-Age=0;"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd") && !same("abc", "ab"));
    }
}
