//! The bulk actions' dock, in the chunk of the lazy pages: the confirmation of a run of backup points
//! over the selected sites, the export (`components::export`), and the panel of the run, which stays
//! over whatever page is shown. The
//! `Runner` drives a `bulk::Run`: at most `JOBS_AT_ONCE` jobs at a time, a pause when the API quota
//! runs low (`api::quota`), the run kept for the tab after each change so that a reload finds it
//! again (its jobs followed again, the rest held until the user resumes or cancels).

use kiubi_wire::models::Site;
use kiubi_wire::params::MAX_LIMIT;
use leptos::prelude::*;

use super::export::ExportAsk;
use crate::api::jobs::{JobState, POLL_MS};
use crate::api::quota::{go_on, wait_for_quota};
use crate::api::{sleep_ms, ApiClient, ApiError};
use crate::bulk::{use_bulk_desk, Ask, BulkDesk, Run, RunSite, Step, JOBS_AT_ONCE, RUN_KEY};
use crate::components::{ErrorPanel, Modal, SentenceWith};
use crate::format;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::places::SitesView;
use crate::selection::{site_refs, Selection, SiteRef};
use crate::session::{Session, UserData};
use crate::storage::Span;

crate::lazy_page!(
    /// The dock, shown by the signed-in frame when an action is asked for or a run is kept.
    BULK_DOCK, bulk_dock, BulkDock
);

/// Sites of a run listed by name in its panel; the others are counted.
const LISTED: usize = 200;

#[component]
fn BulkDock() -> impl IntoView {
    let desk = use_bulk_desk();
    let runner = Runner::new(expect_context::<Session>(), desk);
    view! {
        {move || match desk.ask.get() {
            Some(Ask::Backup) => Some(view! { <BackupAsk runner /> }.into_any()),
            Some(Ask::BackupOf(code, name)) => Some(view! { <BackupAsk runner only=(code, name) /> }.into_any()),
            Some(Ask::Export) => Some(view! { <ExportAsk /> }.into_any()),
            None => None,
        }}
        {move || runner.run.with(Option::is_some).then(|| view! { <RunPanel runner /> })}
    }
}

/// Drives the session's run of backup points.
#[derive(Clone, Copy)]
struct Runner {
    session: Session,
    desk: BulkDesk,
    /// The panel's language, for the messages of failures kept with the run.
    locale: RwSignal<Locale>,
    /// Where the run is kept (none until the account is known).
    user: StoredValue<Option<UserData>, LocalStorage>,
    run: RwSignal<Option<Run>>,
    /// The requests left in the quota while the run waits for it to refill.
    paused: RwSignal<Option<i64>>,
}

impl Runner {
    /// The runner, with the run kept before a reload if there is one (its jobs followed again).
    fn new(session: Session, desk: BulkDesk) -> Runner {
        let user = session.user_data();
        let kept = user
            .as_ref()
            .and_then(|user| user.read(Span::Tab, RUN_KEY))
            .and_then(|json| serde_json::from_str::<Run>(&json).ok())
            .map(Run::reloaded);
        let runner = Runner {
            session,
            desk,
            locale: expect_context::<RwSignal<Locale>>(),
            user: StoredValue::new_local(user),
            run: RwSignal::new(kept),
            paused: RwSignal::new(None),
        };
        let running: Vec<(usize, String, i64)> = runner.run.with_untracked(|run| {
            run.iter().flat_map(Run::running).map(|(index, code, job_id)| (index, code.to_owned(), job_id)).collect()
        });
        if let Some(client) = session.client() {
            for (index, code, job_id) in running {
                runner.follow(client.clone(), index, code, job_id);
            }
        }
        runner.save();
        runner
    }

    /// Changes the run and keeps it; nothing when the runner is gone (the session ended).
    fn change(&self, change: impl FnOnce(&mut Run)) -> bool {
        let changed = self.run.try_update(|run| run.as_mut().map(change)).flatten().is_some();
        if changed {
            self.save();
        }
        changed
    }

    fn save(&self) {
        let json = self.run.with_untracked(|run| run.as_ref().and_then(|run| serde_json::to_string(run).ok()));
        if let Some(user) = self.user.get_value() {
            match &json {
                Some(json) => user.write(Span::Tab, RUN_KEY, json),
                None => user.remove(Span::Tab, RUN_KEY),
            }
        }
        self.desk.has_run.set(json.is_some());
    }

    fn locale(&self) -> Locale {
        self.locale.try_get_untracked().unwrap_or_default()
    }

    fn start(&self, sites: Vec<SiteRef>) {
        self.run.set(Some(Run::new(sites)));
        self.save();
        self.pump();
    }

    /// Starts what may start: the run not held nor paused, a place free.
    fn pump(&self) {
        if self.paused.try_get_untracked().flatten().is_some() {
            return;
        }
        let Some(client) = untrack(|| self.session.client()) else { return };
        while let Some(index) = self.run.try_update(|run| run.as_mut().and_then(Run::start_next)).flatten() {
            self.save();
            let Some(code) = self.run.with_untracked(|run| run.as_ref().map(|run| run.sites[index].code_site.clone()))
            else {
                return;
            };
            let (runner, client) = (*self, client.clone());
            leptos::task::spawn_local(async move {
                match client.create_backup(&code).await {
                    Ok(started) => {
                        let job_id = started.data.job_id;
                        if runner.change(|run| run.set(index, Step::Running { job_id })) {
                            runner.follow(client, index, code, job_id);
                        }
                    }
                    Err(error) => runner.finish(client, index, failed(&error, runner.locale())),
                }
            });
        }
    }

    /// Follows a site's job to its end.
    fn follow(&self, client: ApiClient, index: usize, code: String, job_id: i64) {
        let runner = *self;
        leptos::task::spawn_local(async move {
            let step = job_end(&client, &code, job_id, runner.locale()).await;
            runner.finish(client, index, step);
        });
    }

    /// A site's job ended: the next starts, unless the quota is short (then once it refilled).
    fn finish(&self, client: ApiClient, index: usize, step: Step) {
        if self.change(|run| run.set(index, step)) {
            let runner = *self;
            go_on(client, self.paused, move || runner.pump());
        }
    }

    fn resume(&self) {
        self.paused.set(None);
        self.change(Run::resume);
        self.pump();
    }

    fn retry(&self, index: usize) {
        self.change(|run| run.retry(index));
        self.pump();
    }

    /// Forgets a run that is over.
    fn close(&self) {
        self.run.set(None);
        self.save();
    }
}

/// A failed request, as its site's step.
fn failed(error: &ApiError, locale: Locale) -> Step {
    Step::Failed { message: error.user_message(locale) }
}

/// Polls a job until it ends, at Kiubi's back office's pace; a poll that fails for good (after the
/// client's own retries) ends the site's step with its error (the job may go on at the API).
async fn job_end(client: &ApiClient, code: &str, job_id: i64, locale: Locale) -> Step {
    loop {
        sleep_ms(POLL_MS).await;
        match client.job(code, job_id).await.map(|reply| JobState::of(&reply.data)) {
            Ok(JobState::Done) => return Step::Done,
            Ok(JobState::Failed(message)) => return Step::Failed { message },
            Ok(JobState::Running { .. }) => {}
            Err(error) => return failed(&error, locale),
        }
    }
}

/// Every site of the search `view` (`total` of them when it was shown, if known; bar `except`), read
/// page by page, sparing the quota (`paused` says when it waits); `listed` counts the sites read so far.
pub(super) async fn search_sites(
    client: &ApiClient,
    view: &SitesView,
    total: Option<u32>,
    except: &[String],
    listed: RwSignal<Option<u32>>,
    paused: RwSignal<Option<i64>>,
) -> Result<Vec<Site>, ApiError> {
    let mut sites = Vec::new();
    let mut read = 0;
    // Until a page is not full; at most the pages the search had, and one more for sites added since.
    for page in 0..=total.map_or(u32::MAX, |total| total.div_ceil(MAX_LIMIT)) {
        wait_for_quota(client, paused).await;
        let items = client.sites(&SitesView { page, ..view.clone() }.to_query()).await?.data.items;
        read += items.len() as u32;
        listed.try_set(Some(read));
        let last = (items.len() as u32) < MAX_LIMIT;
        sites.extend(items.into_iter().filter(|site| !except.contains(&site.code_site)));
        if last {
            break;
        }
    }
    Ok(sites)
}

/// The selected sites, code and name: those picked, or every site of the search selected whole.
async fn selected_sites(
    client: &ApiClient,
    selection: Selection,
    listed: RwSignal<Option<u32>>,
    paused: RwSignal<Option<i64>>,
) -> Result<Vec<SiteRef>, ApiError> {
    match selection.matching() {
        None => Ok(selection.picked().cloned().collect()),
        Some(matching) => {
            let sites =
                search_sites(client, &matching.view, Some(matching.total), &matching.except, listed, paused).await?;
            Ok(site_refs(&sites))
        }
    }
}

/// The confirmation of a run of backup points over the selection, or over one site (`only`).
#[component]
fn BackupAsk(runner: Runner, #[prop(optional)] only: Option<SiteRef>) -> impl IntoView {
    let desk = use_bulk_desk();
    let locale = use_locale();
    let selection = match only {
        Some(site) => {
            let mut one = Selection::default();
            one.toggle(&site);
            one
        }
        None => desk.selection.get_untracked(),
    };
    let count = selection.count();
    let open = RwSignal::new(true);
    // The dialog closed (Cancel, Escape, the backdrop, or the run started): the ask is over.
    Effect::new(move |_| {
        if !open.get() {
            desk.ask.set(None);
        }
    });
    let busy = runner.run.with_untracked(|run| run.as_ref().is_some_and(|run| !run.is_over()));
    let listed = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let selection = StoredValue::new(selection);
    let go = move |_| {
        let Some(client) = runner.session.client() else { return };
        let selection = selection.get_value();
        error.set(None);
        listed.set(Some(0));
        leptos::task::spawn_local(async move {
            match selected_sites(&client, selection, listed, runner.paused).await {
                Ok(sites) => {
                    runner.start(sites);
                    open.try_set(false);
                }
                Err(failure) => {
                    error.try_set(Some(failure.user_message(locale.get_untracked())));
                    listed.try_set(None);
                }
            }
        });
    };
    let number = move || format::integer(locale.get(), count.into());
    let title = move || locale.get().tr_count(PageKey::BulkBackupTitle, count.into(), &[("count", &number())]);
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
                    {move || listed.get().map(|read| view! {
                        <p role="status">
                            {move || locale.get().tr_with(PageKey::ListingSites, &[
                                ("done", &format::integer(locale.get(), read.into())),
                                ("total", &number()),
                            ])}
                        </p>
                    })}
                    {move || error.get().map(|message| view! { <ErrorPanel message /> })}
                    <div class="actions">
                        <button type="button" class="ghost" autofocus on:click=move |_| open.set(false)>{tr(PageKey::Cancel)}</button>
                        <button type="button" class="primary" id="confirm-bulk-backup" disabled=move || listed.get().is_some()
                            on:click=go>
                            {move || locale.get().tr_count(PageKey::BulkBackupGo, count.into(), &[("count", &number())])}
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
fn RunPanel(runner: Runner) -> impl IntoView {
    let locale = use_locale();
    let run = runner.run;
    let counts = Memo::new(move |_| run.with(|run| run.as_ref().map(Run::counts).unwrap_or_default()));
    let total = move || run.with(|run| run.as_ref().map_or(0, |run| run.sites.len()));
    let held = move || run.with(|run| run.as_ref().is_some_and(|run| run.held));
    let over = move || run.with(|run| run.as_ref().is_some_and(Run::is_over));
    let number = move |n: usize| format::integer(locale.get(), n as i64);
    let title = move || {
        let c = counts.get();
        locale.get().tr_with(PageKey::RunTitle, &[("done", &number(c.done + c.failed)), ("total", &number(total()))])
    };
    // Failures first (they may be retried), then what is under way, then the rest, in run order.
    let listed = move || {
        run.with(|run| {
            let Some(run) = run else { return Vec::new() };
            let rank = |step: &Step| match step {
                Step::Failed { .. } => 0,
                Step::Starting | Step::Running { .. } => 1,
                _ => 2,
            };
            let mut sites: Vec<(usize, RunSite)> = run.sites.iter().cloned().enumerate().collect();
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
                {move || runner.paused.get().map(|left| view! {
                    <p class="notice paused" role="status">
                        {move || locale.get().tr_with(PageKey::RunPaused, &[("count", &left.to_string())])}
                        " " <button type="button" class="ghost" on:click=move |_| runner.resume()>{tr(PageKey::Resume)}</button>
                    </p>
                })}
                {move || held().then(|| view! {
                    <p class="notice held" role="status">
                        {move || locale.get().tr_count(PageKey::RunHeld, counts.get().waiting as i64, &[("count", &number(counts.get().waiting))])}
                    </p>
                })}
                <ul class="run-sites">
                    <For each=listed key=|(index, site)| (*index, site.step.clone()) let:((index, site))>
                        <RunSiteRow runner index site />
                    </For>
                </ul>
                {move || (total() > LISTED).then(|| view! {
                    <p class="muted">{move || locale.get().tr_count(PageKey::RunMore, (total() - LISTED) as i64, &[("count", &number(total() - LISTED))])}</p>
                })}
                <div class="actions">
                    {move || held().then(|| view! {
                        <button type="button" class="primary" id="resume-run" on:click=move |_| runner.resume()>{tr(PageKey::Resume)}</button>
                    })}
                    {move || (counts.get().waiting > 0).then(|| view! {
                        <button type="button" class="ghost" id="cancel-run" on:click=move |_| { runner.change(Run::cancel); }>
                            {tr(PageKey::CancelRest)}
                        </button>
                    })}
                    {move || over().then(|| view! {
                        <button type="button" class="ghost" id="close-run" on:click=move |_| runner.close()>{tr(Key::Dismiss)}</button>
                    })}
                </div>
            </details>
        </aside>
    }
}

#[component]
fn RunSiteRow(runner: Runner, index: usize, site: RunSite) -> impl IntoView {
    let code = site.code_site.clone();
    let (failed, name) = (matches!(site.step, Step::Failed { .. }), step_name(&site.step));
    let step = match site.step {
        Step::Waiting => view! { <span class="step">{tr(PageKey::StepWaiting)}</span> }.into_any(),
        Step::Starting | Step::Running { .. } => view! { <span class="step">{tr(PageKey::StepUnderWay)}</span> }.into_any(),
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
        <li data-code=code data-step=name>
            <span class="name"><bdi>{site.name}</bdi> " " <span class="code">{site.code_site}</span></span>
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
        Step::Starting | Step::Running { .. } => "under_way",
        Step::Done => "done",
        Step::Failed { .. } => "failed",
        Step::Cancelled => "cancelled",
    }
}
