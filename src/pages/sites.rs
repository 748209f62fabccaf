//! The sites list: one page of `GET /v1/sites.json`, the page number in the URL (`?page=N`, 0-based).

use kiubi_wire::models::Site;
use kiubi_wire::paging::Paging;
use kiubi_wire::params::{SitesQuery, MAX_LIMIT};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::page_resource;
use crate::app::{use_locale, use_title};
use crate::components::ErrorPanel;
use crate::format;
use crate::i18n::Key;

#[component]
pub fn SitesPage() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::SitesTitle);
    let query = use_query_map();
    let page = Memo::new(move |_| query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(0)));

    let sites = page_resource(move |client| {
        let query = SitesQuery { limit: Some(MAX_LIMIT), page: Some(page.get()), ..Default::default() };
        async move { client.sites(&query).await }
    });

    view! {
        <h1>{move || locale.get().tr(Key::SitesTitle)}</h1>
        {move || match sites.get() {
            None => view! { <p class="loading" aria-busy="true">{locale.get().tr(Key::Loading)}</p> }.into_any(),
            Some(Ok(reply)) => {
                let paging = Paging::from_meta(&reply.meta, MAX_LIMIT);
                view! {
                    <SitesTable sites=reply.data />
                    <Pager paging=paging />
                }
                .into_any()
            }
            Some(Err(err)) => view! {
                <ErrorPanel message=err.user_message(locale.get()) on_retry=move |_| sites.refetch() />
            }
            .into_any(),
        }}
    }
}

/// The table of one page of sites.
#[component]
pub fn SitesTable(sites: Vec<Site>) -> impl IntoView {
    let locale = use_locale();
    if sites.is_empty() {
        return view! { <p class="empty">{move || locale.get().tr(Key::NoSites)}</p> }.into_any();
    }
    view! {
        <table class="sites">
            <thead>
                <tr>
                    <th scope="col">{move || locale.get().tr(Key::ColCode)}</th>
                    <th scope="col">{move || locale.get().tr(Key::ColName)}</th>
                    <th scope="col">{move || locale.get().tr(Key::ColDomain)}</th>
                    <th scope="col">{move || locale.get().tr(Key::ColCreated)}</th>
                </tr>
            </thead>
            <tbody>
                {sites
                    .into_iter()
                    .map(|site| {
                        let code = site.code_site.clone();
                        let href = site.domain.clone();
                        let created = site.creation_date.clone();
                        view! {
                            <tr data-code=code>
                                <td class="code">{site.code_site}</td>
                                <td>{site.name}</td>
                                <td>
                                    <a href=href target="_blank" rel="noopener noreferrer">{site.domain}</a>
                                </td>
                                <td class="date">{move || format::day(locale.get(), &created)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Previous / next links and the count, from the reply's paging.
#[component]
fn Pager(paging: Paging) -> impl IntoView {
    let locale = use_locale();
    let link = |page: Option<u32>, label: &'static str, rel: &'static str| {
        page.map(|p| view! { <a class="button" rel=rel href=format!("/sites?page={p}")>{label}</a> })
    };
    view! {
        <nav class="pager" aria-label="pages">
            {link(paging.previous(), "‹", "prev")}
            <span class="count">
                {paging.shown_range().map(|(from, to)| format!("{from}–{to} / "))}
                {paging.total_items} " " {move || locale.get().tr(Key::SitesCount)}
            </span>
            {link(paging.next(), "›", "next")}
        </nav>
    }
}
