//! Client reports (`/reports`): one site's (`?site=`), or one per selected site in one document, each
//! starting a new printed page. The period, comparison and language are in the URL; the branding is
//! the account's. The sites of a selection are read by `many_sites` (a few at a time, sparing the quota,
//! each failure named and retried alone).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::bulk::use_bulk_actions;
use crate::client_report::branding::Branding;
use crate::client_report::branding_dialog::BrandingDialog;
use crate::client_report::contents::SiteReport;
use crate::client_report::document::{site_name, use_page_footers, ReportDocument, ReportFrame};
use crate::client_report::read_site_report;
use crate::clock;
use crate::components::{loaded, page_resource, region, ErrorPanel, ListingLine, Paused, PausedNote};
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::many_sites::quota::QuotaPause;
use crate::many_sites::{list_then, selected_refs, Batch, Counts, GoOn, Runner, SitesListing, Step, Task};
use crate::organize::use_organizer;
use crate::places::{self, Comparison, ReportsView};
use crate::router::{use_navigate, use_query_map, NavigateOptions, A};
use crate::selection::{Selection, SiteRef};
use crate::session::Session;
use crate::visit_report::Period;

/// Sites whose reports are read at the same time (seven requests each).
const SITES_AT_ONCE: usize = 2;

#[component]
pub fn ReportsPage() -> impl IntoView {
    use_title(PageKey::ReportsTitle);
    let locale = use_locale();
    let query = use_query_map();
    let chosen = Memo::new(move |_| query.with(|q| ReportsView::from_query(|name| q.get(name), clock::today())));
    let frame = Memo::new(move |_| {
        let view = chosen.get();
        ReportFrame {
            period: view.period,
            comparison: view.comparison,
            locale: view.lang.unwrap_or_else(|| locale.get()),
        }
    });
    let site = Memo::new(move |_| chosen.with(|view| view.site.clone()));
    // The organizing's, followed as a colleague changes it.
    let organizer = use_organizer();
    let branding = RwSignal::new(organizer.workspace().with_untracked(|ws| ws.branding.clone()));
    Effect::new(move |_| {
        let shared = organizer.workspace().with(|ws| ws.branding.clone());
        if branding.with_untracked(|shown| *shown != shared) {
            branding.set(shared);
        }
    });
    let editing = RwSignal::new(false);
    // Printing waits for every report of the document.
    let ready = RwSignal::new(false);
    view! {
        <div class="page-head no-print">
            <h1>{tr(PageKey::ReportsTitle)}</h1>
            <div class="actions">
                <button type="button" id="edit-branding" on:click=move |_| editing.set(true)>{tr(PageKey::BrandingTitle)}</button>
                <button type="button" class="primary" id="print-report" disabled=move || !ready.get()
                    on:click=move |_| { let _ = window().print(); }>
                    {tr(PageKey::PrintReport)}
                </button>
            </div>
        </div>
        <ReportChoices chosen />
        {region(move || {
            let frame = frame.get();
            match site.get() {
                Some(code) => view! { <OneReport code frame branding ready /> }.into_any(),
                None => view! { <SelectionReports frame branding ready /> }.into_any(),
            }
        })}
        <BrandingDialog open=editing branding />
    }
}

/// The period, the comparison and the language, each changing the URL.
#[component]
fn ReportChoices(chosen: Memo<ReportsView>) -> impl IntoView {
    let navigate = use_navigate();
    let go = move |change: &dyn Fn(&mut ReportsView)| {
        let mut view = chosen.get_untracked();
        change(&mut view);
        navigate(&view.url(), NavigateOptions { replace: true, scroll: false });
    };
    let go = StoredValue::new_local(go);
    let set = move |change: &dyn Fn(&mut ReportsView)| go.with_value(|go| go(change));
    let month = move || chosen.with(|v| format!("{:04}-{:02}", v.period.start.year, v.period.start.month));
    let day = |value: &str| kiubi_wire::calendar::Day::parse_iso(value);
    view! {
        <form class="report-choices no-print" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="report-month">{tr(PageKey::ReportMonth)}</label>
                <input id="report-month" type="month" prop:value=month on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let parsed = value.split_once('-').and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)));
                    if let Some((year, month)) = parsed.filter(|(_, m): &(i32, u32)| (1..=12).contains(m)) {
                        set(&|v| v.period = Period::month(year, month));
                    }
                } />
            </div>
            <div class="field">
                <label for="report-from">{tr(PageKey::From)}</label>
                <input id="report-from" type="date" prop:value=move || chosen.with(|v| v.period.start.to_iso())
                    on:change=move |ev| if let Some(from) = day(&event_target_value(&ev)) {
                        set(&|v| v.period = Period::between(from, v.period.end));
                    } />
            </div>
            <div class="field">
                <label for="report-to">{tr(PageKey::To)}</label>
                <input id="report-to" type="date" prop:value=move || chosen.with(|v| v.period.end.to_iso())
                    on:change=move |ev| if let Some(to) = day(&event_target_value(&ev)) {
                        set(&|v| v.period = Period::between(v.period.start, to));
                    } />
            </div>
            <div class="field">
                <label for="report-compare">{tr(PageKey::ReportCompareWith)}</label>
                <select id="report-compare" on:change=move |ev| {
                    let year = event_target_value(&ev) == "year";
                    set(&|v| v.comparison = if year { Comparison::YearBefore } else { Comparison::Previous });
                }>
                    <option value="previous" selected=move || chosen.with(|v| v.comparison == Comparison::Previous)>{tr(PageKey::PreviousPeriod)}</option>
                    <option value="year" selected=move || chosen.with(|v| v.comparison == Comparison::YearBefore)>{tr(PageKey::ReportYearBefore)}</option>
                </select>
            </div>
            <div class="field">
                <label for="report-lang">{tr(PageKey::ReportLanguage)}</label>
                <select id="report-lang" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    let lang = Locale::ALL.into_iter().find(|l| l.code() == code);
                    set(&|v| v.lang = lang);
                }>
                    {Locale::ALL.into_iter().map(|lang| view! {
                        <option value=lang.code() selected=move || chosen.with(|v| v.lang) == Some(lang)
                            || (chosen.with(|v| v.lang.is_none()) && use_locale().get() == lang)>
                            {lang.tr(PageKey::LanguageName)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
        </form>
    }
}

/// The report of one site, with what could not be read named above it and read again on request.
#[component]
fn OneReport(code: String, frame: ReportFrame, branding: RwSignal<Branding>, ready: RwSignal<bool>) -> impl IntoView {
    let code = StoredValue::new(code);
    let report = page_resource(move |client| async move {
        Ok::<_, ApiError>(read_site_report(&client, &code.get_value(), frame.period, frame.comparison).await)
    });
    let footers = Signal::derive(move || match report.get() {
        Some(Ok(report)) => vec![frame.footer(&site_name(&report, &code.get_value()))],
        _ => Vec::new(),
    });
    use_page_footers(footers);
    Effect::new(move |_| ready.set(report.with(|r| r.is_some())));
    on_cleanup(move || {
        ready.try_set(false);
    });
    let locale = use_locale();
    view! {
        <div class="report-document">
            {loaded(report, move |read: SiteReport| view! {
                {read.failure_message(locale.get_untracked()).map(|message| view! {
                    <div class="no-print"><ErrorPanel message on_retry=Callback::new(move |_| report.refetch()) /></div>
                })}
                <ReportDocument code=code.get_value() report=read frame branding=branding.get() index=0 />
            })}
        </div>
    }
}

/// The reports of the selected sites, read `SITES_AT_ONCE` sites at a time: the selection listed
/// (`many_sites::list_then`), then each site's report read by a runner, a failure retried alone.
/// The model of `SelectionReports`; its views read it.
#[derive(Clone, Copy)]
struct SelectionReading {
    listing: RwSignal<SitesListing>,
    /// Each site's report, in the selection's order, once read.
    reports: RwSignal<Vec<Option<SiteReport>>>,
    reader: Runner<SiteRef>,
    pause: QuotaPause,
    /// The reader's counts, and how many sites it has.
    counts: Memo<(Counts, usize)>,
}

impl SelectionReading {
    /// Starts listing `selection` and reading its reports for `frame`, until its owner goes; `ready`
    /// says when every report was read (printing waits for it).
    fn start(selection: Selection, frame: ReportFrame, ready: RwSignal<bool>) -> SelectionReading {
        let session = expect_context::<Session>();
        let locale = use_locale();
        let reports = RwSignal::new(Vec::<Option<SiteReport>>::new());
        let listing = RwSignal::new(SitesListing::NotStarted);
        let pause = QuotaPause::new();
        let reader =
            Runner::new(session, Batch::new(Vec::new(), SITES_AT_ONCE), move |task: Task<SiteRef>| async move {
                let (code, _) = &task.item;
                let report = read_site_report(&task.client, code, frame.period, frame.comparison).await;
                match report.failure_message(locale.get_untracked()) {
                    Some(message) => Step::Failed { message },
                    None => {
                        reports.try_update(|reports| reports[task.index] = Some(report));
                        Step::Done
                    }
                }
            });
        let alive = StoredValue::new(true);
        on_cleanup(move || {
            alive.try_set_value(false);
            reader.cancel();
            ready.try_set(false);
        });
        if let Some(client) = session.client() {
            let workspace = use_organizer().workspace().get_untracked();
            let list = async move |read: &dyn Fn(usize) -> GoOn| {
                selected_refs(&client, &selection, &workspace, pause, read).await
            };
            list_then(
                listing,
                move || alive.try_get_value(),
                list,
                move |sites| {
                    reports.set(vec![None; sites.len()]);
                    reader.replace(Batch::new(sites, SITES_AT_ONCE));
                },
            );
        }
        let counts = Memo::new(move |_| reader.batch().with(|batch| (batch.counts(), batch.len())));
        Effect::new(move |_| {
            let (counts, len) = counts.get();
            ready.set(listing.get() == SitesListing::Listed && len > 0 && counts.waiting + counts.under_way == 0);
        });
        SelectionReading { listing, reports, reader, pause, counts }
    }

    /// Each printed page's footer: the site's name (as read, else as selected) and the period.
    fn footers(self, frame: ReportFrame) -> Signal<Vec<String>> {
        Signal::derive(move || {
            self.reader.batch().with(|batch| {
                self.reports.with(|reports| {
                    let names = batch.entries().iter().zip(reports).map(|(entry, report)| {
                        report.as_ref().map_or_else(|| entry.item.1.clone(), |r| site_name(r, &entry.item.0))
                    });
                    names.map(|name| frame.footer(&name)).collect()
                })
            })
        })
    }

    /// Each site of the document and where its read stands.
    fn entries(self) -> Vec<(usize, (SiteRef, Step))> {
        self.reader
            .batch()
            .with(|batch| batch.entries().iter().map(|e| (e.item.clone(), e.step.clone())).enumerate().collect())
    }
}

/// One report per selected site, in the selection's order, each read on its own (`SelectionReading`).
#[component]
fn SelectionReports(frame: ReportFrame, branding: RwSignal<Branding>, ready: RwSignal<bool>) -> impl IntoView {
    let selection = use_bulk_actions().selection.get_untracked();
    if selection.is_empty() {
        return view! {
            <div class="empty-state no-print">
                <p>{tr(PageKey::ReportsNoSelection)}</p>
                <A href=places::SITES class="button">{tr(Key::NavSites)}</A>
            </div>
        }
        .into_any();
    }
    let total = i64::from(selection.count());
    let reading = SelectionReading::start(selection, frame, ready);
    use_page_footers(reading.footers(frame));
    view! {
        <div class="report-progress no-print">
            <ListingLine state=reading.listing total=Some(total) />
            <ReadingProgress reading />
            <PausedNote left=Signal::derive(move || reading.pause.left().or_else(|| reading.reader.batch().with(Batch::paused)))
                what=Paused::Run on_resume=Callback::new(move |_| { reading.pause.resume(); reading.reader.resume(); }) />
        </div>
        <div class="report-document">
            <For each=move || reading.entries() key=|(index, (item, step))| (*index, item.0.clone(), step.clone()) let:((index, (site, step)))>
                <SiteOfReports reading site step index frame branding />
            </For>
        </div>
    }
    .into_any()
}

/// How many reports were read, once the sites are listed, with a cancel while some wait.
#[component]
fn ReadingProgress(reading: SelectionReading) -> impl IntoView {
    let locale = use_locale();
    let SelectionReading { listing, reader, counts, .. } = reading;
    let number = move |n: usize| locale.get().integer(n as i64);
    move || {
        (listing.get() == SitesListing::Listed).then(|| view! {
            <progress max=move || counts.get().1 value=move || counts.get().0.ended()></progress>
            <p role="status">{move || {
                let (counts, total) = counts.get();
                locale.get().tr_count(PageKey::ReportsReading, total as i64, &[("done", &number(counts.ended())), ("total", &number(total))])
            }}</p>
            {move || {
                let (counts, _) = counts.get();
                (counts.waiting + counts.under_way > 0).then(|| view! {
                    <button type="button" class="ghost" id="cancel-reports" on:click=move |_| reader.cancel()>{tr(PageKey::Cancel)}</button>
                })
            }}
        })
    }
}

/// One site of the document: its report once read, else why not yet, or why not (with a retry).
#[component]
fn SiteOfReports(
    reading: SelectionReading,
    site: SiteRef,
    step: Step,
    index: usize,
    frame: ReportFrame,
    branding: RwSignal<Branding>,
) -> impl IntoView {
    let (code, name) = site;
    match step {
        Step::Done => reading.reports.with_untracked(|r| r.get(index).cloned().flatten()).map(|report| view! {
            <ReportDocument code report frame branding=branding.get_untracked() index />
        }.into_any()),
        Step::Failed { message } => Some(view! {
            <div class="report-failed no-print" data-site=code role="alert">
                <p>
                    <strong><bdi>{name}</bdi></strong>
                    " " {message}
                </p>
                <button type="button" class="retry-report" on:click=move |_| reading.reader.retry(index)>{tr(Key::Retry)}</button>
            </div>
        }.into_any()),
        Step::Cancelled => Some(view! {
            <p class="report-cancelled no-print"><bdi>{name}</bdi> " — " {tr(PageKey::StepCancelled)}</p>
        }.into_any()),
        Step::Waiting | Step::UnderWay { .. } => Some(view! {
            <p class="report-waiting no-print" aria-busy="true"><bdi>{name}</bdi> " — " {tr(PageKey::StepUnderWay)}</p>
        }.into_any()),
    }
}
