//! The portfolio home (`/`): what needs attention first, then a card per site of the current page
//! (same search, filter, sort and paging as the sites list) with its live figures.
//!
//! Cheap by design. Trial and closing alerts come from three list queries (type filters) and the
//! `plan` blocks they carry, never from one call per site. Figures (live visitors, orders, forms,
//! usage, a 30-day sparkline) are read only for cards that come into view, for at most
//! `SITES_IN_FLIGHT` sites at a time, kept for the session (`Portfolio`), refreshed on demand; when
//! the API quota runs low (`RATE_RESERVE`), loading pauses with a note instead of hitting the limit.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use futures::future::join4;
use kiubi_wire::models::{Site, Stats, Usage};
use kiubi_wire::params::{ReportQuery, SiteSort, SiteType, SitesQuery, UsageExtra, MAX_LIMIT};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::{page_resource, sleep_ms, ApiClient, ApiError};
use crate::chart::{sparkline_points, Period, Preset};
use crate::clock;
use crate::components::{ErrorPanel, PlanBadges};
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale};
use crate::i18n::{Key, Locale};
use crate::pages::sites::{SiteBrowser, SitesLayout};
use crate::places::{self, SiteTab, SitesView};
use crate::portfolio::{alerts, figure_concerns, plan_concerns, Alert, Concern, QuotaKind};
use crate::router::A;
use crate::session::Session;
use crate::site_state::{shown_address, web_address};

/// Sites whose figures load at the same time (each is four requests).
pub const SITES_IN_FLIGHT: usize = 4;
/// Requests kept in the API quota: below this, figures stop loading until it refills.
pub const RATE_RESERVE: i64 = 50;
/// How often a paused loader asks the API (`rate.json`, not counted) whether the quota refilled.
const RATE_CHECK_MS: u32 = 15_000;
/// Trials are read in pages, oldest first (they end first); at most this many pages.
const TRIAL_PAGES: u32 = 5;
/// Alerts shown before "show all".
const ALERTS_SHOWN: usize = 8;

/// A site's figures, for its card and the alerts.
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    live: i64,
    stats: Stats,
    usage: Usage,
    visitors: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
enum CardState {
    Loading,
    Ready(Arc<Figures>),
    Failed(ApiError),
}

/// The figures of the session's cards and the loader that fills them. The signed-in frame provides
/// it, so figures survive leaving the home and coming back, and go with the session.
#[derive(Clone, Copy)]
pub struct Portfolio {
    session: Session,
    cards: RwSignal<HashMap<String, CardState>>,
    /// Sites waiting for a place among those in flight, and how many are: bookkeeping, not shown.
    queue: StoredValue<VecDeque<String>>,
    in_flight: StoredValue<usize>,
    /// Loading stopped to spare the quota: the requests left when it stopped.
    paused: RwSignal<Option<i64>>,
    /// The sites of the home's current page, for the alerts drawn from their figures.
    shown: RwSignal<Vec<Site>>,
}

impl Portfolio {
    pub fn new(session: Session) -> Portfolio {
        Portfolio {
            session,
            cards: RwSignal::new(HashMap::new()),
            queue: StoredValue::new(VecDeque::new()),
            in_flight: StoredValue::new(0),
            paused: RwSignal::new(None),
            shown: RwSignal::new(Vec::new()),
        }
    }

    fn state(&self, code: &str) -> Option<CardState> {
        self.cards.with(|cards| cards.get(code).cloned())
    }

    /// Asks for a site's figures: queued, loaded when a place among the sites in flight frees up.
    fn request(&self, code: String) {
        if self.cards.with_untracked(|cards| cards.contains_key(&code)) {
            return;
        }
        self.queue.update_value(|queue| {
            if !queue.contains(&code) {
                queue.push_back(code);
            }
        });
        self.pump();
    }

    fn pump(&self) {
        while self.paused.get_untracked().is_none() && self.in_flight.get_value() < SITES_IN_FLIGHT {
            let Some(code) = self.queue.try_update_value(VecDeque::pop_front).flatten() else {
                return;
            };
            // Untracked: a card's effect calls this, and must not subscribe to the session (see
            // `app::scope_reads`).
            let Some(client) = untrack(|| self.session.client()) else {
                return;
            };
            self.cards.update(|cards| {
                cards.insert(code.clone(), CardState::Loading);
            });
            self.in_flight.update_value(|n| *n += 1);
            let portfolio = *self;
            leptos::task::spawn_local(async move {
                let state = match figures(&client, &code).await {
                    Ok(figures) => CardState::Ready(Arc::new(figures)),
                    Err(error) => CardState::Failed(error),
                };
                // The session may have ended meanwhile: its signals are gone, and so is the result.
                if portfolio.cards.try_update(|cards| cards.insert(code, state)).is_some() {
                    portfolio.in_flight.update_value(|n| *n -= 1);
                    portfolio.after_load(client);
                }
            });
        }
    }

    /// Goes on, or pauses when the quota runs low (and watches for it to refill).
    fn after_load(&self, client: ApiClient) {
        match client.state().rate_remaining().get_untracked() {
            Some(left) if left < RATE_RESERVE && self.paused.get_untracked().is_none() => {
                self.paused.set(Some(left));
                let portfolio = *self;
                leptos::task::spawn_local(async move {
                    while portfolio.paused.try_get_untracked().flatten().is_some() {
                        sleep_ms(RATE_CHECK_MS).await;
                        let _ = client.rate().await;
                        match client.state().rate_remaining().get_untracked() {
                            Some(left) if left < RATE_RESERVE => {
                                portfolio.paused.try_set(Some(left));
                            }
                            _ => portfolio.resume(),
                        }
                    }
                });
            }
            _ => self.pump(),
        }
    }

    fn resume(&self) {
        if self.paused.try_set(None).is_some() {
            self.pump();
        }
    }

    /// Forgets figures so that the cards in view load them again.
    fn forget(&self, codes: &[String]) {
        self.cards.update(|cards| cards.retain(|code, state| !codes.contains(code) || *state == CardState::Loading));
    }

    /// Nothing more starts once the home is left; what is under way still lands in the cache.
    fn leave(&self) {
        self.queue.try_update_value(VecDeque::clear);
    }
}

pub fn use_portfolio() -> Portfolio {
    expect_context::<Portfolio>()
}

/// A card's four reads, sent together.
async fn figures(client: &ApiClient, code: &str) -> Result<Figures, ApiError> {
    let period = Period::preset(Preset::Days30, clock::today());
    let query = ReportQuery { start_date: period.start, end_date: period.end };
    let (stats, live, report, usage) =
        join4(client.stats(code), client.live(code), client.report(code, &query), client.usage(code, UsageExtra::ALL))
            .await;
    Ok(Figures {
        live: live?.data.visitors,
        stats: stats?.data,
        usage: usage?.data,
        visitors: report?.data.days.iter().map(|day| day.visitors).collect(),
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    use_title(Key::HomeTitle);
    let portfolio = use_portfolio();
    on_cleanup(move || portfolio.leave());
    let refresh = move |_| portfolio.forget(&portfolio.shown.with_untracked(|s| codes(s)));
    view! {
        <div class="page-head">
            <h1>{tr(Key::HomeTitle)}</h1>
            <div class="actions">
                <button type="button" class="ghost refresh" on:click=refresh>{tr(Key::RefreshFigures)}</button>
                <A href=places::NEW_SITE class="button primary">{tr(Key::NewSite)}</A>
            </div>
        </div>
        <Alerts />
        <PausedNote />
        <SiteBrowser at=places::HOME layout=SitesLayout::Cards />
    }
}

fn codes(sites: &[Site]) -> Vec<String> {
    sites.iter().map(|s| s.code_site.clone()).collect()
}

/// Says why figures stopped loading, with a way to go on at once.
#[component]
fn PausedNote() -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    move || {
        portfolio.paused.get().map(|left| {
            view! {
                <div class="notice paused" role="status">
                    <p>{move || locale.get().tr_with(Key::FiguresPaused, &[("count", &left.to_string())])}</p>
                    <button type="button" on:click=move |_| portfolio.resume()>{tr(Key::Resume)}</button>
                </div>
            }
        })
    }
}

/// The sites of one list query with its total.
type Found = (Vec<Site>, i64);

async fn list(client: ApiClient, site_type: SiteType, sort: SiteSort, page: u32) -> Result<Found, ApiError> {
    let query = SitesQuery {
        site_type: Some(site_type),
        sort: Some(sort),
        limit: Some(MAX_LIMIT),
        page: Some(page),
        ..Default::default()
    };
    let reply = client.sites(&query).await?;
    let total = reply.meta.items_count.unwrap_or(reply.data.items.len() as i64);
    Ok((reply.data.items, total))
}

/// Trials, oldest first, up to `TRIAL_PAGES` pages: the ones that end first, when trials last alike.
async fn trials(client: ApiClient) -> Result<Found, ApiError> {
    let mut sites = Vec::new();
    let mut total = 0;
    for page in 0..TRIAL_PAGES {
        let (found, count) = list(client.clone(), SiteType::Trial, SiteSort::CreationDate, page).await?;
        total = count;
        let last = found.len() < MAX_LIMIT as usize;
        sites.extend(found);
        if last || sites.len() as i64 >= total {
            break;
        }
    }
    Ok((sites, total))
}

#[component]
fn Alerts() -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    let trial = page_resource(trials);
    let closing = page_resource(|client| list(client, SiteType::ClosingSoon, SiteSort::ClosingDate, 0));
    let closed = page_resource(|client| list(client, SiteType::Closed, SiteSort::ClosingDateDesc, 0));
    let show_all = RwSignal::new(false);
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
                    concerns.extend(figure_concerns(&figures.stats, &figures.usage));
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
            <h2 id="alerts-title">{tr(Key::AlertsTitle)}</h2>
            {move || match found.get() {
                None => view! { <p class="loading" aria-busy="true">{tr(Key::AlertsChecking)}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorPanel message=error.user_message(locale.get()) on_retry=retry /> }.into_any(),
                Some(Ok((alerts, more_closing, more_closed, trials_unchecked, trials_checked))) => {
                    let count = alerts.len();
                    let shown: Vec<Alert> = if show_all.get() { alerts } else { alerts.into_iter().take(ALERTS_SHOWN).collect() };
                    let see = |count: i64, site_type: SiteType| (count > 0).then(|| {
                        let href = SitesView { site_type: Some(site_type), ..Default::default() }.url_at(places::SITES);
                        let label = move || {
                            let count = count.to_string();
                            match site_type {
                                SiteType::Closed => locale.get().tr_with(Key::MoreClosed, &[("count", &count)]),
                                _ => locale.get().tr_with(Key::MoreClosing, &[("count", &count)]),
                            }
                        };
                        view! { <li class="more"><A href>{label}</A></li> }
                    });
                    view! {
                        {(count == 0).then(|| view! { <p class="muted">{tr(Key::AlertsNone)}</p> })}
                        <ul class="alert-list">
                            {shown.into_iter().map(|alert| view! { <AlertItem alert /> }).collect_view()}
                            {see(more_closing, SiteType::ClosingSoon)}
                            {see(more_closed, SiteType::Closed)}
                        </ul>
                        {(count > ALERTS_SHOWN && !show_all.get()).then(|| view! {
                            <button type="button" class="ghost" on:click=move |_| show_all.set(true)>
                                {move || locale.get().tr_with(Key::ShowAllAlerts, &[("count", &count.to_string())])}
                            </button>
                        })}
                        {trials_unchecked.then(|| {
                            let href = SitesView { site_type: Some(SiteType::Trial), ..Default::default() }.url_at(places::SITES);
                            view! {
                                <p class="muted">
                                    {move || locale.get().tr_with(Key::TrialsChecked, &[("count", &trials_checked.to_string())])}
                                    " " <A href>{tr(Key::SeeAll)}</A>
                                </p>
                            }
                        })}
                    }
                    .into_any()
                }
            }}
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
        Concern::Closed => locale.tr(Key::ConcernClosed).to_owned(),
        Concern::Closing { days_left } => locale.tr_with(Key::ConcernClosing, &[("days", &days_left.to_string())]),
        Concern::TrialEnds { days_left } => locale.tr_with(Key::ConcernTrialEnds, &[("days", &days_left.to_string())]),
        Concern::LowBalance(balance) => locale.tr_with(Key::ConcernLowBalance, &[("count", &balance.to_string())]),
        Concern::DiskFull { free_percent } => {
            locale.tr_with(Key::ConcernDiskFull, &[("percent", &free_percent.to_string())])
        }
        Concern::QuotaFull { quota, used_percent } => locale.tr_with(
            Key::ConcernQuotaFull,
            &[("percent", &used_percent.to_string()), ("quota", locale.tr(quota_label(quota)))],
        ),
        Concern::PendingOrders(count) => locale.tr_with(Key::ConcernPendingOrders, &[("count", &count.to_string())]),
        Concern::UnreadForms(count) => locale.tr_with(Key::ConcernUnreadForms, &[("count", &count.to_string())]),
    }
}

fn quota_label(quota: QuotaKind) -> Key {
    match quota {
        QuotaKind::Bandwidth => Key::QuotaBandwidth,
        QuotaKind::Api => Key::QuotaApi,
        QuotaKind::Forms => Key::QuotaForms,
        QuotaKind::Products => Key::QuotaProducts,
        QuotaKind::Users => Key::QuotaUsers,
    }
}

#[derive(Clone, Copy)]
struct CardsScope(Memo<HashMap<String, CardState>>);

/// The cards of one page of sites.
#[component]
pub fn SiteCards(sites: Vec<Site>) -> impl IntoView {
    let portfolio = use_portfolio();
    portfolio.shown.set(sites.clone());
    // The cards read the session's figures through this page's memo (see `app::scope_reads`).
    provide_context(CardsScope(Memo::new(move |_| portfolio.cards.get())));
    view! {
        <ul class="site-cards">
            {sites.into_iter().map(|site| view! { <SiteCard site /> }).collect_view()}
        </ul>
    }
}

#[component]
fn SiteCard(site: Site) -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    let CardsScope(cards) = expect_context::<CardsScope>();
    let state = move |code: &str| cards.with(|cards| cards.get(code).cloned());
    let node = NodeRef::<leptos::html::Li>::new();
    let seen = use_seen(node);
    let code = StoredValue::new(site.code_site.clone());
    // In view and not loaded (first time, or forgotten by a refresh or a retry): ask for it.
    Effect::new(move |_| {
        if seen.get() && state(&code.get_value()).is_none() {
            portfolio.request(code.get_value());
        }
    });
    let retry = move |_| portfolio.forget(&[code.get_value()]);
    view! {
        // Where its figures stand, for tests and styles: waiting (not asked for, or queued), loading,
        // ready or failed.
        <li class="site-card" data-code=site.code_site.clone() node_ref=node data-state=move || match state(&code.get_value()) {
            None => "waiting",
            Some(CardState::Loading) => "loading",
            Some(CardState::Ready(_)) => "ready",
            Some(CardState::Failed(_)) => "failed",
        }>
            <div class="card-head">
                <h2><A href=places::site(&site.code_site, SiteTab::Overview)>{site.name.clone()}</A></h2>
                <PlanBadges plan=site.plan.clone() />
            </div>
            <p class="domain">
                <a href=web_address(&site.domain) target="_blank" rel="noopener noreferrer">{shown_address(&site.domain).to_owned()}</a>
            </p>
            {move || match state(&code.get_value()) {
                None | Some(CardState::Loading) => view! {
                    <p class="figures loading" aria-busy="true">{locale.get().tr(Key::Loading)}</p>
                }.into_any(),
                Some(CardState::Failed(error)) => view! {
                    <ErrorPanel message=error.user_message(locale.get()) on_retry=retry />
                }.into_any(),
                Some(CardState::Ready(figures)) => view! { <CardFigures figures /> }.into_any(),
            }}
        </li>
    }
}

#[component]
fn CardFigures(figures: Arc<Figures>) -> impl IntoView {
    let locale = use_locale();
    let number = move |n: i64| move || format::number(locale.get(), n as f64, 0);
    let figure = move |key: Key, value: i64| {
        view! {
            <div>
                <dt>{move || locale.get().tr(key)}</dt>
                <dd>{number(value)}</dd>
            </div>
        }
    };
    let orders = figures.stats.checkout.as_ref().map(|c| figure(Key::KpiPendingOrders, c.pending_orders));
    let forms = figures.stats.forms.as_ref().map(|f| figure(Key::KpiUnreadForms, f.unread_responses));
    let total: i64 = figures.visitors.iter().sum();
    let points = sparkline_points(&figures.visitors, 120.0, 32.0);
    view! {
        <dl class="figures">
            <div class="live">
                <dt>{tr(Key::LiveVisitors)}</dt>
                <dd>{number(figures.live)}</dd>
            </div>
            {orders}
            {forms}
        </dl>
        <figure class="sparkline">
            <svg viewBox="0 0 120 32" preserveAspectRatio="none" role="img"
                aria-label=move || format!("{} : {}", locale.get().tr(Key::Visitors30Days), format::number(locale.get(), total as f64, 0))>
                <polyline points=points />
            </svg>
            <figcaption>{tr(Key::Visitors30Days)} " " {number(total)}</figcaption>
        </figure>
    }
}

/// Becomes true once `node` has come into view (and stays so): cards load their figures only then.
fn use_seen(node: NodeRef<leptos::html::Li>) -> ReadSignal<bool> {
    type Observing = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>);
    let (seen, set_seen) = signal(false);
    let observing = StoredValue::new_local(None::<Observing>);
    Effect::new(move |_| {
        let Some(element) = node.get() else {
            return;
        };
        let on_change = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible =
                    entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
                if visible {
                    set_seen.set(true);
                    observer.disconnect();
                }
            },
        );
        if let Ok(observer) = web_sys::IntersectionObserver::new(on_change.as_ref().unchecked_ref()) {
            observer.observe(&element);
            observing.set_value(Some((observer, on_change)));
        }
    });
    on_cleanup(move || {
        observing.try_with_value(|observing| observing.as_ref().map(|(observer, _)| observer.disconnect()));
    });
    seen
}
