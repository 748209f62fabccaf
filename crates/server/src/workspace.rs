//! The team's workspace over HTTP (`kiubi_wire::team`): who asks is checked first (`identity`), then
//! the body's size and shape, then the write is stored only on the revision it was made from.
//! Every refusal is an envelope the panel shows; nothing is stored by a refused request.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use kiubi_wire::team::{check_document, code, Stored, Write, Written, BODY_LIMIT, WORKSPACE_PATH};
use serde::Deserialize;

use crate::identity::{Caller, Identities, RateLimit};
use crate::reply::{ok, Refusal};
use crate::session::Sessions;
use crate::store::{self, Store};

/// Requests per token per minute, by default: a panel polls every 10 s and writes after edits.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 120;

/// What the workspace's routes share.
pub struct Team {
    pub store: Store,
    pub(crate) identities: Identities,
    limit: RateLimit,
}

impl Team {
    pub fn new(store: Store, identities: Identities, requests_per_minute: u32) -> Team {
        let refusal = "Trop de requêtes vers l'espace d'équipe, réessayez dans une minute";
        Team { store, identities, limit: RateLimit::new(requests_per_minute, refusal) }
    }

    /// The caller, once their token is known to the API and within its quota.
    async fn admit(&self, headers: &HeaderMap) -> Result<Caller, Refusal> {
        // Counted before the API is asked, so that a flood does not reach the API.
        if let Some(token) = crate::identity::token_of(headers) {
            self.limit.count(crate::identity::TokenKey::of(token))?;
        }
        self.identities.caller(headers).await
    }
}

/// `GET` and `PUT` of the caller's workspace; behind `sessions` when the server signs users in.
pub fn routes(team: Arc<Team>, sessions: Option<Arc<Sessions>>) -> Router {
    let mut router = Router::new().route(WORKSPACE_PATH, get(read).put(write)).with_state(team);
    if let Some(sessions) = sessions {
        router = router.layer(axum::middleware::from_fn_with_state(sessions, crate::session::admit));
    }
    router.layer(axum::middleware::from_fn(crate::proxy::api_reply_headers))
}

fn store_failed(error: &store::StoreError) -> Refusal {
    // For the operator: what failed, never a document or a token.
    eprintln!("workspace store: {error}");
    Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, code::STORE_FAILED, "L'espace d'équipe est indisponible")
}

fn malformed(message: impl Into<String>) -> Refusal {
    Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, code::MALFORMED_DOCUMENT, message)
}

#[derive(Deserialize)]
struct Since {
    since: Option<i64>,
}

async fn read(State(team): State<Arc<Team>>, headers: HeaderMap, Query(since): Query<Since>) -> Response {
    let caller = match team.admit(&headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal.into_response(),
    };
    let stored = match team.store.read(&caller.account).await {
        Ok(stored) => stored,
        Err(error) => return store_failed(&error).into_response(),
    };
    let revision = stored.as_ref().map_or(0, |s| s.revision);
    let document =
        stored.filter(|s| since.since != Some(s.revision)).map(|s| serde_json::from_str(&s.document)).transpose();
    match document {
        Ok(document) => ok(Stored { account: caller.account, revision, document }),
        Err(_) => store_failed(&store::StoreError("a stored document is not JSON".into())).into_response(),
    }
}

async fn write(State(team): State<Arc<Team>>, headers: HeaderMap, body: Body) -> Response {
    match written(&team, &headers, body).await {
        Ok(revision) => ok(Written { revision }),
        Err(refusal) => refusal.into_response(),
    }
}

async fn written(team: &Team, headers: &HeaderMap, body: Body) -> Result<i64, Refusal> {
    let caller = team.admit(headers).await?;
    let too_large = || {
        let message = "L'espace d'équipe dépasse 2 Mo : rien n'a été enregistré";
        Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, code::TOO_LARGE, message)
    };
    let bytes = crate::reply::whole_request(body, BODY_LIMIT, too_large).await?;
    let write: Write = serde_json::from_slice(&bytes)
        .map_err(|_| malformed("Ce n'est pas un document d'espace d'équipe : rien n'a été enregistré"))?;
    check_document(&write.document).map_err(|problem| malformed(problem.message_fr()))?;
    if write.base_revision < 0 {
        return Err(malformed("« base_revision » doit être positif ou nul"));
    }
    let document = write.document.to_string();
    match team.store.write(&caller.account, write.base_revision, &document).await {
        Ok(store::Written::As(revision)) => Ok(revision),
        Ok(store::Written::Stale(current)) => Err(Refusal::new(
            StatusCode::CONFLICT,
            code::STALE_REVISION,
            format!("L'espace d'équipe a changé entre-temps (révision {current}) : rien n'a été enregistré"),
        )),
        Err(error) => Err(store_failed(&error)),
    }
}
