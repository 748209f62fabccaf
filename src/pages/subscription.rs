//! A site's subscription: plan, total monthly cost, credits, state with warnings, and its options.

use crate::router::A;
use kiubi_wire::models::{Subscription, SubscriptionOption};
use leptos::prelude::*;

use crate::clock;
use crate::components::{
    column_heading, loaded, loaded_with, page_resource, use_current_site, PlanBadges, UnreadableItems,
};
use crate::format::{self, monthly};
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::places;
use crate::site_plan::{closes_soon, plan_of_subscription, PlanBadge, SOON_DAYS};

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    use_title(PageKey::TabSubscription);
    let current = use_current_site();
    // Both at once: they do not depend on each other.
    let subscription = page_resource(move |client| {
        let code = current.code.get();
        async move { client.subscription(&code).await.map(|r| r.data) }
    });
    let options = page_resource(move |client| {
        let code = current.code.get();
        async move { client.options(&code).await.map(|r| r.data) }
    });
    view! {
        {loaded_with(
            subscription,
            || view! { <SubscriptionCard subscription=None /> },
            |subscription| view! { <SubscriptionCard subscription=Some(subscription) /> },
        )}
        <h2 class="section-title">{tr(PageKey::OptionsTitle)}</h2>
        {loaded(options, |options| view! {
            <OptionsTable options=options.items />
            <UnreadableItems items=options.unreadable />
        })}
    }
}

/// The plan, its monthly total and the credits; while they load, the same card with empty values
/// (nothing below moves).
#[component]
fn SubscriptionCard(subscription: Option<Subscription>) -> impl IntoView {
    let locale = use_locale();
    let current = use_current_site();
    let today = clock::today();
    let loading = subscription.is_none();
    let blank = || view! { "\u{a0}" }.into_any();
    let plan = subscription.as_ref().map(plan_of_subscription);
    let closing_in = plan.as_ref().and_then(|plan| closes_soon(plan, today));
    let trial_ends_in =
        plan.iter().flat_map(|plan| crate::site_plan::plan_badges(plan, today)).find_map(|badge| match badge {
            PlanBadge::Trial { days_left: Some(days), .. } if days <= SOON_DAYS => Some(days.max(0)),
            _ => None,
        });
    let name = match (&subscription, plan) {
        (Some(subscription), Some(plan)) => {
            view! { <bdi>{subscription.plan_name.clone()}</bdi> " " <PlanBadges plan /> }.into_any()
        }
        _ => blank(),
    };
    let total = match &subscription {
        Some(subscription) => {
            let total = subscription.monthly_cost;
            view! { {move || monthly(locale.get(), total)} }.into_any()
        }
        None => blank(),
    };
    // Unknown credits are not "0".
    let balance = match &subscription {
        Some(subscription) => {
            let balance = subscription.balance;
            view! { {move || format::known(balance, |b| locale.get().integer(b))} }.into_any()
        }
        None => blank(),
    };
    let compare = places::plans_for(&current.code.get_untracked());
    view! {
        {closing_in.map(|days| view! {
            <div class="warning-panel" role="alert">
                {move || locale.get().tr_count(PageKey::ClosesSoonWarning, days, &[])}
            </div>
        })}
        {trial_ends_in.map(|days| view! {
            <div class="warning-panel" role="alert">
                {move || locale.get().tr_count(PageKey::TrialEndsSoonWarning, days, &[])}
            </div>
        })}
        <section class="card subscription" aria-busy=loading.then_some("true")>
            <h2>{tr(PageKey::PlanTitle)}</h2>
            <p class="plan-name">{name}</p>
            <dl>
                <dt>{tr(PageKey::MonthlyTotal)}</dt>
                <dd class="total">{total}</dd>
                <dt>{tr(PageKey::CreditsBalance)}</dt>
                <dd>{balance}</dd>
            </dl>
            <A href=compare>{tr(PageKey::ComparePlans)}</A>
        </section>
    }
}

#[component]
fn OptionsTable(options: Vec<SubscriptionOption>) -> impl IntoView {
    let locale = use_locale();
    if options.is_empty() {
        return view! { <p class="empty">{tr(PageKey::NoOptions)}</p> }.into_any();
    }
    let options_total: f64 = options.iter().map(|o| o.monthly_cost).sum();
    view! {
        <table class="options">
            <thead>
                <tr>
                    {column_heading(locale, PageKey::ColOption)}
                    {column_heading(locale, Key::ColCode)}
                    {column_heading(locale, PageKey::ColQuantity)}
                    {column_heading(locale, PageKey::ColRemaining)}
                    {column_heading(locale, PageKey::ColMonthlyCost)}
                </tr>
            </thead>
            <tbody>
                {options
                    .into_iter()
                    .map(|option| {
                        let cost = option.monthly_cost;
                        let (quantity, max, remaining) = (option.quantity, option.quantity_max, option.quantity_remaining);
                        let code = option.code.clone();
                        view! {
                            <tr data-code=code>
                                <td>{option.name}</td>
                                <td class="code">{option.code}</td>
                                <td>{move || format!("{quantity} / {max}")}</td>
                                <td>
                                    <meter min="0" max=max.max(1).to_string() value=remaining.to_string()
                                        aria-label=tr(PageKey::ColRemaining)></meter>
                                    " " {remaining}
                                </td>
                                <td class="money">{move || monthly(locale.get(), cost)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="4">{tr(PageKey::OptionsTotal)}</th>
                    <td class="money">{move || monthly(locale.get(), options_total)}</td>
                </tr>
            </tfoot>
        </table>
    }
    .into_any()
}
