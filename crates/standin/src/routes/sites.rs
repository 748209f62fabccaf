//! The HTTP surface: `/v1/…` in the envelope, everything else the built panel.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{RawQuery, Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{Days, Local};
use kiubi_wire::models::{Site, SitePlan};
use kiubi_wire::params::{SiteSort, SiteType, MAX_LIMIT};
use rusqlite::types::Value as SqlValue;
use tower::Layer;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use crate::auth::Caller;
use crate::reply::{self, ApiFailure, PageLinks};
use crate::AppState;

/// The whole service: routing behind the `.json` normaliser, with CORS for any origin.
pub fn app(state: Arc<AppState>, dist: Option<&Path>) -> axum::routing::IntoMakeService<Router> {
    let api =
        Router::new().route("/sites", get(list_sites)).fallback(|| async { ApiFailure::not_found() }).with_state(state);
    let mut router = Router::new().nest("/v1", api);
    if let Some(dist) = dist {
        router = router.fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))));
    }
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        // `*` would not cover `Authorization`: echo what the preflight asks for.
        .allow_headers(AllowHeaders::mirror_request());
    let router = router.layer(cors);
    // The normaliser must run before routing, so it wraps the router from outside.
    Router::new().fallback_service(axum::middleware::map_request(strip_json_suffix).layer(router)).into_make_service()
}

/// Both official clients are served: `/v1/sites.json` (back office) and `/v1/sites` (PHP client).
async fn strip_json_suffix(mut request: Request) -> Request {
    let path = request.uri().path();
    if let Some(stripped) = path.strip_prefix("/v1/").and_then(|p| p.strip_suffix(".json")).map(|p| format!("/v1/{p}"))
    {
        let rebuilt = match request.uri().query() {
            Some(query) => format!("{stripped}?{query}"),
            None => stripped,
        };
        if let Ok(uri) = rebuilt.parse() {
            *request.uri_mut() = uri;
        }
    }
    request
}

/// Query pairs, in order, as sent; a query that is not url-encoded is a 4012.
fn query_pairs(raw: Option<String>) -> Result<Vec<(String, String)>, ApiFailure> {
    kiubi_wire::params::form_urldecode(raw.as_deref().unwrap_or("")).map_err(|_| {
        ApiFailure::new(
            axum::http::StatusCode::BAD_REQUEST,
            kiubi_wire::error_code::PARAMS_ENCODING,
            "Encodage des paramètres invalide",
        )
    })
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// An optional non-negative integer parameter.
fn uint_param(pairs: &[(String, String)], name: &str) -> Result<Option<u32>, ApiFailure> {
    match param(pairs, name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<u32>().map(Some).map_err(|_| ApiFailure::invalid(name, "Doit être un entier positif")),
    }
}

/// `limit` (default and maximum 20; larger values are capped, as the reference says "maximum") and `page` (0-based).
fn paging_params(pairs: &[(String, String)]) -> Result<(u32, u32), ApiFailure> {
    let limit = uint_param(pairs, "limit")?.unwrap_or(MAX_LIMIT);
    if limit == 0 {
        return Err(ApiFailure::invalid("limit", "Doit être compris entre 1 et 20"));
    }
    Ok((limit.min(MAX_LIMIT), uint_param(pairs, "page")?.unwrap_or(0)))
}

const SITE_COLUMNS: &str = "s.code_site, s.name, s.domain, s.backoffice, s.creation_date, s.plan_id, p.name, s.balance,
    s.is_closed, s.is_trial, s.is_demo, s.is_free, s.closing_date, s.endtrial_date";

fn site_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        code_site: row.get(0)?,
        name: row.get(1)?,
        domain: row.get(2)?,
        backoffice: row.get(3)?,
        creation_date: row.get(4)?,
        plan: SitePlan {
            plan_id: row.get(5)?,
            plan_name: row.get(6)?,
            balance: row.get(7)?,
            is_closed: row.get(8)?,
            is_trial: row.get(9)?,
            is_demo: row.get(10)?,
            is_free: row.get(11)?,
            closing_date: row.get(12)?,
            endtrial_date: row.get(13)?,
        },
        ..Site::default()
    })
}

/// How many days ahead a closing date makes a site "closing soon" (the reference does not say).
const CLOSING_SOON_DAYS: u64 = 30;

/// `GET /v1/sites.json`: `term`, `type`, `sort`, `limit`, `page`.
async fn list_sites(caller: Caller, State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    match list_sites_page(&caller, &state, raw).await {
        Ok(response) => response,
        Err(failure) => caller.fail(failure).into_response(),
    }
}

async fn list_sites_page(caller: &Caller, state: &AppState, raw: Option<String>) -> Result<Response, ApiFailure> {
    let pairs = query_pairs(raw)?;
    let (limit, page) = paging_params(&pairs)?;
    let site_type = match param(&pairs, "type").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(SiteType::parse(v).ok_or_else(|| ApiFailure::invalid("type", "Type de site inconnu"))?),
    };
    let sort = match param(&pairs, "sort").filter(|v| !v.is_empty()) {
        None => SiteSort::default(),
        Some(v) => SiteSort::parse(v).ok_or_else(|| ApiFailure::invalid("sort", "Ordre de tri inconnu"))?,
    };
    let term = param(&pairs, "term").map(str::trim).filter(|t| !t.is_empty()).map(str::to_lowercase);

    let mut filters = vec!["s.account_number = ?".to_owned()];
    let mut args: Vec<SqlValue> = vec![caller.account_number.clone().into()];
    if let Some(term) = &term {
        let like = format!("%{}%", term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        filters.push("(lower(s.code_site) LIKE ? ESCAPE '\\' OR lower(s.name) LIKE ? ESCAPE '\\' OR lower(s.domain) LIKE ? ESCAPE '\\')".into());
        args.extend([like.clone().into(), like.clone().into(), like.into()]);
    }
    let soon = Local::now().date_naive().checked_add_days(Days::new(CLOSING_SOON_DAYS)).unwrap_or_default();
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
        SiteSort::CodeSite => "s.code_site ASC".to_owned(),
        SiteSort::CodeSiteDesc => "s.code_site DESC".to_owned(),
        SiteSort::CreationDate => "s.creation_date ASC, s.code_site ASC".to_owned(),
        SiteSort::CreationDateDesc => "s.creation_date DESC, s.code_site ASC".to_owned(),
        // Sites without a closing date come last either way.
        SiteSort::ClosingDate => "s.closing_date IS NULL, s.closing_date ASC, s.code_site ASC".to_owned(),
        SiteSort::ClosingDateDesc => "s.closing_date IS NULL, s.closing_date DESC, s.code_site ASC".to_owned(),
        // Exact code, then code prefix, then name prefix, then any match; without a term, by code.
        SiteSort::Relevance => match &term {
            Some(term) => {
                order_args.extend([term.clone().into(), term.clone().into(), term.clone().into()]);
                "CASE WHEN lower(s.code_site) = ? THEN 0 WHEN instr(lower(s.code_site), ?) = 1 THEN 1 \
                 WHEN instr(lower(s.name), ?) = 1 THEN 2 ELSE 3 END, s.code_site ASC"
                    .to_owned()
            }
            None => "s.code_site ASC".to_owned(),
        },
    };
    let where_clause = filters.join(" AND ");
    let (sites, count) = state
        .db
        .call(move |conn| {
            let count: i64 = conn.query_row(
                &format!("SELECT COUNT(*) FROM sites s WHERE {where_clause}"),
                rusqlite::params_from_iter(args.iter()),
                |r| r.get(0),
            )?;
            let sql = format!(
                "SELECT {SITE_COLUMNS} FROM sites s JOIN plans p ON p.plan_id = s.plan_id WHERE {where_clause} ORDER BY {order} LIMIT {limit} OFFSET {}",
                u64::from(page) * u64::from(limit)
            );
            let mut stmt = conn.prepare(&sql)?;
            // The ORDER BY placeholders follow the WHERE clause's.
            let select_args = args.iter().chain(order_args.iter());
            let sites = stmt.query_map(rusqlite::params_from_iter(select_args), site_from_row)?.collect::<Result<Vec<_>, _>>()?;
            Ok((sites, count as u64))
        })
        .await?;
    let links = PageLinks::new("/v1/sites.json", &pairs, limit, page, count);
    Ok(reply::page(caller.rate_remaining, sites, &links))
}
