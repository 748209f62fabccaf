//! Selecting sites in a list of sites (the sites list's rows, the home's cards): a checkbox per
//! site (shift-click for a range), one for the page, and the bar that counts the selection, widens it
//! to every site of the search and offers the actions on it (`bulk::BulkAction`). The selection is the
//! session's (`bulk::BulkActions`), so it survives paging. The bar shows only once a site is ticked, so
//! its code is in the lazy code (`LazyView::SelectionBar`), not in the first visit's.

use leptos::prelude::*;

use crate::bulk::{use_bulk_actions, BulkAction};
use crate::components::{Lazy, LazyView};
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::places::{self, SitesView};
use crate::router::A;
use crate::selection::{PageState, SiteRef};

/// A site's checkbox, named "Select <name>" by its label; `page`, the sites shown with it, in order,
/// for a shift-click's range.
#[component]
pub fn SiteCheckbox(site: SiteRef, page: StoredValue<Vec<SiteRef>>) -> impl IntoView {
    let selected = use_bulk_actions().selection;
    let name = site.1.clone();
    let code = site.0.clone();
    view! {
        <label class="pick">
            <input type="checkbox"
                prop:checked=move || selected.with(|s| s.is_selected(&code))
                on:click=move |ev| {
                    let range = ev.shift_key();
                    selected.update(|s| if range { s.toggle_range(&page.get_value(), &site) } else { s.toggle(&site) });
                } />
            <span class="visually-hidden">{tr(Key::SelectSite)} " " <bdi>{name}</bdi></span>
        </label>
    }
}

/// The checkbox of the sites shown: ticks them all, or unticks them when all are ticked.
#[component]
pub fn PageCheckbox(page: StoredValue<Vec<SiteRef>>) -> impl IntoView {
    let selected = use_bulk_actions().selection;
    let state = move || selected.with(|s| page.with_value(|page| s.page_state(page)));
    view! {
        <label class="pick">
            <input type="checkbox"
                prop:checked=move || state() == PageState::All
                prop:indeterminate=move || state() == PageState::Some
                on:click=move |_| selected.update(|s| page.with_value(|page| s.toggle_page(page))) />
            <span class="visually-hidden">{tr(Key::SelectPageSites)}</span>
        </label>
    }
}

/// The list a selection bar is about: its search (`shown`), the sites it matches (when the API
/// says), for "select all", and the sites on screen.
#[derive(Clone)]
struct BarOf {
    shown: SitesView,
    total: Option<u32>,
    page: StoredValue<Vec<SiteRef>>,
}

/// The bar of the selection, above a list of sites, once a site is ticked.
#[component]
pub fn SelectionBar(shown: SitesView, total: Option<u32>, page: StoredValue<Vec<SiteRef>>) -> impl IntoView {
    let selected = use_bulk_actions().selection;
    let any = Memo::new(move |_| !selected.with(|s| s.is_empty()));
    provide_context(BarOf { shown, total, page });
    move || any.get().then(|| view! { <Lazy view=LazyView::SelectionBar /> })
}

/// The count of the selection and what can be done with it.
/// The bar's content, in the lazy code (`LazyView::SelectionBar`).
#[component]
pub fn BarContent() -> impl IntoView {
    let BarOf { shown, total, page } = expect_context();
    let bulk = use_bulk_actions();
    let selected = bulk.selection;
    let locale = use_locale();
    let count = move || selected.with(|s| s.count());
    // "Select all": the page is all ticked and the search has more, not already all selected.
    let widen_to = move || {
        let total = total?;
        selected
            .with(|s| {
                s.matching().is_none()
                    && page.with_value(|page| s.page_state(page) == PageState::All)
                    && total > s.count()
            })
            .then_some(total)
    };
    // Shown by `SelectionBar` only while a site is ticked.
    view! {
        <div class="selection-bar" role="region" aria-label=tr(PageKey::Selection)>
            <p aria-live="polite">
                {move || locale.get().tr_count(PageKey::SelectedSites, count().into(), &[])}
            </p>
            {move || widen_to().map(|total| {
                let search = shown.clone();
                view! {
                    <button type="button" class="ghost" id="select-all-matching"
                        on:click=move |_| selected.update(|s| s.select_matching(&search, total))>
                        {move || locale.get().tr_with(PageKey::SelectAllMatching, &[("count", &locale.get().integer(total.into()))])}
                    </button>
                }
            })}
            <button type="button" class="ghost" id="clear-selection" on:click=move |_| selected.update(|s| s.clear())>
                {tr(PageKey::ClearSelection)}
            </button>
            <span class="spacer"></span>
            <button type="button" id="bulk-backup" on:click=move |_| bulk.asked.set(Some(BulkAction::Backup))>{tr(PageKey::BackUpSelection)}</button>
            <button type="button" id="bulk-export" on:click=move |_| bulk.asked.set(Some(BulkAction::Export))>{tr(Key::ExportSites)}</button>
            <button type="button" id="bulk-labels" on:click=move |_| bulk.asked.set(Some(BulkAction::Labels))>{tr(PageKey::EditLabels)}</button>
            <A href=places::REPORTS class="button bulk-reports">{tr(PageKey::ClientReports)}</A>
        </div>
    }
}
