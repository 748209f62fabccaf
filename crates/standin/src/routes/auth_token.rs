//! Session tokens: sign-in with login and password, as Kiubi's back office does, and the check
//! that resumes a session.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use kiubi_wire::enums::Scope;
use kiubi_wire::error_code;
use kiubi_wire::lenient::Known;
use kiubi_wire::models::{AuthToken, AuthUser};
use rusqlite::{params, Connection, OptionalExtension};

use crate::auth::{key_hash, now_secs, password_matches, random_token, Caller, SESSION_LIFETIME_SECS};
use crate::params::Params;
use crate::reply::{self, ApiFailure};
use crate::AppState;

/// The user behind a token; an API key without a user acts as the account's administrator.
fn describe(conn: &Connection, token: &str) -> rusqlite::Result<Option<AuthToken>> {
    conn.query_row(
        "SELECT k.key, COALESCE(k.token_media, ''), COALESCE(u.user_id, 0), COALESCE(u.firstname, a.firstname),
            COALESCE(u.lastname, a.lastname), COALESCE(u.email, a.email), COALESCE(u.gender, 'M'), COALESCE(u.is_admin, 1)
         FROM api_keys k JOIN accounts a ON a.account_number = k.account_number
         LEFT JOIN users u ON u.user_id = k.user_id WHERE k.key = ?1",
        [token],
        |r| {
            Ok(AuthToken {
                token: r.get(0)?,
                token_media: r.get(1)?,
                user: AuthUser {
                    user_id: r.get(2)?,
                    firstname: r.get(3)?,
                    lastname: r.get(4)?,
                    avatar: String::new(),
                    email: r.get(5)?,
                    gender: r.get(6)?,
                    is_admin: r.get(7)?,
                    scopes: [Scope::Backup, Scope::Subscription, Scope::Account].map(Known::Value).into(),
                },
            })
        },
    )
    .optional()
}

/// `POST /v1/auth/token.json` with `login` and `password`: a new session token, for
/// `SESSION_LIFETIME_SECS`. Failed tries are throttled per login and per address (429, 4300).
pub async fn create(
    State(state): State<Arc<AppState>>,
    from: Option<Extension<ConnectInfo<SocketAddr>>>,
    params: Params,
) -> Response {
    let address = from.map(|Extension(ConnectInfo(addr))| addr.ip().to_string()).unwrap_or_default();
    let result: Result<Response, ApiFailure> = async {
        let login = params.text("login").ok_or_else(|| ApiFailure::missing("login"))?.to_owned();
        let password =
            params.raw("password").filter(|p| !p.is_empty()).ok_or_else(|| ApiFailure::missing("password"))?.to_owned();
        if !state.sign_ins.allows(&login, &address) {
            return Err(ApiFailure {
                rate_remaining: Some(0),
                ..ApiFailure::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    error_code::ACCESS_ABUSE,
                    "Trop de tentatives de connexion, réessayez dans 15 minutes",
                )
            });
        }
        let user_login = login.clone();
        let user: Option<(i64, String, String)> = state
            .db
            .call(move |conn| {
                conn.query_row(
                    "SELECT user_id, account_number, password_hash FROM users WHERE login = ?1",
                    [&user_login],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
            })
            .await?;
        // Checked off the async threads: the hash is slow on purpose.
        let known = tokio::task::spawn_blocking(move || {
            user.filter(|(_, _, stored)| password_matches(stored, &password)).map(|(id, account, _)| (id, account))
        })
        .await
        .map_err(|_| ApiFailure::unexpected())?;
        let Some((user_id, account)) = known else {
            state.sign_ins.failed(&login, &address);
            return Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                error_code::ACCESS_IDENTIFICATION_FAILED,
                "Identifiant ou mot de passe incorrect",
            ));
        };
        let described = state
            .db
            .call(move |conn| {
                let token = random_token();
                conn.execute(
                    "INSERT INTO api_keys (key, account_number, user_id, token_media, expires_at, key_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        token,
                        account,
                        user_id,
                        random_token(),
                        now_secs() + SESSION_LIFETIME_SECS,
                        key_hash(&token)
                    ],
                )?;
                describe(conn, &token)
            })
            .await?;
        let token = described.ok_or_else(ApiFailure::unexpected)?;
        // A new token starts with the full quota.
        let remaining = state.rate.take(&token.token).unwrap_or(0);
        Ok(reply::ok(remaining, token))
    }
    .await;
    result.unwrap_or_else(axum::response::IntoResponse::into_response)
}

/// `GET /v1/auth/token/{token}.json`, with the same token in the `Authorization` header.
pub async fn check(caller: Caller, State(state): State<Arc<AppState>>, Path(token): Path<String>) -> Response {
    caller.respond(
        async {
            if token != caller.token {
                return Err(ApiFailure::new(
                    StatusCode::FORBIDDEN,
                    error_code::ACCESS_TOKEN,
                    "Jeton d'accès invalide ou expiré",
                ));
            }
            let described = state.db.call(move |conn| describe(conn, &token)).await?;
            caller.ok(described.ok_or_else(ApiFailure::not_found)?)
        }
        .await,
    )
}
