//! The lazy code: which views are in it, in which chunk (`Chunk`: the frame's parts, the home and the
//! account's pages; a site's pages; the client reports), which places show one, and its download at
//! start when the first page is one of them.

use leptos::prelude::*;

use super::account::AccountPage;
use super::activity::ActivityPage;
use super::backups::BackupsPage;
use super::home::HomePage;
use super::new_site::NewSitePage;
use super::plans::PlansPage;
use super::reports::ReportsPage;
use super::site::{SiteNavigation, SitePage};
use super::stats::StatisticsPage;
use super::subscription::SubscriptionPage;
use crate::bulk::BulkDock;
use crate::components::{BarContent, LazyCode, LazyView, SplitLoaderError, SwitcherDialog};
use crate::organize::{FilteredSites, SavedViewsNav, SitesListTools};
use crate::places::Place;
use crate::session::Session;
use crate::storage::PanelStorage;

/// The chunks of the lazy code: each view is in one, with the views that come with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chunk {
    /// The parts of the signed-in frame shown on demand (on every screen: fetched once the first
    /// one is painted), the portfolio's home and the account's own pages.
    Pages,
    /// A site's pages: its overview and tabs, and the sidebar's entries beside them.
    Site,
    /// The client reports.
    Reports,
}

/// Every view's chunk, each named: a new view cannot fall into one unsaid.
fn chunk_of(view: LazyView) -> Chunk {
    match view {
        LazyView::Home
        | LazyView::NewSite
        | LazyView::Plans
        | LazyView::Account
        | LazyView::BulkDock
        | LazyView::SelectionBar
        | LazyView::SwitcherDialog
        | LazyView::SavedViews
        | LazyView::SitesListTools
        | LazyView::FilteredSites => Chunk::Pages,
        LazyView::Site
        | LazyView::Statistics
        | LazyView::Activity
        | LazyView::Backups
        | LazyView::Subscription
        | LazyView::SiteNavigation => Chunk::Site,
        LazyView::Reports => Chunk::Reports,
    }
}

/// The views of the `Pages` chunk, by their names: the function its split point calls.
fn render_pages(view: LazyView) -> AnyView {
    match view {
        LazyView::Home => view! { <HomePage /> }.into_any(),
        LazyView::NewSite => view! { <NewSitePage /> }.into_any(),
        LazyView::Plans => view! { <PlansPage /> }.into_any(),
        LazyView::Account => view! { <AccountPage /> }.into_any(),
        LazyView::BulkDock => view! { <BulkDock /> }.into_any(),
        LazyView::SelectionBar => view! { <BarContent /> }.into_any(),
        LazyView::SwitcherDialog => view! { <SwitcherDialog /> }.into_any(),
        LazyView::SavedViews => view! { <SavedViewsNav /> }.into_any(),
        LazyView::SitesListTools => view! { <SitesListTools /> }.into_any(),
        LazyView::FilteredSites => view! { <FilteredSites /> }.into_any(),
        // In chunks of their own (`chunk_of`).
        _ => ().into_any(),
    }
}

/// The views of the `Site` chunk.
fn render_site(view: LazyView) -> AnyView {
    match view {
        LazyView::Statistics => view! { <StatisticsPage /> }.into_any(),
        LazyView::Activity => view! { <ActivityPage /> }.into_any(),
        LazyView::Backups => view! { <BackupsPage /> }.into_any(),
        LazyView::Subscription => view! { <SubscriptionPage /> }.into_any(),
        LazyView::SiteNavigation => view! { <SiteNavigation /> }.into_any(),
        LazyView::Site => view! { <SitePage /> }.into_any(),
        // In other chunks (`chunk_of`).
        _ => ().into_any(),
    }
}

// The split points exist in the split build only (`--cfg kiubi_split`, given by
// `cargo_build_split_panel` in scripts/setup.sh): each imports its loader from a module that only
// `wasm-split-cli` provides, so an unsplit wasm (`trunk serve`, the wasm-bindgen tests, clippy) has
// every view at once instead. What only one split point reaches goes to its `split_<name>-<hash>.wasm`;
// what several reach, to chunks they share (`chunk_<n>-<hash>.wasm`, fetched beside any of them).
// Each split point costs the first visit's module a loader (60 to 80 B).
#[cfg(kiubi_split)]
#[wasm_split_helpers::wasm_split(pages, fallible, preload(load_pages))]
fn pages_view(view: LazyView) -> Result<AnyView, SplitLoaderError> {
    Ok(render_pages(view))
}

#[cfg(kiubi_split)]
#[wasm_split_helpers::wasm_split(site, fallible, preload(load_site))]
fn site_view(view: LazyView) -> Result<AnyView, SplitLoaderError> {
    Ok(render_site(view))
}

#[cfg(kiubi_split)]
#[wasm_split_helpers::wasm_split(reports, fallible, preload(load_reports))]
fn reports_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ReportsPage /> }.into_any())
}

#[cfg(not(kiubi_split))]
async fn pages_view(view: LazyView) -> Result<AnyView, SplitLoaderError> {
    Ok(render_pages(view))
}

#[cfg(not(kiubi_split))]
async fn site_view(view: LazyView) -> Result<AnyView, SplitLoaderError> {
    Ok(render_site(view))
}

#[cfg(not(kiubi_split))]
async fn reports_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ReportsPage /> }.into_any())
}

#[cfg(not(kiubi_split))]
async fn load_pages() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[cfg(not(kiubi_split))]
async fn load_site() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[cfg(not(kiubi_split))]
async fn load_reports() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// The lazy code, given to the signed-in frame (`prefetch_when_idle`) and loaded at start by
/// `preload_at_start`: each view's chunk, loaded and rendered; what to keep warm once the first
/// screen is painted (the frame's parts with the home, then a site's pages).
pub const LAZY: LazyCode = LazyCode {
    load: |view| match chunk_of(view) {
        Chunk::Pages => Box::pin(load_pages()),
        Chunk::Site => Box::pin(load_site()),
        Chunk::Reports => Box::pin(load_reports()),
    },
    view: |view| match chunk_of(view) {
        Chunk::Pages => Box::pin(pages_view(view)),
        Chunk::Site => Box::pin(site_view(view)),
        Chunk::Reports => Box::pin(reports_view()),
    },
    warm: &[LazyView::SavedViews, LazyView::Site],
};

/// Whether the page of `place` is in the lazy code (as the root's routes show it).
pub fn is_lazy(place: &Place) -> bool {
    !matches!(place, Place::SignIn | Place::Sites | Place::NotFound)
}

/// At the start of the panel's own page, before `config.json` is read: when the address is a lazy
/// page's and a token is kept, the chunk is fetched at once, beside `config.json`, so that the page's
/// requests go out when the configuration is there, as without the split (no wave more). The place is
/// guessed before the configuration says how places are kept (a hash that starts with `#/` is one);
/// a wrong guess costs an early download or a later one, never a wrong page.
pub fn preload_at_start(base_path: &str, pathname: &str, hash: &str) {
    let place = place_at_start(base_path, pathname, hash);
    if is_lazy(&place) && Session::is_kept(&PanelStorage::own_page()) {
        let view = match place {
            Place::Reports => LazyView::Reports,
            Place::Site(..) => LazyView::Site,
            _ => LazyView::Plans,
        };
        // Not Leptos' spawner: no panel has started it yet.
        wasm_bindgen_futures::spawn_local(async move {
            // A failure is the page's to show and retry.
            let _ = (LAZY.load)(view).await;
        });
    }
}

/// The place of an address, guessed before the configuration is read.
fn place_at_start(base_path: &str, pathname: &str, hash: &str) -> Place {
    let path = match hash.strip_prefix('#').filter(|h| h.starts_with('/')) {
        Some(place) => place,
        None => pathname.strip_prefix(base_path.trim_end_matches('/')).unwrap_or(pathname),
    };
    Place::of_path(crate::router::path_of(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::SiteTab;

    #[test]
    fn the_place_at_start_is_read_from_the_path_under_the_base_or_from_a_hash() {
        assert_eq!(place_at_start("/", "/sites", ""), Place::Sites);
        assert_eq!(
            place_at_start("/admin/", "/admin/sites/abc/stats", ""),
            Place::Site("abc".into(), SiteTab::Statistics)
        );
        assert_eq!(place_at_start("/admin/", "/admin/", "#/plans?site=abc"), Place::Plans);
        assert_eq!(place_at_start("/admin/", "/admin/", "#top"), Place::Home);
        assert_eq!(place_at_start("/", "/sign-in?next=%2F", ""), Place::SignIn);
    }

    #[test]
    fn the_first_visit_s_pages_are_not_lazy() {
        assert!(!is_lazy(&Place::SignIn) && !is_lazy(&Place::Sites));
        assert!(is_lazy(&Place::Home) && is_lazy(&Place::Site("abc".into(), SiteTab::Overview)));
    }
}
