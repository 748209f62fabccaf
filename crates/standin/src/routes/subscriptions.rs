//! Plans, and a site's subscription and options.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use kiubi_wire::calendar::Day;
use kiubi_wire::models::{Plan, Subscription, SubscriptionOption};

use crate::auth::{Caller, SiteCaller};
use crate::dates::day_at;
use crate::format::euros;
use crate::AppState;

/// `GET /v1/plans.json`.
pub async fn plans(caller: Caller, State(state): State<Arc<AppState>>) -> Response {
    let result = state
        .db
        .call(|conn| {
            let mut stmt = conn
                .prepare("SELECT plan_id, name, description, monthly_cost FROM plans ORDER BY monthly_cost, plan_id")?;
            let rows = stmt.query_map([], |r| {
                let cost: f64 = r.get(3)?;
                Ok(Plan {
                    plan_id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    monthly_cost: cost,
                    monthly_cost_label: euros(cost),
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })
        .await;
    caller.respond(result.and_then(|plans| caller.ok(plans)))
}

fn read_options(conn: &rusqlite::Connection, code: &str) -> rusqlite::Result<Vec<SubscriptionOption>> {
    let mut stmt = conn.prepare(
        "SELECT code, name, quantity, quantity_max, unit_cost FROM site_options WHERE code_site = ?1 ORDER BY name",
    )?;
    let rows = stmt.query_map([code], |r| {
        let (quantity, quantity_max, unit_cost): (i64, i64, f64) = (r.get(2)?, r.get(3)?, r.get(4)?);
        let cost = unit_cost * quantity as f64;
        Ok(SubscriptionOption {
            code: r.get(0)?,
            name: r.get(1)?,
            quantity,
            quantity_max,
            quantity_remaining: (quantity_max - quantity).max(0),
            monthly_cost: cost,
            monthly_cost_label: euros(cost),
        })
    })?;
    rows.collect()
}

/// `GET /v1/sites/{code_site}/subscriptions.json`: `monthly_cost` is the plan's plus the options'.
pub async fn subscription(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let subscription = state
                .db
                .call(move |conn| {
                    let options = read_options(conn, &code)?;
                    conn.query_row(
                        "SELECT s.plan_id, p.name, p.monthly_cost, s.balance, s.is_trial, s.is_demo, s.is_free,
                            s.closing_date, s.endtrial_date
                         FROM sites s JOIN plans p ON p.plan_id = s.plan_id WHERE s.code_site = ?1",
                        [&code],
                        |r| {
                            let plan_cost: f64 = r.get(2)?;
                            let (closing, endtrial) = (day_at(r, 7)?, day_at(r, 8)?);
                            Ok(Subscription {
                                plan_id: r.get(0)?,
                                plan_name: r.get(1)?,
                                monthly_cost: plan_cost + options.iter().map(|o| o.monthly_cost).sum::<f64>(),
                                balance: Some(r.get::<_, Option<i64>>(3)?.unwrap_or(0)),
                                is_trial: r.get(4)?,
                                is_demo: r.get(5)?,
                                is_free: r.get(6)?,
                                has_options: !options.is_empty(),
                                closing_date_f: closing.map(Day::to_french).unwrap_or_default(),
                                closing_date: closing,
                                endtrial_date_f: endtrial.map(Day::to_french).unwrap_or_default(),
                                endtrial_date: endtrial,
                            })
                        },
                    )
                })
                .await?;
            caller.ok(subscription)
        }
        .await,
    )
}

/// `GET /v1/sites/{code_site}/subscriptions/options.json`.
pub async fn options(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let options: Vec<SubscriptionOption> = state.db.call(move |conn| read_options(conn, &code)).await?;
            caller.ok(options)
        }
        .await,
    )
}
