//! Following an asynchronous job: poll `sites/{code}/jobs/{id}` until it is `done` or `halt`.

use std::cell::Cell;
use std::rc::Rc;

use kiubi_wire::models::Job;
use leptos::prelude::*;

use super::{sleep_ms, ApiClient, ApiError};

/// Kiubi's back office polls jobs at this pace.
pub const POLL_MS: u32 = 1_500;

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
        match job.status.as_str() {
            "done" => JobState::Done,
            "halt" => JobState::Failed(String::new()),
            _ => JobState::Running { progression: job.progression.unwrap_or(0).clamp(0, 100), step: job.step.clone() },
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
    cancelled: Rc<Cell<bool>>,
}

impl JobWatch {
    /// Starts polling job `job_id` of `code_site` every `poll_ms`.
    pub fn start(client: ApiClient, code_site: String, job_id: i64, poll_ms: u32) -> JobWatch {
        let watch = JobWatch {
            state: ArcRwSignal::new(None),
            error: ArcRwSignal::new(None),
            cancelled: Rc::new(Cell::new(false)),
        };
        let polling = watch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            while !polling.cancelled.get() {
                match client.job(&code_site, job_id).await {
                    Ok(reply) => {
                        let state = JobState::of(&reply.data);
                        let over = state.is_over();
                        polling.state.set(Some(state));
                        if over {
                            return;
                        }
                    }
                    Err(error) => {
                        polling.error.set(Some(error));
                        return;
                    }
                }
                sleep_ms(poll_ms).await;
            }
        });
        watch
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(status: &str, progression: Option<i64>, error: &str) -> Job {
        Job { job_id: 1, status: status.into(), progression, step: None, result: String::new(), error: error.into() }
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
    }
}
