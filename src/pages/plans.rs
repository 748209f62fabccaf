//! The plans side by side. Opened from a site (`/plans?site=<code>`), the site's plan is marked.

use crate::router::use_query_map;
use leptos::prelude::*;

use crate::components::{loaded, page_resource, Breadcrumbs, Crumb, SentenceWith, UnreadableItems};
use crate::format::monthly;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::places::{self, SiteTab};

#[component]
pub fn PlansPage() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::PlansTitle);
    let query = use_query_map();
    let site_code = Memo::new(move |_| query.with(|q| q.get(places::PLANS_SITE)).filter(|c| !c.is_empty()));
    let plans = page_resource(|client| async move { client.plans().await.map(|r| r.data) });
    // Fetched together with the plans; the site's name and plan id mark its plan.
    let site = page_resource(move |client| {
        let code = site_code.get();
        async move {
            match code {
                Some(code) => client.site(&code, &[]).await.map(|r| Some(r.data)),
                None => Ok(None),
            }
        }
    });
    let current = move || site.get().and_then(Result::ok).flatten();
    view! {
        {move || current().map(|site| view! {
            <Breadcrumbs trail=vec![
                Crumb::message(Key::NavSites, Some(places::SITES.to_owned())),
                Crumb::text(site.name.clone(), Some(places::site(&site.code_site, SiteTab::Subscription))),
                Crumb::message(Key::PlansTitle, None),
            ] />
        })}
        <h1>{tr(Key::PlansTitle)}</h1>
        {loaded(plans, move |plans| {
                let site = current();
                let unreadable = plans.unreadable;
                view! {
                    <ul class="plans">
                        {plans
                            .items
                            .into_iter()
                            .map(|plan| {
                                let is_current = site.as_ref().is_some_and(|s| s.plan.plan_id == plan.plan_id);
                                let site_name = site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                                let cost = plan.monthly_cost;
                                view! {
                                    <li class="card plan-card" class:current=is_current
                                        aria-current=is_current.then_some("true") data-plan=plan.plan_id>
                                        <h2>{plan.name}</h2>
                                        {is_current.then(|| view! {
                                            <p class="badge current-plan">
                                                <SentenceWith key=PageKey::CurrentPlanOf placeholder="{site}" value=site_name />
                                            </p>
                                        })}
                                        <p class="cost">{move || monthly(locale.get(), cost)}</p>
                                        <p class="description">{plan.description}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <UnreadableItems items=unreadable />
                }
        })}
    }
}
