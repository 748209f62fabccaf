//! Components shared by several pages.

mod bulk;
mod chart;
mod current_site;
mod export;
mod form;
mod lazy;
mod palette;
mod picking;
mod polling;
mod preferences;
mod site_browser;
mod site_cards;
mod site_job;
mod site_search;
mod toasts;
mod visibility;

pub use bulk::BULK_DOCK;
pub use chart::{Chart, Series, Shape};
pub use current_site::{use_current_site, CurrentSite};
pub use form::{civility_label, civility_options, invalid_message, Field, FieldKind, FormState, SelectField};
pub use lazy::{poll_once, prefetch_when_idle, Lazy, LazyPage, SplitLoaderError};
pub use picking::{PageCheckbox, SelectionBar, SiteCheckbox};
pub use polling::use_polling;
pub use preferences::PreferenceSwitches;
pub use site_browser::{table_layout, SiteBrowser, SitesLayout, SitesTable};
pub use site_cards::{cards_layout, SiteCards};
pub use site_job::{KeptJob, SiteJob};
pub use site_search::{SiteSearch, SiteSwitcher};
pub use toasts::{use_toasts, ToastKind, ToastRegion, Toasts};
pub use visibility::use_seen;

use std::time::Duration;

use crate::places;
use crate::router::{NavigateOptions, A};
use crate::session::Session;
use kiubi_wire::lenient::Unreadable;
use kiubi_wire::paging::Paging;
use leptos::prelude::*;

use crate::api::jobs::JobState;
use crate::api::ApiError;
use crate::clock;
use crate::format;
use crate::i18n::{scope_locale, tr, use_locale, Key, Locale, Message, PageKey};
use crate::site_state::{plan_badges, PlanBadge};

/// Signs out, says so, and goes to the sign-in page (the top bar's button, the palette's action).
pub fn sign_out(session: Session, toasts: Toasts, locale: Locale, navigate: &impl Fn(&str, NavigateOptions)) {
    session.sign_out();
    toasts.push(ToastKind::Success, locale.tr(Key::SignedOut));
    navigate(places::SIGN_IN, Default::default());
}

/// A failure shown where it happened, with a retry button when `on_retry` is given.
#[component]
pub fn ErrorPanel(message: String, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <button type="button" on:click=move |_| retry.run(())>{tr(Key::Retry)}</button>
            })}
        </div>
    }
}

/// A view region re-rendered as what it reads changes. It reads the language and the current path
/// through memos of its own, over the enclosing region's: the reactive graph (reactive_graph 0.2)
/// never removes a dropped view's closures from the subscribers of a signal that outlives it, so a
/// region re-rendered for each page of a list would otherwise leave ~14 KB per page turn in the
/// panel-wide signals for good (BENCHMARKS.md). With these memos, the dropped closures go with the
/// region; only the outermost (the page) leaves its two memos' entries (a few bytes).
pub fn region<V: IntoView + 'static>(render: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    move || {
        scope_locale();
        crate::router::scope_pathname();
        render()
    }
}

/// What a read shows, the same way everywhere: `loading` until it answers, its error with a retry,
/// else `show` of its value; drawn as a `region`.
pub fn async_view<T, V, L>(
    state: impl Fn() -> Option<Result<T, ApiError>> + Send + Sync + 'static,
    retry: Callback<()>,
    loading: impl Fn() -> L + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
    L: IntoView + 'static,
{
    let locale = use_locale();
    region(move || match state() {
        None => loading().into_any(),
        Some(Err(error)) => view! { <ErrorPanel message=error.user_message(locale.get()) on_retry=retry /> }.into_any(),
        Some(Ok(value)) => show(value).into_any(),
    })
}

/// A resource as `async_view` shows it, with a "Loading…" line meanwhile.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let locale = use_locale();
    let loading = move || view! { <p class="loading" aria-busy="true">{locale.get().tr(Key::Loading)}</p> };
    async_view(move || resource.get(), Callback::new(move |_| resource.refetch()), loading, show)
}

/// The user's message for a write's failure, while its latest run is one.
pub fn failure_of<I, T>(action: Action<I, Result<T, ApiError>>) -> impl Fn() -> Option<String> + Copy + Send + Sync
where
    I: 'static,
    T: 'static,
{
    let locale = use_locale();
    move || action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(|e| e.user_message(locale.get())))
}

/// `source`, once it has stopped changing for `wait`: typing fires one request, not one per key.
pub fn use_debounced(source: RwSignal<String>, wait: Duration) -> ReadSignal<String> {
    let (settled, set_settled) = signal(source.get_untracked());
    let generation = StoredValue::new(0u64);
    Effect::new(move |first_run_done: Option<()>| {
        let value = source.get();
        if first_run_done.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                // A later change has its own timer; the owner may be gone (page left).
                if generation.try_get_value() == Some(mine) {
                    set_settled.try_set(value);
                }
            },
            wait,
        );
    });
    settled
}

/// One step of a breadcrumb trail: a message or a text, a link unless it is the current page.
#[derive(Clone)]
pub struct Crumb {
    label: CrumbLabel,
    href: Option<String>,
}

#[derive(Clone)]
enum CrumbLabel {
    Message(Key),
    Text(String),
}

impl Crumb {
    pub fn message(key: Key, href: Option<String>) -> Crumb {
        Crumb { label: CrumbLabel::Message(key), href }
    }

    pub fn text(text: String, href: Option<String>) -> Crumb {
        Crumb { label: CrumbLabel::Text(text), href }
    }
}

/// Where the page sits: "Sites › Boulangerie › Backups"; the last step is the current page.
#[component]
pub fn Breadcrumbs(trail: Vec<Crumb>) -> impl IntoView {
    let locale = use_locale();
    let last = trail.len().saturating_sub(1);
    view! {
        <nav class="breadcrumbs" aria-label=tr(PageKey::Breadcrumbs)>
            <ol>
                {trail
                    .into_iter()
                    .enumerate()
                    .map(|(i, crumb)| {
                        let label = move || match &crumb.label {
                            CrumbLabel::Message(key) => locale.get().tr(*key).to_owned(),
                            CrumbLabel::Text(text) => text.clone(),
                        };
                        match crumb.href.clone().filter(|_| i != last) {
                            Some(href) => view! { <li><a href=href>{label}</a></li> }.into_any(),
                            None => view! { <li aria-current="page">{label}</li> }.into_any(),
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// The words of a plan badge.
pub fn badge_label(locale: Locale, badge: PlanBadge) -> String {
    let day = |d: kiubi_wire::params::Day| format::day(locale, &d.to_iso());
    match badge {
        PlanBadge::Closed => locale.tr(Key::BadgeClosed).to_owned(),
        PlanBadge::Closing { on, .. } => locale.tr_with(Key::BadgeClosingOn, &[("date", &day(on))]),
        PlanBadge::Trial { until: Some(until), .. } => locale.tr_with(Key::BadgeTrialUntil, &[("date", &day(until))]),
        PlanBadge::Trial { until: None, .. } => locale.tr(Key::BadgeTrial).to_owned(),
        PlanBadge::Demo => locale.tr(Key::BadgeDemo).to_owned(),
        PlanBadge::Free => locale.tr(Key::BadgeFree).to_owned(),
        PlanBadge::Credits(n) => locale.tr_count(Key::BadgeCredits, n, &[("count", &format::integer(locale, n))]),
    }
}

/// The state badges of a site's plan (trial until…, closed, closes on…, demo, free, credits).
#[component]
pub fn PlanBadges(plan: kiubi_wire::models::SitePlan) -> impl IntoView {
    let locale = use_locale();
    let badges = plan_badges(&plan, clock::today());
    view! {
        <span class="badges">
            {badges
                .into_iter()
                .map(|badge| view! { <span class=badge.tone().class()>{move || badge_label(locale.get(), badge)}</span> })
                .collect_view()}
        </span>
    }
}

/// A job under way or ended: status, a progress bar and its step; a failure says why; one running
/// past its deadline says so, with a way to keep waiting.
#[component]
pub fn JobProgress(job: SiteJob, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let state = job.state()?;
        let title = title.get();
        let locale = locale.get();
        Some(match state {
            JobState::Running { progression, step } => view! {
                <div class="job" role="status" aria-live="polite">
                    <p><strong>{title}</strong> " — " {locale.tr(PageKey::JobRunning)} " " {format!("{progression} %")}</p>
                    <progress max="100" value=progression.to_string()></progress>
                    {step.filter(|s| !s.trim().is_empty()).map(|step| view! { <p class="step">{step}</p> })}
                    {job.is_overdue().then(|| view! {
                        <div class="job-overdue" role="alert">
                            <p>{locale.tr(PageKey::JobOverdue)}</p>
                            <button type="button" on:click=move |_| job.keep_waiting()>{locale.tr(PageKey::KeepWaiting)}</button>
                        </div>
                    })}
                </div>
            }
            .into_any(),
            JobState::Done => view! {
                <div class="job done" role="status"><p><strong>{title}</strong> " — " {locale.tr(PageKey::JobDone)}</p></div>
            }
            .into_any(),
            JobState::Failed(why) => {
                let why = if why.trim().is_empty() { locale.tr(PageKey::JobFailedNoReason).to_owned() } else { why };
                view! {
                    <div class="job failed" role="alert">
                        <p><strong>{title}</strong> " — " {locale.tr(PageKey::JobFailed)}</p>
                        <p>{why}</p>
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// A table's column heading, in the current language.
pub fn column_heading(locale: Memo<Locale>, key: impl Message) -> impl IntoView {
    view! { <th scope="col">{move || locale.get().tr(key)}</th> }
}

/// A sentence of the interface with a value from the API in it: the value is bidi-isolated
/// (`<bdi>`), so right-to-left text or a direction override in it cannot reorder the words around it.
#[component]
pub fn SentenceWith<M: Message>(key: M, placeholder: &'static str, #[prop(into)] value: String) -> impl IntoView {
    let locale = use_locale();
    move || {
        let (before, after) = crate::i18n::around(locale.get().tr(key), placeholder);
        view! { {before} <bdi>{value.clone()}</bdi> {after} }
    }
}

/// The items of a list that could not be read, each said in the list's place, named by its code
/// when it has one: one odd item does not blank the list.
#[component]
pub fn UnreadableItems(items: Vec<Unreadable>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="unreadable-items" role="status">
                {items
                    .into_iter()
                    .map(|item| {
                        let id = item.id.unwrap_or_else(|| "—".to_owned());
                        view! { <li><SentenceWith key=Key::UnreadableItem placeholder="{id}" value=id /></li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// A monthly cost: "29,00 € / mois".
pub fn monthly(locale: Locale, amount: f64) -> String {
    locale.tr_with(PageKey::PerMonth, &[("amount", &format::money(locale, amount))])
}

/// A modal dialog, open while `open` is true, its content built afresh each time it opens. Escape,
/// a click on the backdrop and `open.set(false)` close it; the browser keeps the focus inside.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    #[prop(into)] class: String,
    #[prop(into)] label: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    view! {
        // A click on the backdrop lands on the dialog itself.
        <dialog node_ref=dialog class=class aria-label=move || label.get()
            on:close=move |_| open.set(false)
            on:click=move |ev| {
                if ev.target() == ev.current_target() {
                    open.set(false);
                }
            }>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

/// What a pager counts: its words say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Sites,
    Events,
}

/// First, previous, next and last page (the last when the reply tells it), and which items are shown
/// out of how many, or which items only when the reply gives no count.
#[component]
pub fn Pager(paging: Paging, page_href: Callback<u32, String>, counted: Counted) -> impl IntoView {
    let locale = use_locale();
    let link = move |page: Option<u32>, label: &'static str, title: Key, rel: Option<&'static str>| match page {
        Some(page) => view! {
            <A href=page_href.run(page) class="button" rel=rel
                title=Signal::derive(move || locale.get().tr(title).to_owned())>{label}</A>
        }
        .into_any(),
        None => view! { <span class="button" aria-disabled="true">{label}</span> }.into_any(),
    };
    let not_first = (paging.current > 0).then_some(0);
    let not_last = paging.last().filter(|last| *last > paging.current);
    let count = move || {
        let locale = locale.get();
        let number = |n: u64| format::integer(locale, i64::try_from(n).unwrap_or(i64::MAX));
        let (from, to) = paging.shown_range().unwrap_or((0, 0));
        let (from, to) = (number(from), number(to));
        match (counted, paging.total_items.map(number)) {
            (Counted::Sites, Some(total)) => {
                locale.tr_with(Key::ShownOfTotal, &[("from", &from), ("to", &to), ("total", &total)])
            }
            (Counted::Sites, None) => locale.tr_with(Key::ShownSites, &[("from", &from), ("to", &to)]),
            (Counted::Events, Some(total)) => {
                locale.tr_with(Key::ShownOfTotalEvents, &[("from", &from), ("to", &to), ("total", &total)])
            }
            (Counted::Events, None) => locale.tr_with(Key::ShownEvents, &[("from", &from), ("to", &to)]),
        }
    };
    view! {
        <nav class="pager" aria-label=tr(Key::Pages)>
            {link(not_first, "«", Key::FirstPage, None)}
            {link(paging.previous(), "‹", Key::PreviousPage, Some("prev"))}
            <span class="count">{count}</span>
            {link(paging.next(), "›", Key::NextPage, Some("next"))}
            {link(not_last, "»", Key::LastPage, None)}
        </nav>
    }
}
