//! Sites: list, detail, creation (a job), deletion.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use chrono::Days;
use kiubi_wire::enums::{Scope, SiteExtra, SiteSort, SiteType};
use kiubi_wire::lenient::Known;
use kiubi_wire::models::{Features, Site, SiteAccount, SitePlan};
use kiubi_wire::validate::{self, Invalid, NewSiteField, Rules};
use kiubi_wire::{error_code, FieldError};
use rusqlite::types::Value as SqlValue;
use rusqlite::OptionalExtension;
use serde_json::json;

use crate::auth::{Caller, SiteCaller};
use crate::dates::{date_time_at, day_at, today};
use crate::jobs::{self, JobKind};
use crate::params::Params;
use crate::reply::{self, ApiFailure, PageLinks};
use crate::AppState;

const SITE_COLUMNS: &str = "s.code_site, s.name, s.domain, s.backoffice, s.creation_date, s.plan_id, p.name, s.balance,
    s.is_closed, s.is_trial, s.is_demo, s.is_free, s.closing_date, s.endtrial_date";

fn site_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        code_site: row.get(0)?,
        name: row.get(1)?,
        domain: row.get(2)?,
        backoffice: row.get(3)?,
        creation_date: date_time_at(row, 4)?,
        plan: SitePlan {
            plan_id: row.get(5)?,
            plan_name: row.get(6)?,
            balance: row.get(7)?,
            is_closed: row.get(8)?,
            is_trial: row.get(9)?,
            is_demo: row.get(10)?,
            is_free: row.get(11)?,
            closing_date: day_at(row, 12)?,
            endtrial_date: day_at(row, 13)?,
        },
        ..Site::default()
    })
}

/// How many days ahead a closing date makes a site "closing soon" (the reference does not say).
const CLOSING_SOON_DAYS: u64 = 30;

/// `GET /v1/sites.json`: `term`, `type`, `sort`, `limit`, `page`.
pub async fn list(caller: Caller, State(state): State<Arc<AppState>>, params: Params) -> Response {
    caller.respond(list_page(&caller, &state, params).await)
}

async fn list_page(caller: &Caller, state: &AppState, params: Params) -> Result<Response, ApiFailure> {
    let (limit, page) = params.paging()?;
    let site_type = match params.text("type") {
        None => None,
        Some(v) => Some(SiteType::parse(v).ok_or_else(|| ApiFailure::invalid("type", "Type de site inconnu"))?),
    };
    let sort = match params.text("sort") {
        None => SiteSort::default(),
        Some(v) => SiteSort::parse(v).ok_or_else(|| ApiFailure::invalid("sort", "Ordre de tri inconnu"))?,
    };
    let term = params.text("term").map(str::to_lowercase);

    let mut filters = vec!["s.account_number = ?".to_owned()];
    let mut args: Vec<SqlValue> = vec![caller.account_number.clone().into()];
    if let Some(term) = &term {
        let like = format!("%{}%", term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        filters.push("s.search_text LIKE ? ESCAPE '\\'".into());
        args.push(like.into());
    }
    let soon = today().checked_add_days(Days::new(CLOSING_SOON_DAYS)).unwrap_or_default();
    match site_type {
        None => {}
        Some(SiteType::Open) => filters.push("s.is_closed = 0".into()),
        Some(SiteType::Trial) => filters.push("s.is_trial = 1".into()),
        Some(SiteType::Closed) => filters.push("s.is_closed = 1".into()),
        Some(SiteType::ClosingSoon) => {
            filters.push("s.is_closed = 0 AND s.closing_date IS NOT NULL AND s.closing_date <= ?".into());
            args.push(soon.format("%Y-%m-%d").to_string().into());
        }
        Some(SiteType::Demo) => filters.push("s.is_demo = 1".into()),
        Some(SiteType::Free) => filters.push("s.is_free = 1".into()),
    }
    let mut order_args: Vec<SqlValue> = Vec::new();
    let order = match sort {
        SiteSort::CodeSite => "s.code_site ASC",
        SiteSort::CodeSiteDesc => "s.code_site DESC",
        SiteSort::CreationDate => "s.creation_date ASC, s.code_site ASC",
        SiteSort::CreationDateDesc => "s.creation_date DESC, s.code_site ASC",
        // Sites without a closing date come last either way.
        SiteSort::ClosingDate => "s.closing_date IS NULL, s.closing_date ASC, s.code_site ASC",
        SiteSort::ClosingDateDesc => "s.closing_date IS NULL, s.closing_date DESC, s.code_site ASC",
        // Exact code, then code prefix, then name prefix, then any match; without a term, by code.
        SiteSort::Relevance => match &term {
            Some(term) => {
                order_args.extend([term.clone().into(), term.clone().into(), term.clone().into()]);
                "CASE WHEN lower(s.code_site) = ? THEN 0 WHEN instr(lower(s.code_site), ?) = 1 THEN 1 \
                 WHEN instr(lower(s.name), ?) = 1 THEN 2 ELSE 3 END, s.code_site ASC"
            }
            None => "s.code_site ASC",
        },
    };
    let where_clause = filters.join(" AND ");
    let (sites, count) = state
        .db
        .call(move |conn| {
            let count: i64 = conn
                .prepare_cached(&format!("SELECT COUNT(*) FROM sites s INDEXED BY sites_filters WHERE {where_clause}"))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            // The page's rows are chosen on the covering index, then read in full.
            let sql = format!(
                "SELECT {SITE_COLUMNS} FROM sites s JOIN plans p ON p.plan_id = s.plan_id
                 WHERE s.rowid IN (SELECT s.rowid FROM sites s INDEXED BY sites_filters WHERE {where_clause}
                    ORDER BY {order} LIMIT {limit} OFFSET {})
                 ORDER BY {order}",
                u64::from(page) * u64::from(limit)
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            // Placeholders in text order: the filters', then the sort's in the subquery and outside.
            let select_args = args.iter().chain(order_args.iter()).chain(order_args.iter());
            let sites = stmt
                .query_map(rusqlite::params_from_iter(select_args), site_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok((sites, count as u64))
        })
        .await?;
    let links = PageLinks::new("/v1/sites.json", params.pairs(), limit, page, count);
    Ok(reply::page(caller.rate_remaining, sites, &links))
}

/// `GET /v1/sites/{code_site}.json` with `extra_fields` among `scopes`, `features`, `account`.
pub async fn detail(
    SiteCaller { caller, code }: SiteCaller,
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Response {
    caller.respond(
        async {
            let extra = params.choices::<SiteExtra>("extra_fields")?;
            let account_number = caller.account_number.clone();
            let (mut site, has_shop, has_forms, account) = state
                .db
                .call(move |conn| {
                    let (site, has_shop, has_forms) = conn.query_row(
                        &format!(
                            "SELECT {SITE_COLUMNS}, s.has_shop, s.has_forms FROM sites s \
                             JOIN plans p ON p.plan_id = s.plan_id WHERE s.code_site = ?1"
                        ),
                        [&code],
                        |r| Ok((site_from_row(r)?, r.get::<_, bool>(14)?, r.get::<_, bool>(15)?)),
                    )?;
                    let account = conn.query_row(
                        "SELECT account_type, account_level FROM accounts WHERE account_number = ?1",
                        [&account_number],
                        |r| Ok(SiteAccount { account_type: r.get(0)?, account_level: r.get(1)? }),
                    )?;
                    Ok((site, has_shop, has_forms, account))
                })
                .await?;
            if extra.contains(&SiteExtra::Scopes) {
                let shop_only = |scope: &&Scope| has_shop || !matches!(scope, Scope::Catalog | Scope::Checkout);
                // The site's scopes that the key was granted.
                let granted = Scope::ALL.iter().filter(shop_only).filter(|scope| caller.may(**scope));
                site.scopes = Some(granted.map(|scope| Known::Value(*scope)).collect());
            }
            if extra.contains(&SiteExtra::Features) {
                let mut features = vec!["cms", "blog", "seo"];
                if has_forms {
                    features.push("forms");
                }
                if has_shop {
                    features.extend(["catalog", "checkout"]);
                }
                site.features = Some(Features(features.into_iter().map(str::to_owned).collect()));
            }
            if extra.contains(&SiteExtra::Account) {
                site.account = Some(account);
            }
            caller.ok(site)
        }
        .await,
    )
}

/// `DELETE /v1/sites/{code_site}.json`: the site and everything that hangs on it.
pub async fn delete(SiteCaller { caller, code }: SiteCaller, State(state): State<Arc<AppState>>) -> Response {
    caller.respond(
        async {
            // Closing a site ends its subscription: a key without that right cannot.
            caller.require(Scope::Subscription)?;
            state.db.call(move |conn| conn.execute("DELETE FROM sites WHERE code_site = ?1", [code])).await?;
            caller.ok(true)
        }
        .await,
    )
}

/// `POST /v1/sites.json`: checks every parameter, then starts the creation job. The site exists only
/// once the job is done; the job is followed at `sites/{new code_site}/jobs/{job_id}`, the code being
/// known from the request.
pub async fn create(caller: Caller, State(state): State<Arc<AppState>>, params: Params) -> Response {
    caller.respond(create_site(&caller, &state, params).await)
}

async fn create_site(caller: &Caller, state: &Arc<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let value = |name: &str| params.raw(name).map(str::trim).unwrap_or("").to_owned();
    // Missing and invalid fields are reported apart (4001, 4002), but together when both occur.
    let as_errors = |problems: Vec<(NewSiteField, Invalid)>| -> Vec<FieldError> {
        problems
            .into_iter()
            .map(|(field, why)| FieldError { field: field.name().to_owned(), message: why.message_fr() })
            .collect()
    };
    let (missing, invalid): (Vec<_>, Vec<_>) = validate::new_site(|field| value(field.name()), Rules::StandIn)
        .into_iter()
        .partition(|(_, why)| *why == Invalid::Required);
    let (mut missing, mut invalid) = (as_errors(missing), as_errors(invalid));
    let code = value("code_site");
    let plan_id = value("plan_id");
    let country_id = value("contact_country_id");
    let copy_site = value("copy_site");
    let account = caller.account_number.clone();
    let (plan_exists, country_exists, code_taken, copy_owner) = {
        let (code, plan_id, country_id, copy_site) =
            (code.clone(), plan_id.clone(), country_id.clone(), copy_site.clone());
        state
            .db
            .call(move |conn| {
                let exists = |sql: &str, arg: &str| -> rusqlite::Result<bool> {
                    conn.query_row(sql, [arg], |_| Ok(())).optional().map(|r| r.is_some())
                };
                let plan = exists("SELECT 1 FROM plans WHERE plan_id = ?1", &plan_id)?;
                let country = exists("SELECT 1 FROM countries WHERE country_id = ?1", &country_id)?;
                // A code is taken by a site, or by a creation still running.
                let taken = exists("SELECT 1 FROM sites WHERE code_site = ?1", &code)?
                    || exists(
                        "SELECT 1 FROM jobs WHERE kind = 'create_site' AND finished = 0 AND code_site = ?1",
                        &code,
                    )?;
                let copy_owner = conn
                    .query_row("SELECT account_number FROM sites WHERE code_site = ?1", [&copy_site], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()?;
                Ok((plan, country, taken, copy_owner))
            })
            .await?
    };
    let mut invalid_field = |field: &str, message: &str| {
        invalid.push(FieldError { field: field.to_owned(), message: message.to_owned() });
    };
    if !plan_id.is_empty() && !plan_exists {
        invalid_field("plan_id", "Formule inconnue");
    }
    if !country_id.is_empty() && !country_exists {
        invalid_field("contact_country_id", "Pays inconnu");
    }
    if !code.is_empty() && code_taken {
        invalid_field("code_site", "Ce code site est déjà utilisé");
    }
    if !copy_site.is_empty() && copy_owner.as_deref() != Some(account.as_str()) {
        invalid_field("copy_site", "Site à copier inconnu");
    }
    if !missing.is_empty() {
        // Missing and invalid fields are reported together, so a form can mark them all at once.
        missing.extend(invalid);
        return Err(ApiFailure::fields(error_code::REQUIRED_PARAMS, missing));
    }
    if !invalid.is_empty() {
        return Err(ApiFailure::fields(error_code::PARAMS_VALIDATION, invalid));
    }
    let payload = json!({
        "code_site": code,
        "site_name": value("site_name"),
        "plan_id": plan_id.parse::<i64>().unwrap_or_default(),
        "copy_site": (!copy_site.is_empty()).then_some(copy_site),
    });
    let job_id = jobs::start(state, &caller.account_number, &code, JobKind::CreateSite, payload).await?;
    caller.ok(kiubi_wire::models::JobStarted { job_id })
}
