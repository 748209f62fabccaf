//! What clients need around the reference's endpoints: countries, rate, jobs.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use kiubi_wire::models::Country;
use serde_json::json;

use crate::auth::{Caller, RateProbe};
use crate::reply::ApiFailure;
use crate::AppState;

/// `GET /v1/geo/countries.json`, by name.
pub async fn countries(caller: Caller, State(state): State<Arc<AppState>>) -> Response {
    let result = state
        .db
        .call(|conn| {
            let mut stmt =
                conn.prepare("SELECT country_id, name, code, group_id, group_name FROM countries ORDER BY name")?;
            let rows = stmt.query_map([], |r| {
                Ok(Country {
                    country_id: r.get(0)?,
                    name: r.get(1)?,
                    code: r.get(2)?,
                    group_id: r.get(3)?,
                    group_name: r.get(4)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })
        .await;
    caller.respond(result.and_then(|countries| caller.ok(countries)))
}

/// `GET /v1/rate.json`: the quota left, in `meta.rate_remaining` (and in `data`). It does not count
/// as a call, so a client waiting for its quota can poll it.
pub async fn rate(probe: RateProbe) -> Response {
    crate::reply::ok(probe.rate_remaining, json!({ "rate_remaining": probe.rate_remaining }))
}

/// `GET /v1/sites/{code_site}/jobs/{job_id}.json`. A site-creation job is followed under the new
/// site's code, which the client knows from its request, even before the site exists.
pub async fn job(
    caller: Caller,
    State(state): State<Arc<AppState>>,
    Path((code, job_id)): Path<(String, String)>,
) -> Response {
    caller.respond(
        async {
            let job_id: i64 = job_id.parse().map_err(|_| ApiFailure::not_found())?;
            let account = caller.account_number.clone();
            let refuse_creations = state.control.refuse_new_site_jobs.load(std::sync::atomic::Ordering::Relaxed);
            let job = state
                .db
                .call(move |conn| {
                    // The job's kind is looked up only while the switch is on.
                    if refuse_creations && crate::jobs::kind(conn, job_id)? == Some(crate::jobs::JobKind::CreateSite) {
                        return Ok(None);
                    }
                    crate::jobs::status(conn, &account, &code, job_id)
                })
                .await?;
            caller.ok(job.ok_or_else(ApiFailure::not_found)?)
        }
        .await,
    )
}
