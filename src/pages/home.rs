//! The portfolio home (`/`): what needs attention first, then a card per site of the current page
//! (same search, filter, sort and paging as the sites list) with its live figures.
//!
//! Cheap by design. Trial and closing alerts come from three list queries (type filters) and the
//! `plan` blocks they carry, never from one call per site. Figures (live visitors, orders, forms,
//! usage, a 30-day sparkline) are read only for cards that come into view, for at most
//! `SITES_IN_FLIGHT` sites at a time, kept for the session (`portfolio::cards`), refreshed on
//! demand; when the API quota runs low (`fleet::quota::RATE_RESERVE`), loading pauses with a note
//! instead of hitting the limit.

use kiubi_wire::enums::{SiteSort, SiteType};
use kiubi_wire::models::Site;
use kiubi_wire::params::SitesQuery;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::clock;
use crate::components::{async_view, page_resource, Paused, PausedNote, SiteBrowser};
use crate::fleet::{every_site, GoOn};
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::places::{self, SiteTab, SitesView};
use crate::portfolio::{
    alerts, cards_layout, figure_concerns, plan_concerns, use_portfolio, Alert, CardState, Concern, QuotaKind,
};
use crate::router::A;

/// Trials are read in pages, oldest first (they end first); at most this many pages.
const TRIAL_PAGES: u32 = 5;

#[component]
pub fn HomePage() -> impl IntoView {
    use_title(PageKey::HomeTitle);
    let portfolio = use_portfolio();
    on_cleanup(move || portfolio.leave());
    let refresh = move |_| portfolio.forget(&portfolio.shown.with_untracked(|s| codes(s)));
    view! {
        <div class="page-head">
            <h1>{tr(PageKey::HomeTitle)}</h1>
            <div class="actions">
                <button type="button" class="ghost refresh" on:click=refresh>{tr(PageKey::RefreshFigures)}</button>
                <A href=places::NEW_SITE class="button primary">{tr(Key::NewSite)}</A>
            </div>
        </div>
        <Alerts />
        <PausedNote left=Signal::derive(move || portfolio.paused()) what=Paused::Figures
            on_resume=Callback::new(move |_| portfolio.resume()) />
        <SiteBrowser at=places::HOME layout=cards_layout />
    }
}

fn codes(sites: &[Site]) -> Vec<String> {
    sites.iter().map(|s| s.code_site.clone()).collect()
}

/// The sites of one list query with its total.
type Found = (Vec<Site>, i64);

/// The sites of `site_type` in `sort` order, up to `pages` pages.
async fn list(client: ApiClient, site_type: SiteType, sort: SiteSort, pages: u32) -> Result<Found, ApiError> {
    let query = SitesQuery { site_type: Some(site_type), sort: Some(sort), ..Default::default() };
    let listing = every_site(&client, &query, pages, None, |_| GoOn::Continue(())).await?;
    Ok((listing.items, listing.total))
}

#[component]
fn Alerts() -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    // Trials oldest first: the ones that end first, when trials last alike.
    let trial = page_resource(|client| list(client, SiteType::Trial, SiteSort::CreationDate, TRIAL_PAGES));
    let closing = page_resource(|client| list(client, SiteType::ClosingSoon, SiteSort::ClosingDate, 1));
    let closed = page_resource(|client| list(client, SiteType::Closed, SiteSort::ClosingDateDesc, 1));
    let retry = move |_| {
        for resource in [trial, closing, closed] {
            if matches!(resource.get_untracked(), Some(Err(_))) {
                resource.refetch();
            }
        }
    };
    let found = Memo::new(move |_| {
        let today = clock::today();
        let lists = [trial.get(), closing.get(), closed.get()];
        if let Some(Err(error)) = lists.iter().flatten().find(|l| l.is_err()) {
            return Some(Err(error.clone()));
        }
        let lists: Vec<Found> = lists.into_iter().collect::<Option<Result<_, _>>>()?.ok()?;
        let from_plans = lists.iter().flat_map(|(sites, _)| sites.iter()).map(|site| {
            let concerns = plan_concerns(site, today);
            (site.clone(), concerns)
        });
        let shown = portfolio.shown.get();
        let from_figures: Vec<(Site, Vec<Concern>)> = shown
            .into_iter()
            .map(|site| {
                let mut concerns = plan_concerns(&site, today);
                if let Some(CardState::Ready(figures)) = portfolio.state(&site.code_site) {
                    if let (Some(stats), Some(usage)) = (&figures.stats, &figures.usage) {
                        concerns.extend(figure_concerns(stats, usage));
                    }
                }
                (site, concerns)
            })
            .collect();
        let more = |(sites, total): &Found| (*total - sites.len() as i64).max(0);
        let trials_unchecked = more(&lists[0]) > 0;
        Some(Ok((
            alerts(from_plans.chain(from_figures)),
            more(&lists[1]),
            more(&lists[2]),
            trials_unchecked,
            lists[0].0.len(),
        )))
    });
    view! {
        <section class="alerts" aria-labelledby="alerts-title">
            <h2 id="alerts-title">{tr(PageKey::AlertsTitle)}</h2>
            // One height however many alerts come, and as they come (the cards' figures add some):
            // the cards below never move; the list scrolls.
            <div class="alerts-body">
            {async_view(move || found.get(), Callback::new(retry), move || view! { <p class="loading" aria-busy="true">{tr(PageKey::AlertsChecking)}</p> }, move |(alerts, more_closing, more_closed, trials_unchecked, trials_checked)| {
                {
                    let count = alerts.len();
                    let see = |count: i64, site_type: SiteType| (count > 0).then(|| {
                        let href = SitesView { site_type: Some(site_type), ..Default::default() }.url_at(places::SITES);
                        let label = move || {
                            let count = count.to_string();
                            match site_type {
                                SiteType::Closed => locale.get().tr_with(PageKey::MoreClosed, &[("count", &count)]),
                                _ => locale.get().tr_with(PageKey::MoreClosing, &[("count", &count)]),
                            }
                        };
                        view! { <li class="more"><A href>{label}</A></li> }
                    });
                    view! {
                        {(count == 0).then(|| view! { <p class="muted">{tr(PageKey::AlertsNone)}</p> })}
                        <ul class="alert-list">
                            {alerts.into_iter().map(|alert| view! { <AlertItem alert /> }).collect_view()}
                            {see(more_closing, SiteType::ClosingSoon)}
                            {see(more_closed, SiteType::Closed)}
                        </ul>
                        {trials_unchecked.then(|| {
                            let href = SitesView { site_type: Some(SiteType::Trial), ..Default::default() }.url_at(places::SITES);
                            view! {
                                <p class="muted">
                                    {move || locale.get().tr_with(PageKey::TrialsChecked, &[("count", &trials_checked.to_string())])}
                                    " " <A href>{tr(PageKey::SeeAll)}</A>
                                </p>
                            }
                        })}
                    }
                }
            })}
            </div>
        </section>
    }
}

#[component]
fn AlertItem(alert: Alert) -> impl IntoView {
    let locale = use_locale();
    let href = places::site(&alert.code_site, SiteTab::Overview);
    let concern = alert.concern;
    view! {
        <li class=format!("alert {}", concern.tone().class())>
            <A href><bdi>{alert.name}</bdi></A>
            <span>{move || concern_text(locale.get(), concern)}</span>
        </li>
    }
}

fn concern_text(locale: Locale, concern: Concern) -> String {
    match concern {
        Concern::Closed => locale.tr(PageKey::ConcernClosed).to_owned(),
        Concern::Closing { days_left } => locale.tr_with(PageKey::ConcernClosing, &[("days", &days_left.to_string())]),
        Concern::TrialEnds { days_left } => {
            locale.tr_with(PageKey::ConcernTrialEnds, &[("days", &days_left.to_string())])
        }
        Concern::LowBalance(balance) => locale.tr_with(PageKey::ConcernLowBalance, &[("count", &balance.to_string())]),
        Concern::DiskFull { free_percent } => {
            locale.tr_with(PageKey::ConcernDiskFull, &[("percent", &free_percent.to_string())])
        }
        Concern::QuotaFull { quota, used_percent } => locale.tr_with(
            PageKey::ConcernQuotaFull,
            &[("percent", &used_percent.to_string()), ("quota", locale.tr(quota_label(quota)))],
        ),
        Concern::PendingOrders(count) => {
            locale.tr_count(PageKey::ConcernPendingOrders, count, &[("count", &count.to_string())])
        }
        Concern::UnreadForms(count) => {
            locale.tr_count(PageKey::ConcernUnreadForms, count, &[("count", &count.to_string())])
        }
    }
}

fn quota_label(quota: QuotaKind) -> PageKey {
    match quota {
        QuotaKind::Bandwidth => PageKey::QuotaBandwidth,
        QuotaKind::Api => PageKey::QuotaApi,
        QuotaKind::Forms => PageKey::QuotaForms,
        QuotaKind::Products => PageKey::QuotaProducts,
        QuotaKind::Users => PageKey::QuotaUsers,
    }
}
