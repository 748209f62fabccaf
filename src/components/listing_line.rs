//! What listing a selection's sites (`many_sites::list_then`) says while it reads, and why it failed.

use leptos::prelude::*;

use super::ErrorPanel;
use crate::i18n::{use_locale, PageKey};
use crate::many_sites::SitesListing;

/// "Listing the sites: 40 of 120…" (`total`: how many the selection has, when known), or the
/// failure with its reason; nothing before or after.
#[component]
pub fn ListingLine(state: RwSignal<SitesListing>, #[prop(into, optional)] total: Signal<Option<i64>>) -> impl IntoView {
    let locale = use_locale();
    move || match state.get() {
        SitesListing::Reading(read) => {
            let line = move || {
                let locale = locale.get();
                let done = locale.integer(read as i64);
                match total.get() {
                    Some(total) => {
                        locale.tr_with(PageKey::ListingSites, &[("done", &done), ("total", &locale.integer(total))])
                    }
                    None => locale.tr_with(PageKey::ExportListing, &[("count", &done)]),
                }
            };
            Some(view! { <p role="status" aria-busy="true">{line}</p> }.into_any())
        }
        SitesListing::Failed(failure) => {
            let message = failure.user_message(locale.get_untracked());
            Some(view! { <ErrorPanel message /> }.into_any())
        }
        SitesListing::NotStarted | SitesListing::Listed => None,
    }
}
