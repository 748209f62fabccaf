//! The sites list: the account's sites as a table (see `components::SiteBrowser`).

use leptos::prelude::*;

use crate::bulk::{use_bulk_actions, BulkAction};
use crate::components::{table_layout, SiteBrowser};
use crate::host::use_title;
use crate::i18n::{tr, Key};
use crate::places;
use crate::router::A;

#[component]
pub fn SitesPage() -> impl IntoView {
    use_title(Key::SitesTitle);
    let bulk = use_bulk_actions();
    view! {
        <div class="page-head">
            <h1>{tr(Key::SitesTitle)}</h1>
            <div class="actions">
                <button type="button" id="export-sites" on:click=move |_| bulk.asked.set(Some(BulkAction::Export))>{tr(Key::ExportSites)}</button>
                <A href=places::NEW_SITE class="button primary">{tr(Key::NewSite)}</A>
            </div>
        </div>
        <SiteBrowser at=places::SITES layout=table_layout />
    }
}
