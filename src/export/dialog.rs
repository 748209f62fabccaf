//! The portfolio's export as CSV, in the lazy code: which sites (the selection, or every site of the
//! account) and which separator; then the sites are listed and their figures read by `many_sites` (at
//! most `SITES_AT_ONCE` sites at a time, sparing the quota), with a progress bar and a cancel; the
//! file is then offered for download with the count of the cells left empty because their read
//! failed (`export::rows`).

use kiubi_wire::models::Site;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::rows::{csv, missing, Separator, SiteRow};
use crate::bulk::use_bulk_actions;
use crate::clock;
use crate::components::{ErrorPanel, ListingLine, Modal, Paused, PausedNote};
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::many_sites::quota::QuotaPause;
use crate::many_sites::{
    list_then, matching_sites, read_figures, selected_sites, Batch, GoOn, Runner, SitesListing, Step, Task, Wanted,
};
use crate::organize::use_organizer;
use crate::selection::Selection;
use crate::session::Session;

/// Sites whose figures are read at the same time (three requests each), as the home's cards.
const SITES_AT_ONCE: usize = 4;

/// Which sites go into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Selection,
    Account,
}

/// The file made, offered for download.
#[derive(Debug, Clone, PartialEq)]
struct Made {
    url: String,
    name: String,
    sites: usize,
    /// Cells left empty, their read having failed.
    missing: usize,
}

/// A download link's address for `text`, a CSV file.
fn file_url(text: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A radio button of the group `name` that sets `chosen` to `value`.
fn radio<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    chosen: RwSignal<T>,
    value: T,
    disabled: Signal<bool>,
    label: impl IntoView,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="radio" name=name prop:checked=move || chosen.get() == value disabled=disabled
                on:change=move |_| chosen.set(value) />
            {label}
        </label>
    }
}

#[component]
pub fn ExportDialog() -> impl IntoView {
    let actions = use_bulk_actions();
    let locale = use_locale();
    let session = expect_context::<Session>();
    let selection = StoredValue::new(actions.selection.get_untracked());
    let selected = selection.with_value(Selection::count);
    let scope = RwSignal::new(if selected > 0 { Scope::Selection } else { Scope::Account });
    let separator = RwSignal::new(Separator::default());
    let listing = RwSignal::new(SitesListing::NotStarted);
    let made = RwSignal::new(None::<Made>);
    // The file could not be made.
    let error = RwSignal::new(None::<String>);
    let pause = QuotaPause::new();
    // The rows, in the order of the sites, as their figures arrive.
    let rows = StoredValue::new(Vec::<Option<SiteRow>>::new());
    let reader = Runner::new(session, Batch::new(Vec::new(), SITES_AT_ONCE), move |task: Task<Site>| async move {
        let figures = read_figures(&task.client, &task.item.code_site, Wanted::EXPORT).await;
        rows.try_update_value(|rows| rows[task.index] = Some(SiteRow { site: task.item, figures }));
        Step::Done
    });
    let open = RwSignal::new(true);
    // Closed (Cancel, Escape, the backdrop): what waits is not read, the file's address goes.
    Effect::new(move |_| {
        if !open.get() {
            reader.cancel();
            pause.resume();
            actions.asked.set(None);
        }
    });
    let forget_file = move || {
        if let Some(Made { url, .. }) = made.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    };
    on_cleanup(forget_file);
    // Every site read: the file.
    Effect::new(move |_| {
        let counts = reader.batch().with(Batch::counts);
        let reading = listing.get_untracked() == SitesListing::Listed && made.with_untracked(Option::is_none);
        if !reading || counts.waiting + counts.under_way > 0 || counts.cancelled > 0 {
            return;
        }
        let rows: Vec<SiteRow> =
            rows.try_update_value(std::mem::take).unwrap_or_default().into_iter().flatten().collect();
        let text = csv(&rows, separator.get_untracked(), locale.get_untracked());
        let name = format!("kiubi-sites-{}.csv", clock::today().to_iso());
        match file_url(&text) {
            Some(url) => made.set(Some(Made { url, name, sites: rows.len(), missing: missing(&rows) })),
            None => {
                error.set(Some(locale.get_untracked().tr(PageKey::ExportFailed).to_owned()));
                listing.set(SitesListing::NotStarted);
            }
        }
    });
    let organizer = use_organizer();
    let start = move |_| {
        let Some(client) = session.client() else { return };
        let scope = scope.get_untracked();
        let workspace = organizer.workspace().get_untracked();
        forget_file();
        made.set(None);
        error.set(None);
        // Closing the dialog while the sites are listed stops the listing.
        let list = async move |read: &dyn Fn(usize) -> GoOn| match scope {
            Scope::Account => matching_sites(&client, None, &workspace, pause, read).await,
            Scope::Selection => selected_sites(&client, &selection.get_value(), &workspace, pause, read).await,
        };
        list_then(listing, move || open.try_get_untracked(), list, move |sites| read_rows(sites, rows, reader));
    };
    let number = move |n: usize| locale.get().integer(n as i64);
    let running = move || {
        listing.with(SitesListing::is_reading)
            || (listing.with(|l| *l == SitesListing::Listed) && made.with(Option::is_none))
    };
    let busy = Signal::derive(running);
    let read = Memo::new(move |_| reader.batch().with(|batch| (batch.counts().ended(), batch.len())));
    view! {
        <Modal open class="confirm export" label=Signal::derive(move || locale.get().tr(PageKey::ExportTitle).to_owned())>
            <h2>{tr(PageKey::ExportTitle)}</h2>
            <fieldset>
                <legend>{tr(PageKey::ExportWhich)}</legend>
                {(selected > 0).then(|| radio("export-scope", scope, Scope::Selection, busy, move || {
                    locale.get().tr_count(PageKey::ExportSelection, selected as i64, &[])
                }))}
                {radio("export-scope", scope, Scope::Account, busy, tr(PageKey::ExportAccount))}
            </fieldset>
            <fieldset>
                <legend>{tr(PageKey::ExportSeparator)}</legend>
                {radio("export-separator", separator, Separator::Semicolon, busy, tr(PageKey::SeparatorSemicolon))}
                {radio("export-separator", separator, Separator::Comma, busy, tr(PageKey::SeparatorComma))}
            </fieldset>
            <p class="hint">{tr(PageKey::ExportColumns)}</p>
            <ListingLine state=listing total=Signal::derive(move || (scope.get() == Scope::Selection).then_some(selected as i64)) />
            {move || match (listing.get(), made.get()) {
                (_, Some(Made { url, name, sites, missing })) => Some(view! {
                    <p role="status" class="export-done">
                        {move || locale.get().tr_count(PageKey::ExportReady, sites as i64, &[])}
                        {(missing > 0).then(|| view! {
                            " " {move || locale.get().tr_count(PageKey::ExportMissing, missing as i64, &[])}
                        })}
                    </p>
                    <a class="button primary" id="download-export" href=url download=name.clone()>
                        {move || locale.get().tr(PageKey::ExportDownload).to_owned()} " " <span class="code">{name.clone()}</span>
                    </a>
                }.into_any()),
                (SitesListing::Listed, None) => Some(view! {
                    <progress max=move || read.get().1 value=move || read.get().0></progress>
                    <p role="status">{move || {
                        let (done, total) = read.get();
                        locale.get().tr_count(PageKey::ExportReading, total as i64, &[("done", &number(done)), ("total", &number(total))])
                    }}</p>
                }.into_any()),
                _ => None,
            }}
            <PausedNote left=Signal::derive(move || pause.left().or_else(|| reader.batch().with(Batch::paused)))
                what=Paused::Run on_resume=Callback::new(move |_| { pause.resume(); reader.resume(); }) />
            {move || error.get().map(|message| view! { <ErrorPanel message /> })}
            <div class="actions">
                <button type="button" class="ghost" autofocus on:click=move |_| open.set(false)>
                    {move || if running() { tr(PageKey::Cancel)() } else { tr(Key::Dismiss)() }}
                </button>
                <button type="button" class="primary" id="start-export" disabled=running on:click=start>
                    {tr(PageKey::ExportGo)}
                </button>
            </div>
        </Modal>
    }
}

/// Reads the figures of `sites` into `rows`, in their order.
fn read_rows(sites: Vec<Site>, rows: StoredValue<Vec<Option<SiteRow>>>, reader: Runner<Site>) {
    rows.try_set_value(vec![None; sites.len()]);
    reader.replace(Batch::new(sites, SITES_AT_ONCE));
}
