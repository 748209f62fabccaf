//! The account's sites with search, type filter, sort and paging, all in the URL (see
//! `places::SitesView`): the sites list's table and the home's cards.

use std::time::Duration;

use crate::components::page_resource;
use crate::router::{is_on_control, use_navigate, use_query_map, NavigateOptions, A};
use kiubi_wire::enums::{SiteSort, SiteType};
use kiubi_wire::lenient::Unreadable;
use kiubi_wire::models::Site;
use kiubi_wire::paging::Paging;
use kiubi_wire::params::MAX_LIMIT;
use leptos::prelude::*;

use super::{
    async_view, column_heading, counted_sites, use_debounced, Lazy, LazyView, PageCheckbox, Pager, PlanBadges,
    SelectionBar, SiteCheckbox, UnreadableItems,
};
use crate::format;
use crate::i18n::{tr, use_locale, Key};
use crate::places::{self, SiteTab, SitesView};
use crate::selection::site_refs;
use crate::site_address::{shown_address, web_address};

const TYPING_PAUSE: Duration = Duration::from_millis(250);

fn type_label(site_type: SiteType) -> Key {
    match site_type {
        SiteType::Open => Key::TypeOpen,
        SiteType::Trial => Key::TypeTrial,
        SiteType::Closed => Key::TypeClosed,
        SiteType::ClosingSoon => Key::TypeClosingSoon,
        SiteType::Demo => Key::TypeDemo,
        SiteType::Free => Key::TypeFree,
    }
}

fn sort_label(sort: SiteSort) -> Key {
    match sort {
        SiteSort::CodeSite => Key::SortCode,
        SiteSort::CodeSiteDesc => Key::SortCodeDesc,
        SiteSort::Relevance => Key::SortRelevance,
        SiteSort::CreationDate => Key::SortCreated,
        SiteSort::CreationDateDesc => Key::SortCreatedDesc,
        SiteSort::ClosingDate => Key::SortClosing,
        SiteSort::ClosingDateDesc => Key::SortClosingDesc,
    }
}

/// How `SiteBrowser` shows a page of sites. A function given by the page, not a choice made here,
/// so that a layout's code goes with the pages that use it (the cards and their figures are not
/// part of the first visit's code: ARCHITECTURE.md, "Code splitting").
pub type SitesLayout = fn(Vec<Site>) -> AnyView;

/// Where a list of sites is browsed (its page's place), how it is shown, and its view as the URL
/// says (read there once); provided by `SiteBrowser` for the lazy code's parts of it (a list
/// filtered by the agency's labels or notes, the filters of those).
#[derive(Clone, Copy)]
pub struct SiteListing {
    pub at: &'static str,
    pub layout: SitesLayout,
    pub view: Memo<SitesView>,
}

/// The labels of a row's site, drawn by the lazy code (`organize`), which fills this in once it is
/// there (the list's tools do, when they first show): a row needs no loader of its own (a `Lazy`
/// per row cost the first visit's module 630 B, this 440 B).
#[derive(Clone, Copy)]
pub struct RowLabels(pub RwSignal<Option<DrawLabels>>);

/// Draws the labels of the site of a code.
pub type DrawLabels = fn(String) -> AnyView;

/// The sites as a table.
pub fn table_layout(sites: Vec<Site>) -> AnyView {
    view! { <SitesTable sites /> }.into_any()
}

/// The account's sites with search, type filter, sort and paging, all in the URL of the page `at`
/// (the sites list and the home browse alike), each page shown as `layout`.
#[component]
pub fn SiteBrowser(at: &'static str, layout: SitesLayout) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let view_state = Memo::new(move |_| query.with(|q| SitesView::from_query(|name| q.get(name))));
    let navigate = use_navigate();
    // Typing replaces the history entry (one entry per search, not per key); filters add one.
    let show = move |view: SitesView, replace: bool| {
        navigate(&view.url_at(at), NavigateOptions { replace, scroll: false });
    };

    let typed = RwSignal::new(view_state.get_untracked().term);
    let term = use_debounced(typed, TYPING_PAUSE);
    let search = show.clone();
    Effect::new(move |_| {
        let term = term.get().trim().to_owned();
        let current = view_state.get_untracked();
        if term != current.term {
            search(SitesView { term, page: 0, ..current }, true);
        }
    });
    // Back/forward or a link changed the URL: the box follows.
    Effect::new(move |_| {
        let term = view_state.with(|v| v.term.clone());
        if typed.with_untracked(|t| t.trim() != term) {
            typed.set(term);
        }
    });

    // The view goes with its reply, so rows of an older view are marked as being replaced.
    let sites = page_resource(move |client| {
        let view = view_state.get();
        let query = view.to_query();
        async move {
            // A view filtered by the panel's own labels or notes is read by the lazy code instead.
            if view.is_local() {
                std::future::pending::<()>().await;
            }
            client.sites(&query).await.map(|reply| (view, reply))
        }
    });
    provide_context(SiteListing { at, layout, view: view_state });
    provide_context(RowLabels(RwSignal::new(None)));
    let local = Memo::new(move |_| view_state.with(SitesView::is_local));

    let filter = show.clone();
    let on_type = move |ev| {
        let site_type = SiteType::parse(&event_target_value(&ev));
        filter(SitesView { site_type, page: 0, ..view_state.get_untracked() }, false);
    };
    let sorter = show.clone();
    let on_sort = move |ev| {
        let sort = SiteSort::parse(&event_target_value(&ev));
        sorter(SitesView { sort, page: 0, ..view_state.get_untracked() }, false);
    };

    view! {
        <div class="toolbar" role="search">
            <label class="search">
                <span class="visually-hidden">{tr(Key::SearchSites)}</span>
                <input id="site-search" type="search" autocomplete="off"
                    placeholder=tr(Key::SearchSites)
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
            </label>
            <label>
                <span>{tr(Key::FilterType)}</span>
                <select id="site-type" on:change=on_type
                    prop:value=move || view_state.with(|v| v.site_type.map(SiteType::as_str).unwrap_or_default())>
                    <option value="">{tr(Key::AllSites)}</option>
                    {SiteType::ALL
                        .iter()
                        .map(|t| view! { <option value=t.as_str()>{move || locale.get().tr(type_label(*t))}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Key::SortBy)}</span>
                <select id="site-sort" on:change=on_sort
                    prop:value=move || view_state.with(|v| v.effective_sort().as_str())>
                    {SiteSort::ALL
                        .iter()
                        .map(|s| {
                            let no_term = move || *s == SiteSort::Relevance && view_state.with(|v| v.term.is_empty());
                            view! { <option value=s.as_str() disabled=no_term>{move || locale.get().tr(sort_label(*s))}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        // The agency's labels, its notes, its views (the lazy code's: nothing until it is there).
        <Lazy view=LazyView::SitesListTools quiet=true />
        {move || match local.get() {
            true => view! { <Lazy view=LazyView::FilteredSites /> }.into_any(),
            false => async_view(move || sites.get(), Callback::new(move |_| sites.refetch()), || view! { <SitesSkeleton /> }, move |(shown, reply)| {
                let paging = Paging::of(&reply.meta, shown.page, MAX_LIMIT, reply.data.len());
                listed_sites(shown, reply.data.items, reply.data.unreadable, paging)
            }).into_any(),
        }}
    }
}

/// A page of sites as `SiteBrowser` shows it (`shown`: the view they are of, while the listing's `view` is
/// the URL's): the selection bar, the sites in the listing's layout, the pager; why there is none.
pub fn listed_sites(shown: SitesView, items: Vec<Site>, unreadable: Vec<Unreadable>, paging: Paging) -> AnyView {
    let SiteListing { at, layout, view: view_state } = expect_context::<SiteListing>();
    if items.is_empty() && unreadable.is_empty() {
        return view! { <EmptyList view=view_state.get_untracked() at /> }.into_any();
    }
    let bar_view = shown.clone();
    let stale = Memo::new(move |_| view_state.with(|v| *v != shown));
    let page = StoredValue::new(site_refs(&items));
    let total = paging.total_items.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let sites = layout(items);
    view! {
        <SelectionBar shown=bar_view total page />
        <div class="list" aria-busy=move || stale.get().to_string() class:stale=move || stale.get()>
            {sites}
            <UnreadableItems items=unreadable />
        </div>
        <Pager paging counted=counted_sites
            page_href=Callback::new(move |page| view_state.with_untracked(|v| v.on_page(page).url_at(at))) />
    }
    .into_any()
}

/// Grey rows where the list will be, so the page does not jump when it arrives.
#[component]
pub fn SitesSkeleton() -> impl IntoView {
    view! {
        <div class="list skeleton" aria-busy="true">
            <p class="visually-hidden">{tr(Key::Loading)}</p>
            {(0..8).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
        </div>
    }
}

/// Why there is nothing to show, and the way forward.
#[component]
fn EmptyList(view: SitesView, at: &'static str) -> impl IntoView {
    let locale = use_locale();
    if view.is_filtered() {
        let term = view.term.clone();
        let message = move || {
            let locale = locale.get();
            if term.is_empty() {
                locale.tr(Key::NoSiteForFilter).to_owned()
            } else {
                locale.tr_with(Key::NoSiteForSearch, &[("term", &term)])
            }
        };
        let cleared = SitesView { sort: view.sort, ..Default::default() }.url_at(at);
        view! {
            <div class="empty">
                <p>{message}</p>
                <A href=cleared>{tr(Key::ClearFilters)}</A>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty">
                <p>{tr(Key::NoSites)}</p>
                <A href=places::NEW_SITE>{tr(Key::NewSite)}</A>
            </div>
        }
        .into_any()
    }
}

/// The table of one page of sites, each with its checkbox; a row opens its site.
#[component]
pub fn SitesTable(sites: Vec<Site>) -> impl IntoView {
    let locale = use_locale();
    let navigate = use_navigate();
    let page = StoredValue::new(site_refs(&sites));
    let row_labels = use_context::<RowLabels>();
    // The code and name are the links (keyboard, screen readers, new tab); a click elsewhere on the
    // row does the same, except on the domain's own link and on the checkbox.
    let open_row = move |ev: leptos::ev::MouseEvent, href: &str| {
        if !is_on_control(&ev) {
            navigate(href, Default::default());
        }
    };
    view! {
        <table class="sites">
            <thead>
                <tr>
                    <th class="select" scope="col"><PageCheckbox page /></th>
                    {column_heading(locale, Key::ColCode)}
                    {column_heading(locale, Key::ColName)}
                    {column_heading(locale, Key::ColDomain)}
                    {column_heading(locale, Key::ColPlan)}
                    {column_heading(locale, Key::ColCreated)}
                </tr>
            </thead>
            <tbody>
                {sites
                    .into_iter()
                    .map(|site| {
                        let href = places::site(&site.code_site, SiteTab::Overview);
                        let row_href = href.clone();
                        let open_row = open_row.clone();
                        let public_url = web_address(&site.domain);
                        let created = site.creation_date.map(|date| date.day);
                        let code = site.code_site.clone();
                        let row_code = code.clone();
                        let labels_of = code.clone();
                        let pick = (site.code_site.clone(), site.name.clone());
                        view! {
                            <tr data-code=row_code on:click=move |ev| open_row(ev, &row_href)>
                                <td class="select"><SiteCheckbox site=pick page /></td>
                                <td class="code"><A href=href.clone()>{site.code_site.clone()}</A></td>
                                <td class="name">
                                    <A href=href>{site.name}</A>
                                    {move || row_labels.and_then(|RowLabels(draw)| draw.get()).map(|draw| draw(labels_of.clone()))}
                                </td>
                                <td class="domain">
                                    <a href=public_url target="_blank" rel="noopener noreferrer">{shown_address(&site.domain).to_owned()}</a>
                                </td>
                                <td class="plan">
                                    <bdi class="plan-name">{site.plan.plan_name.clone()}</bdi>
                                    " "
                                    <PlanBadges plan=site.plan />
                                </td>
                                <td class="date">{move || format::day(locale.get(), created)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
