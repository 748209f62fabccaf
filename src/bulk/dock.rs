//! The bulk actions' dock, in the lazy code: the confirmation of a run of backup points over the
//! selected sites, the export (`export::ExportDialog`), and the panel of the run, which stays over
//! whatever page is shown.

use leptos::prelude::*;

use super::actions::{use_bulk_actions, BulkAction};
use super::backups::{backup_runner, new_run, JOBS_AT_ONCE};
use crate::components::{ListingLine, Modal, Paused, PausedNote, SentenceWith};
use crate::export::ExportDialog;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::many_sites::quota::QuotaPause;
use crate::many_sites::{list_then, selected_refs, Batch, Entry, GoOn, Runner, SitesListing, Step};
use crate::organize::{use_organizer, SelectionLabels};
use crate::selection::{Selection, SiteRef};
use crate::session::Session;

/// Sites of a run listed by name in its panel; the others are counted.
const LISTED: usize = 200;

/// The dock, shown by the signed-in frame when an action is asked for or a run is kept (in the lazy
/// code, `LazyView::BulkDock`).
#[component]
pub fn BulkDock() -> impl IntoView {
    let actions = use_bulk_actions();
    let runner = backup_runner(expect_context::<Session>(), actions, expect_context::<RwSignal<Locale>>());
    let batch = runner.batch();
    // A memo, so that the panel is drawn once for the run, not again at each of its steps.
    let has_run = Memo::new(move |_| !batch.with(Batch::is_empty));
    view! {
        {move || match actions.asked.get() {
            Some(BulkAction::Backup) => Some(view! { <BackupConfirm runner /> }.into_any()),
            Some(BulkAction::BackupOf(code, name)) => Some(view! { <BackupConfirm runner only=(code, name) /> }.into_any()),
            Some(BulkAction::Export) => Some(view! { <ExportDialog /> }.into_any()),
            Some(BulkAction::Labels) => Some(view! { <SelectionLabels /> }.into_any()),
            None => None,
        }}
        {move || has_run.get().then(|| view! { <RunPanel runner /> })}
    }
}

/// The confirmation of a run of backup points over the selection, or over one site (`only`).
#[component]
fn BackupConfirm(runner: Runner<SiteRef>, #[prop(optional)] only: Option<SiteRef>) -> impl IntoView {
    let actions = use_bulk_actions();
    let locale = use_locale();
    let selection = match only {
        Some(site) => {
            let mut one = Selection::default();
            one.toggle(&site);
            one
        }
        None => actions.selection.get_untracked(),
    };
    let count = selection.count();
    let open = RwSignal::new(true);
    // The dialog closed (Cancel, Escape, the backdrop, or the run started): the ask is over.
    Effect::new(move |_| {
        if !open.get() {
            actions.asked.set(None);
        }
    });
    let busy = runner.batch().with_untracked(|batch| !batch.is_over());
    let listing = RwSignal::new(SitesListing::NotStarted);
    let pause = QuotaPause::new();
    let selection = StoredValue::new(selection);
    let session = expect_context::<Session>();
    let organizer = use_organizer();
    let go = move |_| {
        let Some(client) = session.client() else { return };
        let selection = selection.get_value();
        let workspace = organizer.workspace().get_untracked();
        // Closing the dialog while the sites are listed stops the listing, and the run.
        let list =
            async move |read: &dyn Fn(usize) -> GoOn| selected_refs(&client, &selection, &workspace, pause, read).await;
        list_then(
            listing,
            move || open.try_get_untracked(),
            list,
            move |sites| {
                runner.replace(new_run(sites));
                open.set(false);
            },
        );
    };
    let title = move || locale.get().tr_count(PageKey::BulkBackupTitle, count.into(), &[]);
    view! {
        <Modal open class="confirm" label=Signal::derive(title)>
            <h2>{title}</h2>
            {if busy {
                view! {
                    <p>{tr(PageKey::RunUnderWay)}</p>
                    <div class="actions">
                        <button type="button" autofocus on:click=move |_| open.set(false)>{tr(Key::Dismiss)}</button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <p>{move || locale.get().tr_with(PageKey::BulkBackupExplained, &[("jobs", &JOBS_AT_ONCE.to_string())])}</p>
                    <ListingLine state=listing total=Some(i64::from(count)) />
                    <PausedNote left=Signal::derive(move || pause.left()) what=Paused::Run on_resume=Callback::new(move |_| pause.resume()) />
                    <div class="actions">
                        <button type="button" class="ghost" autofocus on:click=move |_| open.set(false)>{tr(PageKey::Cancel)}</button>
                        <button type="button" class="primary" id="confirm-bulk-backup" disabled=move || listing.with(SitesListing::is_reading)
                            on:click=go>
                            {move || locale.get().tr_count(PageKey::BulkBackupGo, count.into(), &[])}
                        </button>
                    </div>
                }
                .into_any()
            }}
        </Modal>
    }
}

/// The run's panel: its progress, each site's step (a failed one with a retry), and what can be done
/// with the run as a whole.
#[component]
fn RunPanel(runner: Runner<SiteRef>) -> impl IntoView {
    let locale = use_locale();
    let run = runner.batch();
    let counts = Memo::new(move |_| run.with(Batch::counts));
    let total = move || run.with(Batch::len);
    let held = move || run.with(Batch::is_held);
    let over = move || run.with(Batch::is_over);
    let number = move |n: usize| locale.get().integer(n as i64);
    let title = move || {
        let c = counts.get();
        locale.get().tr_with(PageKey::RunTitle, &[("done", &number(c.done + c.failed)), ("total", &number(total()))])
    };
    // Failures first (they may be retried), then what is under way, then the rest, in run order.
    let listed = move || {
        run.with(|run| {
            let rank = |step: &Step| match step {
                Step::Failed { .. } => 0,
                Step::UnderWay { .. } => 1,
                _ => 2,
            };
            let mut sites: Vec<(usize, Entry<SiteRef>)> = run.entries().iter().cloned().enumerate().collect();
            sites.sort_by_key(|(index, site)| (rank(&site.step), *index));
            sites.truncate(LISTED);
            sites
        })
    };
    view! {
        <aside class="bulk-run" aria-label=title>
            <details open>
                <summary>{title}</summary>
                <progress max=total value=move || { let c = counts.get(); c.done + c.failed + c.cancelled }></progress>
                <p class="summary" role="status">
                    {move || {
                        let c = counts.get();
                        locale.get().tr_with(PageKey::RunCounts, &[
                            ("done", &number(c.done)),
                            ("failed", &number(c.failed)),
                            ("under_way", &number(c.under_way)),
                            ("waiting", &number(c.waiting)),
                        ])
                    }}
                </p>
                <PausedNote left=Signal::derive(move || run.with(Batch::paused)) what=Paused::Run on_resume=Callback::new(move |_| runner.resume()) />
                {move || held().then(|| view! {
                    <p class="notice held" role="status">
                        {move || locale.get().tr_count(PageKey::RunHeld, counts.get().waiting as i64, &[])}
                    </p>
                })}
                <ul class="run-sites">
                    <For each=listed key=|(index, site)| (*index, site.step.clone()) let:((index, site))>
                        <RunSiteRow runner index site />
                    </For>
                </ul>
                {move || (total() > LISTED).then(|| view! {
                    <p class="muted">{move || locale.get().tr_count(PageKey::RunMore, (total() - LISTED) as i64, &[])}</p>
                })}
                <div class="actions">
                    {move || held().then(|| view! {
                        <button type="button" class="primary" id="resume-run" on:click=move |_| runner.resume()>{tr(PageKey::Resume)}</button>
                    })}
                    {move || (counts.get().waiting > 0).then(|| view! {
                        <button type="button" class="ghost" id="cancel-run" on:click=move |_| runner.cancel()>
                            {tr(PageKey::CancelRest)}
                        </button>
                    })}
                    {move || over().then(|| view! {
                        <button type="button" class="ghost" id="close-run" on:click=move |_| runner.replace(new_run(Vec::new()))>{tr(Key::Dismiss)}</button>
                    })}
                </div>
            </details>
        </aside>
    }
}

#[component]
fn RunSiteRow(runner: Runner<SiteRef>, index: usize, site: Entry<SiteRef>) -> impl IntoView {
    let Entry { item: (code, name), step } = site;
    let (failed, step_name) = (matches!(step, Step::Failed { .. }), step_name(&step));
    // The job's number once the API has given it: a reload follows that job again.
    let job = match step {
        Step::UnderWay { job_id } => job_id,
        _ => None,
    };
    let step = match step {
        Step::Waiting => view! { <span class="step">{tr(PageKey::StepWaiting)}</span> }.into_any(),
        Step::UnderWay { .. } => view! { <span class="step">{tr(PageKey::StepUnderWay)}</span> }.into_any(),
        Step::Done => view! { <span class="step done">{tr(PageKey::StepDone)}</span> }.into_any(),
        Step::Cancelled => view! { <span class="step">{tr(PageKey::StepCancelled)}</span> }.into_any(),
        Step::Failed { message } if message.trim().is_empty() => {
            view! { <span class="step failed">{tr(PageKey::JobFailedNoReason)}</span> }.into_any()
        }
        Step::Failed { message } => view! {
            <span class="step failed"><SentenceWith key=PageKey::StepFailed placeholder="{message}" value=message /></span>
        }
        .into_any(),
    };
    view! {
        <li data-code=code.clone() data-step=step_name data-job=job>
            <span class="name"><bdi>{name}</bdi> " " <span class="code">{code.clone()}</span></span>
            {step}
            {failed.then(|| view! {
                <button type="button" class="ghost retry" on:click=move |_| runner.retry(index)>{tr(Key::Retry)}</button>
            })}
        </li>
    }
}

/// The step's name, for tests and styles.
fn step_name(step: &Step) -> &'static str {
    match step {
        Step::Waiting => "waiting",
        Step::UnderWay { .. } => "under_way",
        Step::Done => "done",
        Step::Failed { .. } => "failed",
        Step::Cancelled => "cancelled",
    }
}
