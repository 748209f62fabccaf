//! A sites list filtered by what only the panel knows (the agency's labels, its notes): the API's
//! search read whole (`many_sites::read_view`), sorted out by the organizing, paged here. Shown by
//! `SiteBrowser` in place of the API's pages, in the same layout.

use kiubi_wire::paging::Paging;
use kiubi_wire::params::MAX_LIMIT;
use leptos::prelude::*;

use super::kept::use_organizer;
use crate::components::{async_view, listed_sites, page_resource, SiteListing, SitesSkeleton};
use crate::many_sites::{read_view, GoOn};
use crate::places::SitesView;

#[component]
pub fn FilteredSites() -> impl IntoView {
    let SiteListing { view: view_state, .. } = expect_context::<SiteListing>();
    // What the API is asked: the view without its page and labels, which are applied here (a label
    // or page changed reads nothing again).
    let asked = Memo::new(move |_| {
        view_state.with(|v| SitesView { page: 0, labels: Vec::new(), every_label: false, ..v.clone() })
    });
    let listing = page_resource(move |client| {
        let asked = asked.get();
        async move { read_view(&client, &asked, u32::MAX, None, |_| GoOn::Continue(())).await }
    });
    let workspace = use_organizer().workspace();
    move || {
        async_view(
            move || listing.get(),
            Callback::new(move |_| listing.refetch()),
            || view! { <SitesSkeleton /> },
            move |listing| {
                move || {
                    let shown = view_state.get();
                    let sites = workspace.with(|ws| listing.sites(&shown, ws));
                    let paging = Paging::local(sites.len(), shown.page, MAX_LIMIT);
                    let page = sites.get(paging.range()).map(<[_]>::to_vec).unwrap_or_default();
                    listed_sites(shown, page, Vec::new(), paging)
                }
            },
        )
    }
}
