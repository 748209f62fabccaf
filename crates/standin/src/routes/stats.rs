//! Activity log and statistics of a site.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use chrono::{Days, NaiveDate};
use kiubi_wire::enums::{ActivityType, UsageExtra};
use kiubi_wire::models::{
    Activity, CatalogStats, CheckoutStats, FormsStats, Live, Quota, Report, ReportDay, Space, Stats, Usage,
};
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::auth::SiteCaller;
use crate::dates::{date_time_at, today, wire_day};
use crate::format::{euros, french_date};
use crate::params::Params;
use crate::reply::{self, ApiFailure, PageLinks};
use crate::traffic::{self, Profile};
use crate::AppState;

/// `GET /v1/sites/{code_site}/logs.json`: `type` (list), `since` (`DD/MM/YYYY HH:mm:ss`), `limit`, `page`;
/// newest first.
pub async fn logs(
    SiteCaller { caller, code }: SiteCaller,
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Response {
    caller.respond(
        async {
            let (limit, page) = params.paging()?;
            let types = params.choices::<ActivityType>("type")?;
            let since = params.datetime("since")?;
            let mut filters = vec!["code_site = ?".to_owned()];
            let mut args: Vec<SqlValue> = vec![code.clone().into()];
            if !types.is_empty() {
                filters.push(format!("type IN ({})", vec!["?"; types.len()].join(",")));
                args.extend(types.into_iter().map(|t| SqlValue::from(t.as_str().to_owned())));
            }
            if let Some(since) = since {
                filters.push("creation_date >= ?".into());
                args.push(since.format("%Y-%m-%d %H:%M:%S").to_string().into());
            }
            let where_clause = filters.join(" AND ");
            let (items, count) = state
                .db
                .call(move |conn| {
                    let count: i64 = conn.query_row(
                        &format!("SELECT COUNT(*) FROM logs WHERE {where_clause}"),
                        rusqlite::params_from_iter(args.iter()),
                        |r| r.get(0),
                    )?;
                    let mut stmt = conn.prepare(&format!(
                        "SELECT activity_id, text, COALESCE(urn, ''), type, user_name, user_profil, avatar_url, avatar_thumb_url,
                            customer_id, creation_date FROM logs WHERE {where_clause}
                         ORDER BY creation_date DESC, activity_id DESC LIMIT {limit} OFFSET {}",
                        u64::from(page) * u64::from(limit)
                    ))?;
                    let items = stmt
                        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                            Ok(Activity {
                                activity_id: r.get(0)?,
                                text: r.get(1)?,
                                // Always a string, empty when there is none: as Kiubi's back office reads it.
                                urn: Some(r.get(2)?),
                                activity_type: kiubi_wire::lenient::Known::of(&r.get::<_, String>(3)?),
                                user_name: r.get(4)?,
                                user_profil: r.get(5)?,
                                avatar_url: r.get(6)?,
                                avatar_thumb_url: r.get(7)?,
                                customer_id: r.get(8)?,
                                creation_date: date_time_at(r, 9)?,
                            })
                        })?
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((items, count as u64))
                })
                .await?;
            let path = format!("/v1/sites/{}/logs.json", kiubi_wire::encoding::encode_component(&code, false));
            let links = PageLinks::new(&path, params.pairs(), limit, page, count);
            Ok(reply::page(caller.rate_remaining, items, &links))
        }
        .await,
    )
}

/// Reads one row of a site's figures with `read`.
async fn site_row<T: Send + 'static>(
    state: &AppState,
    code: &str,
    columns: &'static str,
    read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<T, ApiFailure> {
    let code = code.to_owned();
    state
        .db
        .call(move |conn| conn.query_row(&format!("SELECT {columns} FROM sites WHERE code_site = ?1"), [code], read))
        .await
}

/// `GET /v1/sites/{code_site}/stats.json`: sections the site lacks (no shop, no forms) are absent.
pub async fn stats(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let stats = site_row(
                &state,
                &code,
                "has_forms, unread_responses, has_shop, pending_orders, pending_orders_amount, average_cart,
                 monthly_transformation, stock_shortage_count, refillable_count",
                |r| {
                    let has_forms: bool = r.get(0)?;
                    let has_shop: bool = r.get(2)?;
                    let (amount, cart, rate): (i64, i64, i64) = (r.get(4)?, r.get(5)?, r.get(6)?);
                    Ok(Stats {
                        forms: has_forms
                            .then(|| r.get(1).map(|unread_responses| FormsStats { unread_responses }))
                            .transpose()?,
                        checkout: has_shop
                            .then(|| {
                                Ok::<_, rusqlite::Error>(CheckoutStats {
                                    pending_orders: r.get(3)?,
                                    pending_orders_amount: Some(amount as f64),
                                    pending_orders_amount_label: euros(amount as f64),
                                    average_cart: Some(cart as f64),
                                    average_cart_label: euros(cart as f64),
                                    monthly_transformation: Some(rate as f64),
                                    monthly_transformation_label: format!("{rate}\u{a0}%"),
                                })
                            })
                            .transpose()?,
                        catalog: has_shop
                            .then(|| {
                                Ok::<_, rusqlite::Error>(CatalogStats {
                                    stock_shortage_count: r.get(7)?,
                                    refillable_count: r.get(8)?,
                                })
                            })
                            .transpose()?,
                    })
                },
            )
            .await?;
            caller.ok(stats)
        }
        .await,
    )
}

/// `GET /v1/sites/{code_site}/stats/live.json`.
pub async fn live(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            let visitors = site_row(&state, &code, "live_visitors", |r| r.get(0)).await?;
            caller.ok(Live { visitors })
        }
        .await,
    )
}

/// The longest report: two years of days.
const MAX_REPORT_DAYS: i64 = 731;

/// `GET /v1/sites/{code_site}/stats/report.json`: `start_date`, `end_date` as `DD/MM/YYYY`; by default
/// the 30 days up to today.
pub async fn report(
    SiteCaller { caller, code }: SiteCaller,
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Response {
    caller.respond(
        async {
            let end = params.date("end_date")?.unwrap_or_else(today);
            let start =
                params.date("start_date")?.unwrap_or_else(|| end.checked_sub_days(Days::new(29)).unwrap_or(end));
            if start > end {
                return Err(ApiFailure::invalid("start_date", "La date de début doit précéder la date de fin"));
            }
            if (end - start).num_days() >= MAX_REPORT_DAYS {
                return Err(ApiFailure::invalid("end_date", "La période ne peut dépasser deux ans"));
            }
            let profile = site_row(&state, &code, "traffic_base, has_shop, substr(creation_date, 1, 10)", |r| {
                let since: String = r.get(2)?;
                Ok(Profile {
                    base: r.get(0)?,
                    has_shop: r.get(1)?,
                    since: NaiveDate::parse_from_str(&since, "%Y-%m-%d").unwrap_or(NaiveDate::MIN),
                })
            })
            .await?;
            let today = today();
            let days: Vec<(NaiveDate, traffic::Day)> = start
                .iter_days()
                .take_while(|d| *d <= end)
                .map(|d| (d, traffic::day(&code, profile, d, today)))
                .collect();
            let sales = profile.has_shop.then(|| days.iter().filter_map(|(_, d)| d.sales).sum::<i64>());
            let report = Report {
                start_date: Some(wire_day(start)),
                end_date: Some(wire_day(end)),
                visitors: Some(days.iter().map(|(_, d)| d.visitors).sum()),
                pageviews: Some(days.iter().map(|(_, d)| d.pageviews).sum()),
                api_hits: Some(days.iter().map(|(_, d)| d.api_hits).sum()),
                sales: sales.map(|s| s as f64),
                sales_label: sales.map(|s| euros(s as f64)),
                days: days
                    .iter()
                    .map(|(date, d)| ReportDay {
                        date: Some(wire_day(*date)),
                        pageviews: Some(d.pageviews),
                        visitors: Some(d.visitors),
                        api_hits: Some(d.api_hits),
                        sales: d.sales.map(|s| s as f64),
                    })
                    .collect(),
            };
            // The day keys are unconfirmed (protocol notes §9): the alternative names go along.
            let mut value = serde_json::to_value(&report).map_err(|_| ApiFailure::unexpected())?;
            if let Some(days) = value["days"].as_array_mut() {
                for day in days {
                    let date = day["date"].as_str().map(french_date);
                    day["date_f"] = Value::from(date);
                    day["visits"] = day["visitors"].clone();
                    day["hits"] = day["pageviews"].clone();
                    day["api_pfo"] = day["api_hits"].clone();
                }
            }
            caller.ok(value)
        }
        .await,
    )
}

/// `GET /v1/sites/{code_site}/stats/usage.json` with `extra_fields` among `bp, api_pfo, forms, products, users`.
pub async fn usage(
    SiteCaller { caller, code }: SiteCaller,
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Response {
    caller.respond(
        async {
            let extras = params.choices::<UsageExtra>("extra_fields")?;
            let (space, quotas) = site_row(
                &state,
                &code,
                "space_medias, space_datas, space_ftp, space_total, bandwidth_used, bandwidth_total, api_pfo_used,
                 api_pfo_total, forms_used, forms_total, products_used, products_total, users_used, users_total",
                |r| {
                    let (medias, datas, ftp, total): (i64, i64, i64, i64) =
                        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                    let used = medias + datas + ftp;
                    let space = Space {
                        medias: Some(medias),
                        datas: Some(datas),
                        ftp: Some(ftp),
                        used: Some(used),
                        free: Some((total - used).max(0)),
                        total: Some(total),
                    };
                    let quota = |i: usize| -> rusqlite::Result<Quota> {
                        let (used, total): (i64, i64) = (r.get(i)?, r.get(i + 1)?);
                        Ok(Quota { used: Some(used), free: Some((total - used).max(0)), total: Some(total) })
                    };
                    Ok((space, [quota(4)?, quota(6)?, quota(8)?, quota(10)?, quota(12)?]))
                },
            )
            .await?;
            let wanted = |extra: UsageExtra, quota: Quota| extras.contains(&extra).then_some(quota);
            caller.ok(Usage {
                space,
                bandwidth: wanted(UsageExtra::Bandwidth, quotas[0]),
                api_pfo: wanted(UsageExtra::ApiPfo, quotas[1]),
                forms: wanted(UsageExtra::Forms, quotas[2]),
                products: wanted(UsageExtra::Products, quotas[3]),
                users: wanted(UsageExtra::Users, quotas[4]),
            })
        }
        .await,
    )
}
