//! The portfolio home (`/`): what needs attention first, then a card per site of the current page
//! (same search, filter, sort and paging as the sites list) with its live figures.
//!
//! Cheap by design. Trial and closing alerts come from three list queries (type filters) and the
//! `plan` blocks they carry, never from one call per site. Figures (live visitors, orders, forms,
//! usage, a 30-day sparkline) are read only for cards that come into view, for at most
//! `SITES_IN_FLIGHT` sites at a time, kept for the session (`portfolio::cards`), refreshed on
//! demand; when the API quota runs low (`many_sites::quota::RATE_RESERVE`), loading pauses with a note
//! instead of hitting the limit.

use kiubi_wire::enums::{SiteSort, SiteType};
use kiubi_wire::models::Site;
use kiubi_wire::params::SitesQuery;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::clock;
use crate::components::{async_view, page_resource, Paused, PausedNote, SiteBrowser};
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::many_sites::{every_site, GoOn};
use crate::organize::use_organizer;
use crate::places::{self, SiteTab, SitesView};
use crate::portfolio::{
    alerts, cards_layout, figure_concerns, plan_concerns, set_aside, snoozed, use_portfolio, woken, Alert, CardState,
    Concern, QuotaKind, Snooze, SnoozeFor, ThresholdsDialog, Until,
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
        // A memo: the note is drawn again when what it says changes, not at each site's figures.
        <PausedNote left=Memo::new(move |_| portfolio.paused()).into() what=Paused::Figures
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

/// What the alerts say once their lists are read: the alerts shown and those snoozed, the closing
/// and closed sites beyond the first page, and how many trials were checked (all of them or not).
#[derive(Clone, PartialEq, Default)]
struct Attention {
    shown: Vec<Alert>,
    put_aside: Vec<Alert>,
    more_closing: i64,
    more_closed: i64,
    trials_unchecked: bool,
    trials_checked: usize,
}

#[component]
fn Alerts() -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    let workspace = use_organizer().workspace();
    let tuning = RwSignal::new(false);
    let showing_snoozed = RwSignal::new(false);
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
    // Computed again as each card's figures arrive.
    let found = Memo::new(move |_| {
        let today = clock::today();
        let thresholds = workspace.with(|ws| ws.thresholds);
        let lists = [trial.get(), closing.get(), closed.get()];
        if let Some(Err(error)) = lists.iter().flatten().find(|l| l.is_err()) {
            return Some(Err(error.clone()));
        }
        let lists: Vec<Found> = lists.into_iter().collect::<Option<Result<_, _>>>()?.ok()?;
        let (shown, put_aside) = portfolio.shown.with(|shown| {
            let from_plans = lists.iter().flat_map(|(sites, _)| sites.iter());
            let from_plans = from_plans.map(|site| (site, plan_concerns(site, today, &thresholds)));
            let from_figures = shown.iter().map(|site| {
                let mut concerns = plan_concerns(site, today, &thresholds);
                if let Some(CardState::Ready(figures)) = portfolio.state(&site.code_site) {
                    if let (Some(stats), Some(usage)) = (&figures.stats, &figures.usage) {
                        concerns.extend(figure_concerns(stats, usage, &thresholds));
                    }
                }
                (site, concerns)
            });
            workspace.with(|ws| set_aside(alerts(from_plans.chain(from_figures)), &ws.snoozes, today))
        });
        let more = |(sites, total): &Found| (*total - sites.len() as i64).max(0);
        Some(Ok(Attention {
            shown,
            put_aside,
            more_closing: more(&lists[1]),
            more_closed: more(&lists[2]),
            trials_unchecked: more(&lists[0]) > 0,
            trials_checked: lists[0].0.len(),
        }))
    });
    // The list is drawn once its lists are read; then each part follows `found` on its own, and an
    // alert that comes or goes adds or removes its line only (with 40 alerts, drawing them all again
    // on each card's arrival held the main thread).
    let status = Memo::new(move |_| found.with(|f| f.as_ref().map(|f| f.as_ref().map(|_| ()).map_err(Clone::clone))));
    let attention =
        Memo::new(move |_| found.with(|f| f.as_ref().and_then(|f| f.as_ref().ok()).cloned().unwrap_or_default()));
    let shown = Memo::new(move |_| attention.with(|a| a.shown.clone()));
    let put_aside = Memo::new(move |_| attention.with(|a| a.put_aside.clone()));
    let see = move |more: fn(&Attention) -> i64, site_type: SiteType| {
        move || {
            let count = attention.with(more);
            (count > 0).then(|| {
                let href = SitesView { site_type: Some(site_type), ..Default::default() }.url_at(places::SITES);
                let count = count.to_string();
                let label = match site_type {
                    SiteType::Closed => locale.get().tr_with(PageKey::MoreClosed, &[("count", &count)]),
                    _ => locale.get().tr_with(PageKey::MoreClosing, &[("count", &count)]),
                };
                view! { <li class="more"><A href>{label}</A></li> }
            })
        }
    };
    view! {
        <section class="alerts" aria-labelledby="alerts-title">
            <div class="alerts-head">
                <h2 id="alerts-title">{tr(PageKey::AlertsTitle)}</h2>
                <button type="button" class="ghost small" id="alert-settings" on:click=move |_| tuning.set(true)>
                    {tr(PageKey::AlertSettings)}
                </button>
            </div>
            {move || tuning.get().then(|| view! { <ThresholdsDialog open=tuning /> })}
            // One height however many alerts come, and as they come (the cards' figures add some):
            // the cards below never move; the list scrolls.
            <div class="alerts-body">
            {async_view(move || status.get(), Callback::new(retry), move || view! { <p class="loading" aria-busy="true">{tr(PageKey::AlertsChecking)}</p> }, move |()| view! {
                {move || shown.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(PageKey::AlertsNone)}</p> })}
                {move || {
                    let aside = put_aside.with(Vec::len);
                    (aside > 0).then(|| view! {
                        <p class="snoozed-note">
                            {move || locale.get().tr_count(PageKey::SnoozedCount, aside as i64, &[])}
                            " "
                            <button type="button" class="ghost small" id="show-snoozed" aria-controls="snoozed-alerts"
                                aria-expanded=move || showing_snoozed.get().to_string()
                                on:click=move |_| showing_snoozed.update(|on| *on = !*on)>
                                {move || locale.get().tr(if showing_snoozed.get() { PageKey::HideSnoozed } else { PageKey::ShowSnoozed })}
                            </button>
                        </p>
                    })
                }}
                {move || showing_snoozed.get().then(|| view! {
                    <ul class="alert-list snoozed" id="snoozed-alerts">
                        <For each=move || put_aside.get() key=Alert::clone children=|alert| view! { <SnoozedItem alert /> } />
                    </ul>
                })}
                <ul class="alert-list">
                    <For each=move || shown.get() key=Alert::clone children=|alert| view! { <AlertItem alert /> } />
                    {see(|a| a.more_closing, SiteType::ClosingSoon)}
                    {see(|a| a.more_closed, SiteType::Closed)}
                </ul>
                {move || attention.with(|a| a.trials_unchecked.then_some(a.trials_checked)).map(|checked| {
                    let href = SitesView { site_type: Some(SiteType::Trial), ..Default::default() }.url_at(places::SITES);
                    view! {
                        <p class="muted">
                            {move || locale.get().tr_with(PageKey::TrialsChecked, &[("count", &checked.to_string())])}
                            " " <A href>{tr(PageKey::SeeAll)}</A>
                        </p>
                    }
                })}
            })}
            </div>
        </section>
    }
}

/// An alert's line: its site (a link) and what it says, then what can be done with it (`children`).
#[component]
fn AlertLine(alert: Alert, #[prop(into)] class: String, children: Children) -> impl IntoView {
    let locale = use_locale();
    let href = places::site(&alert.code_site, SiteTab::Overview);
    let concern = alert.concern;
    view! {
        <li class=class data-code=alert.code_site.clone() data-kind=concern.kind().as_str()>
            <A href><bdi>{alert.name}</bdi></A>
            <span>{move || concern_text(locale.get(), concern)}</span>
            {children()}
        </li>
    }
}

/// An alert shown, with its snooze.
#[component]
fn AlertItem(alert: Alert) -> impl IntoView {
    let organizer = use_organizer();
    let class = format!("alert {}", alert.concern.tone().class());
    let line = alert.clone();
    let alert = StoredValue::new(alert);
    let snooze = move |how: SnoozeFor| {
        let today = clock::today();
        let snooze = Snooze::of(&alert.get_value(), how, today);
        // Refused by the browser, the alert stays and the sidebar says why.
        let _ = organizer.change(|ws| ws.snoozes = snoozed(&ws.snoozes, snooze, today));
    };
    view! {
        <AlertLine alert=line class>
            <details class="snooze">
                <summary>{tr(PageKey::Snooze)}</summary>
                <div class="snooze-choices">
                    <button type="button" class="ghost small" data-snooze="day" on:click=move |_| snooze(SnoozeFor::OneDay)>
                        {tr(PageKey::SnoozeDay)}
                    </button>
                    <button type="button" class="ghost small" data-snooze="week" on:click=move |_| snooze(SnoozeFor::SevenDays)>
                        {tr(PageKey::SnoozeWeek)}
                    </button>
                    <button type="button" class="ghost small" data-snooze="change" on:click=move |_| snooze(SnoozeFor::UntilItChanges)>
                        {tr(PageKey::SnoozeChange)}
                    </button>
                </div>
            </details>
        </AlertLine>
    }
}

/// An alert put aside: what it says, until when, and the button that shows it again.
#[component]
fn SnoozedItem(alert: Alert) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let until = organizer.workspace().with_untracked(|ws| {
        ws.snoozes.iter().find(|s| s.is_for(&alert.code_site, alert.concern.kind())).map(|s| s.until)
    });
    let until = move || match until {
        Some(Until::Day(day)) => {
            locale.get().tr_with(PageKey::SnoozedUntil, &[("date", &format::day(locale.get(), Some(day)))])
        }
        _ => locale.get().tr(PageKey::SnoozedWhile).to_owned(),
    };
    let line = alert.clone();
    let alert = StoredValue::new(alert);
    view! {
        <AlertLine alert=line class="alert snoozed">
            <span class="muted">{until}</span>
            <button type="button" class="ghost small wake"
                on:click=move |_| { let _ = organizer.change(|ws| ws.snoozes = woken(&ws.snoozes, &alert.get_value())); }>
                {tr(PageKey::Wake)}
            </button>
        </AlertLine>
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
        Concern::PendingOrders(count) => locale.tr_count(PageKey::ConcernPendingOrders, count, &[]),
        Concern::UnreadForms(count) => locale.tr_count(PageKey::ConcernUnreadForms, count, &[]),
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
