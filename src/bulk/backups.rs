//! A run of backup points over many sites, carried out by `many_sites::Runner`: `JOBS_AT_ONCE` jobs at a
//! time, each followed to its end (`api::jobs::follow`), the run kept for the tab after each change
//! so that a reload finds it again (its jobs followed again, the rest held until the user resumes or
//! cancels).

use leptos::prelude::*;

use super::actions::{BulkActions, RUN_KEY};
use crate::api::jobs::{follow, Followed, JobOf, JobRef, JobState, POLL_MS};
use crate::api::ApiError;
use crate::i18n::Locale;
use crate::many_sites::{Batch, Runner, Step, Task};
use crate::selection::SiteRef;
use crate::session::Session;
use crate::storage::KeptFor;

/// Backup jobs under way at the same time: each is polled until it ends, so this also bounds the
/// polling's share of the API quota.
pub const JOBS_AT_ONCE: usize = 3;

/// The session's run of backup points (none: an empty batch), with the run kept before a reload if
/// there is one.
pub fn backup_runner(session: Session, actions: BulkActions, locale: RwSignal<Locale>) -> Runner<SiteRef> {
    let user = session.user_data();
    let kept = user
        .as_ref()
        .and_then(|user| user.read(KeptFor::Tab, RUN_KEY))
        .and_then(|json| serde_json::from_str::<Batch<SiteRef>>(&json).ok())
        .map(Batch::reloaded)
        .unwrap_or_else(|| Batch::new(Vec::new(), JOBS_AT_ONCE));
    let locale = move || locale.try_get_untracked().unwrap_or_default();
    let runner = Runner::new(session, kept, move |task| back_up(task, locale())).kept_by(move |batch| {
        let json = (!batch.is_empty()).then(|| serde_json::to_string(batch).ok()).flatten();
        if let Some(user) = &user {
            // Refused, the run is followed for as long as the page stays open.
            match &json {
                Some(json) => {
                    let _ = user.write(KeptFor::Tab, RUN_KEY, json);
                }
                None => user.remove(KeptFor::Tab, RUN_KEY),
            }
        }
        actions.has_run.set(json.is_some());
    });
    runner.start();
    runner
}

/// A new run over `sites`.
pub fn new_run(sites: Vec<SiteRef>) -> Batch<SiteRef> {
    Batch::new(sites, JOBS_AT_ONCE)
}

/// One site's backup point: its job started (unless a reload found it under way), then followed to
/// its end; a request that fails for good (after the client's own retries) fails the site's step.
async fn back_up(task: Task<SiteRef>, locale: Locale) -> Step {
    let code_site = task.item.0.clone();
    let job_id = match task.job_id {
        Some(job_id) => job_id,
        None => match task.client.create_backup(&code_site).await {
            Ok(started) => {
                task.job_started(started.data.job_id);
                started.data.job_id
            }
            Err(error) => return failed(&error, locale),
        },
    };
    let job = JobRef { client: task.client.clone(), code_site, job_id, of: JobOf::Site };
    match follow(&job, POLL_MS, None, || task.is_gone(), |_| {}).await {
        Followed::Ended(JobState::Done) => Step::Done,
        Followed::Ended(JobState::Failed(message)) => Step::Failed { message },
        Followed::PollFailed(error) => failed(&error, locale),
        // No deadline was given; stopped, the run is gone and its steps with it.
        Followed::Ended(JobState::Running { .. }) | Followed::Overdue | Followed::Stopped => Step::Cancelled,
    }
}

/// A failed request, as its site's step.
fn failed(error: &ApiError, locale: Locale) -> Step {
    Step::Failed { message: error.user_message(locale) }
}
