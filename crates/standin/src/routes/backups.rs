//! Backup points of a site: list, create (a job), restore (a job).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use kiubi_wire::models::{Backup, JobStarted};
use rusqlite::OptionalExtension;
use serde_json::json;

use crate::auth::SiteCaller;
use crate::dates::date_time_at;
use crate::jobs::{self, JobKind};
use crate::reply::ApiFailure;
use crate::AppState;

/// `GET /v1/sites/{code_site}/backups.json`, newest first.
pub async fn list(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let backups = state
                .db
                .call(move |conn| {
                    let mut stmt = conn.prepare(
                        "SELECT id, creation_date FROM backups WHERE code_site = ?1 ORDER BY creation_date DESC",
                    )?;
                    let rows =
                        stmt.query_map([code], |r| Ok(Backup { id: r.get(0)?, creation_date: date_time_at(r, 1)? }))?;
                    rows.collect::<Result<Vec<_>, _>>()
                })
                .await?;
            caller.ok(backups)
        }
        .await,
    )
}

/// `POST /v1/sites/{code_site}/backups.json`.
pub async fn create(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let job_id = jobs::start(&state, &caller.account_number, &code, JobKind::Backup, json!({})).await?;
            caller.ok(JobStarted { job_id })
        }
        .await,
    )
}

/// `PUT /v1/sites/{code_site}/backups/{date}.json`; `{date}` is the `id` from the list.
pub async fn restore(
    SiteCaller { caller, code }: SiteCaller,
    State(state): State<Arc<AppState>>,
    Path((_, date)): Path<(String, String)>,
) -> Response {
    caller.respond(
        async {
            let (site, id) = (code.clone(), date.clone());
            let exists = state
                .db
                .call(move |conn| {
                    conn.query_row("SELECT 1 FROM backups WHERE code_site = ?1 AND id = ?2", [site, id], |_| Ok(()))
                        .optional()
                })
                .await?;
            if exists.is_none() {
                return Err(ApiFailure::not_found());
            }
            let payload = json!({ "backup_id": date });
            let job_id = jobs::start(&state, &caller.account_number, &code, JobKind::Restore, payload).await?;
            caller.ok(JobStarted { job_id })
        }
        .await,
    )
}
