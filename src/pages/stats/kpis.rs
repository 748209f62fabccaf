//! Orders, cart, conversion, stock and forms (`stats.json`).

use kiubi_wire::models::Stats;
use leptos::prelude::*;

use crate::components::{loaded_with, page_resource};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};

/// One KPI: a label, a figure, and an optional line under it.
#[component]
fn Kpi(
    label: PageKey,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] detail: Option<Signal<String>>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="kpi">
            <p class="kpi-label">{move || locale.get().tr(label)}</p>
            <p class="kpi-value">{move || value.get()}</p>
            {detail.map(|detail| view! { <p class="kpi-detail">{move || detail.get()}</p> })}
        </div>
    }
}

/// Orders, cart, conversion, stock and forms; a section the site lacks is left out, not shown as zero.
#[component]
pub(super) fn KpiCards(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let stats = page_resource(move |client| async move { client.stats(&code.get_value()).await.map(|r| r.data) });
    // While loading: a row of empty boxes, the height of the figures (one row however many come).
    let placeholder = || {
        view! {
            <div class="kpis" aria-busy="true">
                {(0..3).map(|_| view! { <div class="kpi placeholder"></div> }).collect_view()}
            </div>
        }
    };
    loaded_with(stats, placeholder, kpis)
}

fn kpis(stats: Stats) -> impl IntoView {
    let locale = use_locale();
    // A figure the API did not know reads "—", not 0.
    let count = move |n: Option<i64>| Signal::derive(move || format::known(n, |n| locale.get().integer(n)));
    let money =
        move |amount: Option<f64>| Signal::derive(move || format::known(amount, |a| format::money(locale.get(), a)));
    let empty = stats.checkout.is_none() && stats.catalog.is_none() && stats.forms.is_none();
    view! {
        // Scrolled sideways on a narrow screen: reachable by the keyboard, and named.
        <div class="kpis" tabindex="0" role="region" aria-label=tr(PageKey::KeyFigures)>
            {stats.checkout.map(|c| {
                let rate = c.monthly_transformation;
                view! {
                    <Kpi label=PageKey::KpiPendingOrders value=count(c.pending_orders) detail=money(c.pending_orders_amount) />
                    <Kpi label=PageKey::KpiAverageCart value=money(c.average_cart) />
                    <Kpi label=PageKey::KpiConversion value=Signal::derive(move || format::known(rate, |rate| format::percent(locale.get(), rate))) />
                }
            })}
            {stats.catalog.map(|c| view! {
                <Kpi label=PageKey::KpiOutOfStock value=count(c.stock_shortage_count) />
                <Kpi label=PageKey::KpiToRestock value=count(c.refillable_count) />
            })}
            {stats.forms.map(|f| view! { <Kpi label=PageKey::KpiUnreadForms value=count(f.unread_responses) /> })}
            {empty.then(|| view! { <p class="kpi muted">{tr(PageKey::NoShopNoForms)}</p> })}
        </div>
    }
}
