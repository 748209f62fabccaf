//! A card per site with its live figures, loaded when the card comes into view (see
//! `portfolio::cards`).

use std::collections::HashMap;
use std::sync::Arc;

use kiubi_wire::models::Site;
use leptos::prelude::*;

use crate::organize::LabelChips;

use super::cards::{use_portfolio, CardState};
use crate::chart::sparkline_points;
use crate::components::{use_seen, ErrorPanel, PlanBadges, SiteCheckbox};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};
use crate::many_sites::Figures;
use crate::places::{self, SiteTab};
use crate::router::A;
use crate::selection::{site_refs, SiteRef};
use crate::site_address::{shown_address, web_address};

#[derive(Clone, Copy)]
struct CardsScope(Memo<HashMap<String, CardState>>);

/// The cards layout of `SiteBrowser`.
pub fn cards_layout(sites: Vec<Site>) -> AnyView {
    view! { <SiteCards sites /> }.into_any()
}

/// The cards of one page of sites.
#[component]
pub fn SiteCards(sites: Vec<Site>) -> impl IntoView {
    let portfolio = use_portfolio();
    portfolio.shown.set(sites.clone());
    // The cards read the session's figures through this page's memo (see `components::region`).
    provide_context(CardsScope(Memo::new(move |_| portfolio.cards.get())));
    let page = StoredValue::new(site_refs(&sites));
    view! {
        <ul class="site-cards">
            {sites.into_iter().map(|site| view! { <SiteCard site page /> }).collect_view()}
        </ul>
    }
}

#[component]
fn SiteCard(site: Site, page: StoredValue<Vec<SiteRef>>) -> impl IntoView {
    let locale = use_locale();
    let portfolio = use_portfolio();
    let CardsScope(cards) = expect_context::<CardsScope>();
    let code = StoredValue::new(site.code_site.clone());
    // This card's state alone: another card's figures arriving re-renders nothing here.
    let state = Memo::new(move |_| code.with_value(|code| cards.with(|cards| cards.get(code).cloned())));
    let node = NodeRef::<leptos::html::Li>::new();
    let seen = use_seen(node);
    // In view and not loaded (first time, or forgotten by a refresh or a retry): ask for it.
    Effect::new(move |_| {
        if seen.get() && state.with(Option::is_none) {
            portfolio.request(code.get_value());
        }
    });
    let retry = move |_| portfolio.forget(&[code.get_value()]);
    view! {
        // Where its figures stand, for tests and styles: waiting (not asked for, or queued), loading,
        // ready or failed.
        <li class="site-card" data-code=site.code_site.clone() node_ref=node data-state=move || match state.get() {
            None => "waiting",
            Some(CardState::Loading) => "loading",
            Some(CardState::Ready(_)) => "ready",
            Some(CardState::Failed(_)) => "failed",
        }>
            <div class="card-head">
                <SiteCheckbox site=(site.code_site.clone(), site.name.clone()) page />
                <h2><A href=places::site(&site.code_site, SiteTab::Overview)>{site.name.clone()}</A></h2>
                <PlanBadges plan=site.plan.clone() />
            </div>
            <p class="domain">
                <a href=web_address(&site.domain) target="_blank" rel="noopener noreferrer">{shown_address(&site.domain).to_owned()}</a>
            </p>
            <LabelChips code=site.code_site.clone() />
            {move || match state.get() {
                // The figures' place, the size they will have.
                None | Some(CardState::Loading) => view! {
                    <dl class="figures placeholder" aria-busy="true"></dl>
                    <figure class="sparkline" aria-hidden="true">
                        <div class="placeholder"></div>
                        <figcaption>"\u{a0}"</figcaption>
                    </figure>
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
    // An unread figure is unknown ("—"), never 0.
    let number = move |n: Option<i64>| move || format::known(n, |n| locale.get().integer(n));
    let figure = move |key: PageKey, value: Option<i64>| {
        view! {
            <div>
                <dt>{move || locale.get().tr(key)}</dt>
                <dd>{number(value)}</dd>
            </div>
        }
    };
    let stats = figures.stats.as_ref();
    let orders = stats.and_then(|s| s.checkout.as_ref()).map(|c| figure(PageKey::KpiPendingOrders, c.pending_orders));
    let forms = stats.and_then(|s| s.forms.as_ref()).map(|f| figure(PageKey::KpiUnreadForms, f.unread_responses));
    let total = figures.visitors_total();
    let points = sparkline_points(figures.visitors.as_deref().unwrap_or_default(), 120.0, 32.0);
    view! {
        <dl class="figures">
            <div class="live">
                <dt>{tr(PageKey::LiveVisitors)}</dt>
                <dd>{number(figures.live)}</dd>
            </div>
            {orders}
            {forms}
        </dl>
        <figure class="sparkline">
            <svg viewBox="0 0 120 32" preserveAspectRatio="none" role="img"
                aria-label=move || format!("{} : {}", locale.get().tr(PageKey::Visitors30Days), number(total)())>
                <polyline points=points />
            </svg>
            <figcaption>{tr(PageKey::Visitors30Days)} " " {number(total)}</figcaption>
        </figure>
    }
}
