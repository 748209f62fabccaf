//! The portfolio's export as CSV, in the chunk of the lazy pages: which sites (the selection, or every
//! site of the account) and which separator; then the sites and their figures are read, at most
//! `SITES_AT_ONCE` sites at a time and sparing the quota (`api::quota`), with a progress bar and a
//! cancel; the file is then offered for download with the count of the cells left empty because their
//! read failed (`export`).

use futures::future::join3;
use futures::stream::{self, StreamExt};
use kiubi_wire::models::Site;
use kiubi_wire::params::ReportQuery;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::bulk::search_sites;
use crate::api::quota::wait_for_quota;
use crate::api::{ApiClient, ApiError};
use crate::bulk::use_bulk_desk;
use crate::chart::{Period, Preset};
use crate::clock;
use crate::components::{ErrorPanel, Modal};
use crate::export::{csv, missing, Figures, Separator, SiteRow};
use crate::format;
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::places::SitesView;
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

/// Where an export stands.
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    Choosing,
    Listing(u32),
    Reading { done: usize, total: usize },
    Ready { url: String, name: String, sites: usize, missing: usize },
}

/// The figures of a site, each read on its own: one failed read empties only its own cells.
async fn figures_of(client: &ApiClient, code: &str, last_30_days: &ReportQuery) -> Figures {
    let (stats, report, usage) =
        join3(client.stats(code), client.report(code, last_30_days), client.usage(code, &[])).await;
    Figures {
        stats: stats.ok().map(|reply| reply.data),
        visitors: report.ok().map(|reply| reply.data.days.iter().map(|day| day.visitors).sum()),
        usage: usage.ok().map(|reply| reply.data),
    }
}

/// The sites of the export: the selection's (a picked site read on its own), or every site.
async fn sites_of(
    client: &ApiClient,
    scope: Scope,
    selection: &Selection,
    listed: RwSignal<Option<u32>>,
    paused: RwSignal<Option<i64>>,
) -> Result<Vec<Site>, ApiError> {
    match (scope, selection.matching()) {
        (Scope::Account, _) => search_sites(client, &SitesView::default(), None, &[], listed, paused).await,
        (Scope::Selection, Some(matching)) => {
            search_sites(client, &matching.view, Some(matching.total), &matching.except, listed, paused).await
        }
        (Scope::Selection, None) => {
            let mut sites = Vec::new();
            for (code, _) in selection.picked() {
                wait_for_quota(client, paused).await;
                sites.push(client.site(code, &[]).await?.data);
                listed.try_set(Some(sites.len() as u32));
            }
            Ok(sites)
        }
    }
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
pub(super) fn ExportAsk() -> impl IntoView {
    let desk = use_bulk_desk();
    let locale = use_locale();
    let session = expect_context::<Session>();
    let selection = StoredValue::new(desk.selection.get_untracked());
    let selected = selection.with_value(Selection::count);
    let scope = RwSignal::new(if selected > 0 { Scope::Selection } else { Scope::Account });
    let separator = RwSignal::new(Separator::default());
    let progress = RwSignal::new(Progress::Choosing);
    let error = RwSignal::new(None::<String>);
    // The requests left in the quota while the export waits for it to refill.
    let paused = RwSignal::new(None::<i64>);
    let cancelled = StoredValue::new(false);
    let open = RwSignal::new(true);
    // Closed (Cancel, Escape, the backdrop): what is under way stops, the file's address goes.
    Effect::new(move |_| {
        if !open.get() {
            cancelled.set_value(true);
            desk.ask.set(None);
        }
    });
    on_cleanup(move || {
        if let Some(Progress::Ready { url, .. }) = progress.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let listed = RwSignal::new(None::<u32>);
    Effect::new(move |_| {
        if let Some(read) = listed.get() {
            progress.set(Progress::Listing(read));
        }
    });
    let start = move |_| {
        let Some(client) = session.client() else { return };
        let (scope, separator) = (scope.get_untracked(), separator.get_untracked());
        error.set(None);
        cancelled.set_value(false);
        progress.set(Progress::Listing(0));
        leptos::task::spawn_local(async move {
            let selection = selection.get_value();
            let sites = match sites_of(&client, scope, &selection, listed, paused).await {
                Ok(sites) => sites,
                Err(failure) => {
                    error.try_set(Some(failure.user_message(locale.get_untracked())));
                    progress.try_set(Progress::Choosing);
                    return;
                }
            };
            let total = sites.len();
            progress.try_set(Progress::Reading { done: 0, total });
            let period = Period::preset(Preset::Days30, clock::today());
            let last_30_days = ReportQuery { start_date: period.start, end_date: period.end };
            let mut done = 0;
            let mut rows = Vec::with_capacity(total);
            let mut reads = stream::iter(sites)
                .map(|site| {
                    let client = client.clone();
                    async move {
                        if cancelled.try_get_value() != Some(false) {
                            return None;
                        }
                        wait_for_quota(&client, paused).await;
                        let figures = figures_of(&client, &site.code_site, &last_30_days).await;
                        Some(SiteRow { site, figures })
                    }
                })
                .buffered(SITES_AT_ONCE);
            while let Some(row) = reads.next().await {
                let Some(row) = row else { return };
                rows.push(row);
                done += 1;
                progress.try_set(Progress::Reading { done, total });
            }
            let text = csv(&rows, separator, locale.get_untracked());
            let name = format!("kiubi-sites-{}.csv", clock::today().to_iso());
            match file_url(&text) {
                Some(url) => {
                    progress.try_set(Progress::Ready { url, name, sites: rows.len(), missing: missing(&rows) });
                }
                None => {
                    error.try_set(Some(locale.get_untracked().tr(PageKey::ExportFailed).to_owned()));
                    progress.try_set(Progress::Choosing);
                }
            }
        });
    };
    let number = move |n: usize| format::integer(locale.get(), n as i64);
    let running = move || matches!(progress.get(), Progress::Listing(_) | Progress::Reading { .. });
    let busy = Signal::derive(running);
    view! {
        <Modal open class="confirm export" label=Signal::derive(move || locale.get().tr(PageKey::ExportTitle).to_owned())>
            <h2>{tr(PageKey::ExportTitle)}</h2>
            <fieldset>
                <legend>{tr(PageKey::ExportWhich)}</legend>
                {(selected > 0).then(|| radio("export-scope", scope, Scope::Selection, busy, move || {
                    locale.get().tr_count(PageKey::ExportSelection, selected as i64, &[("count", &number(selected as usize))])
                }))}
                {radio("export-scope", scope, Scope::Account, busy, tr(PageKey::ExportAccount))}
            </fieldset>
            <fieldset>
                <legend>{tr(PageKey::ExportSeparator)}</legend>
                {radio("export-separator", separator, Separator::Semicolon, busy, tr(PageKey::SeparatorSemicolon))}
                {radio("export-separator", separator, Separator::Comma, busy, tr(PageKey::SeparatorComma))}
            </fieldset>
            <p class="hint">{tr(PageKey::ExportColumns)}</p>
            {move || match progress.get() {
                Progress::Choosing => None,
                Progress::Listing(read) => Some(view! {
                    <p role="status">{move || locale.get().tr_with(PageKey::ExportListing, &[("count", &number(read as usize))])}</p>
                }.into_any()),
                Progress::Reading { done, total } => Some(view! {
                    <progress max=total value=done></progress>
                    <p role="status">{move || locale.get().tr_count(PageKey::ExportReading, total as i64, &[("done", &number(done)), ("total", &number(total))])}</p>
                }.into_any()),
                Progress::Ready { url, name, sites, missing } => Some(view! {
                    <p role="status" class="export-done">
                        {move || locale.get().tr_count(PageKey::ExportReady, sites as i64, &[("count", &number(sites))])}
                        {(missing > 0).then(|| view! {
                            " " {move || locale.get().tr_count(PageKey::ExportMissing, missing as i64, &[("count", &number(missing))])}
                        })}
                    </p>
                    <a class="button primary" id="download-export" href=url download=name.clone()>
                        {move || locale.get().tr(PageKey::ExportDownload).to_owned()} " " <span class="code">{name.clone()}</span>
                    </a>
                }.into_any()),
            }}
            {move || paused.get().map(|left| view! {
                <p class="notice paused" role="status">
                    {move || locale.get().tr_with(PageKey::RunPaused, &[("count", &left.to_string())])}
                </p>
            })}
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
