//! Following an asynchronous job: poll `sites/{code}/jobs/{id}` until it is `done` or `halt`.

use std::cell::Cell;
use std::rc::Rc;

use kiubi_wire::enums::JobStatus;
use kiubi_wire::lenient::Known;
use kiubi_wire::models::Job;
use leptos::prelude::*;

use kiubi_wire::error_code;

use super::{sleep_ms, ApiClient, ApiError};

/// Kiubi's back office polls jobs at this pace.
pub const POLL_MS: u32 = 1_500;

/// A job still running after this long is said to take unusually long (`config.json`
/// `jobDeadlineMinutes` overrides it).
pub const DEADLINE_MINUTES: u32 = 10;

/// How a job is followed: how often it is asked for, and for how long before the user is asked
/// whether to keep waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub poll_ms: u32,
    pub deadline_ms: u32,
}

impl Pace {
    pub fn with_deadline_minutes(minutes: u32) -> Pace {
        Pace { poll_ms: POLL_MS, deadline_ms: minutes.max(1).saturating_mul(60_000) }
    }
}

/// Whose job is followed: one of an existing site, or the creation of a new site, whose job the
/// API may refuse (404, 4401, 4310) while the new site is not visible yet: then the site itself is
/// asked for, and its existence ends the watch as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOf {
    Site,
    NewSite,
}

impl JobOf {
    /// A refusal that means "not visible yet" for a new site's job (never one of the token).
    fn tolerates(self, error: &ApiError) -> bool {
        self == JobOf::NewSite
            && matches!(error, ApiError::Api { http_status, code, .. }
                if *http_status == 404 || *code == error_code::UNKNOWN_RESOURCE || *code == error_code::ACCESS_NOT_YOURS)
    }
}

/// Where a job stands, from its last known state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobState {
    /// `todo` or `working`, with the progression (0-100) and step.
    Running {
        progression: i64,
        step: Option<String>,
    },
    Done,
    /// `halt`, or an `error` string on any status: the job failed with this message.
    Failed(String),
}

impl JobState {
    pub fn of(job: &Job) -> JobState {
        if !job.error.trim().is_empty() {
            return JobState::Failed(job.error.clone());
        }
        let running =
            |step: Option<String>| JobState::Running { progression: job.progression.unwrap_or(0).clamp(0, 100), step };
        match &job.status {
            Known::Value(JobStatus::Done) => JobState::Done,
            Known::Value(JobStatus::Halt) => JobState::Failed(String::new()),
            Known::Value(JobStatus::Todo | JobStatus::Working) => running(job.step.clone()),
            // A status the panel does not know: still followed (to the deadline), its name shown.
            Known::Unknown(name) => running(job.step.clone().or_else(|| (!name.is_empty()).then(|| name.clone()))),
        }
    }

    pub fn is_over(&self) -> bool {
        !matches!(self, JobState::Running { .. })
    }
}

/// A job being followed. Its signals update on each poll; `cancel` stops polling.
#[derive(Clone)]
pub struct JobWatch {
    pub state: ArcRwSignal<Option<JobState>>,
    /// A poll that failed for good (after the client's retries); polling stops.
    pub error: ArcRwSignal<Option<ApiError>>,
    /// Still running at the deadline: polling is paused until `keep_waiting`.
    pub overdue: ArcRwSignal<bool>,
    cancelled: Rc<Cell<bool>>,
    job: Rc<(JobRef, Pace)>,
}

/// A job to follow: whose, and which.
#[derive(Clone)]
pub struct JobRef {
    pub client: ApiClient,
    pub code_site: String,
    pub job_id: i64,
    pub of: JobOf,
}

impl JobWatch {
    /// Starts polling job `job_id` of `code_site` at `pace`.
    pub fn start(client: ApiClient, code_site: String, job_id: i64, of: JobOf, pace: Pace) -> JobWatch {
        let watch = JobWatch {
            state: ArcRwSignal::new(None),
            error: ArcRwSignal::new(None),
            overdue: ArcRwSignal::new(false),
            cancelled: Rc::new(Cell::new(false)),
            job: Rc::new((JobRef { client, code_site, job_id, of }, pace)),
        };
        watch.poll_until_deadline();
        watch
    }

    fn poll_until_deadline(&self) {
        let polling = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (job, pace) = &*polling.job;
            let deadline = js_sys::Date::now() + f64::from(pace.deadline_ms);
            let stopped = || polling.cancelled.get();
            match follow(job, pace.poll_ms, Some(deadline), stopped, |state| polling.state.set(Some(state))).await {
                Followed::Ended(state) => polling.state.set(Some(state)),
                Followed::PollFailed(error) => polling.error.set(Some(error)),
                Followed::Overdue => polling.overdue.set(true),
                Followed::Stopped => {}
            }
        });
    }

    /// After the deadline: follows the job again, for another deadline.
    pub fn keep_waiting(&self) {
        if self.overdue.get_untracked() && !self.cancelled.get() {
            self.overdue.set(false);
            self.poll_until_deadline();
        }
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

/// How following a job ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Followed {
    /// Done or failed, as the API said.
    Ended(JobState),
    /// A poll failed for good (after the client's retries); the job may go on at the API.
    PollFailed(ApiError),
    /// Still running at the deadline.
    Overdue,
    /// `stopped` said so.
    Stopped,
}

/// Polls `job` every `poll_ms` until it ends, `deadline` (a `Date.now()`) passes, or `stopped()`;
/// `seen` is told each state while it runs. The one loop that follows jobs: a page's `JobWatch` and
/// the bulk backups alike.
pub async fn follow(
    job: &JobRef,
    poll_ms: u32,
    deadline: Option<f64>,
    stopped: impl Fn() -> bool,
    mut seen: impl FnMut(JobState),
) -> Followed {
    let JobRef { client, code_site, job_id, of } = job;
    let (code_site, job_id) = (code_site.as_str(), *job_id);
    let mut known = false;
    while !stopped() {
        match client.job(code_site, job_id).await {
            Ok(reply) => {
                let state = JobState::of(&reply.data);
                if state.is_over() {
                    return Followed::Ended(state);
                }
                known = true;
                seen(state);
            }
            Err(error) if of.tolerates(&error) => {
                if client.site(code_site, &[]).await.is_ok() {
                    return Followed::Ended(JobState::Done);
                }
                // Neither the job nor the site yet: still under way, as far as anyone knows.
                if !known {
                    known = true;
                    seen(JobState::Running { progression: 0, step: None });
                }
            }
            Err(error) => return Followed::PollFailed(error),
        }
        if deadline.is_some_and(|deadline| js_sys::Date::now() >= deadline) {
            return Followed::Overdue;
        }
        sleep_ms(poll_ms).await;
    }
    Followed::Stopped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(status: &str, progression: Option<i64>, error: &str) -> Job {
        Job {
            job_id: 1,
            status: Known::of(status),
            progression,
            step: None,
            result: String::new(),
            error: error.into(),
        }
    }

    #[test]
    fn states_from_the_api_status() {
        assert_eq!(JobState::of(&job("todo", None, "")), JobState::Running { progression: 0, step: None });
        assert_eq!(JobState::of(&job("working", Some(140), "")), JobState::Running { progression: 100, step: None });
        assert_eq!(JobState::of(&job("done", Some(100), "")), JobState::Done);
        assert_eq!(JobState::of(&job("halt", Some(60), "Disque plein")), JobState::Failed("Disque plein".into()));
        assert_eq!(JobState::of(&job("halt", None, "")), JobState::Failed(String::new()));
        // Kiubi's back office treats an error string as a failure whatever the status.
        assert_eq!(JobState::of(&job("done", None, "Erreur")), JobState::Failed("Erreur".into()));
        assert!(!JobState::of(&job("working", None, "")).is_over());
        let unknown = JobState::of(&job("paused", Some(30), ""));
        assert_eq!(unknown, JobState::Running { progression: 30, step: Some("paused".into()) }, "shown, not an error");
    }

    #[test]
    fn only_a_new_sites_job_may_be_refused_for_a_while() {
        let refused = |status: u16, code: i64| ApiError::Api {
            http_status: status,
            code,
            message: String::new(),
            fields: vec![],
        };
        for not_yet in [refused(404, 4401), refused(403, 4310), refused(404, 0)] {
            assert!(JobOf::NewSite.tolerates(&not_yet), "{not_yet:?}");
            assert!(!JobOf::Site.tolerates(&not_yet), "{not_yet:?}");
        }
        for failure in [refused(403, 4311), refused(403, 4307), refused(500, 5007), ApiError::Timeout] {
            assert!(!JobOf::NewSite.tolerates(&failure), "{failure:?}");
        }
    }

    #[test]
    fn deadlines_in_minutes() {
        assert_eq!(Pace::with_deadline_minutes(10), Pace { poll_ms: POLL_MS, deadline_ms: 600_000 });
        assert_eq!(Pace::with_deadline_minutes(0).deadline_ms, 60_000, "at least a minute");
        assert_eq!(Pace::with_deadline_minutes(u32::MAX).deadline_ms, u32::MAX);
    }
}
