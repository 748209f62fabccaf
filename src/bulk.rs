//! Actions on many sites at once. `Run` is a run of backup points over the selected sites: which site
//! stands where, what starts next (at most `JOBS_AT_ONCE` jobs under way), and what a reload leaves of
//! it. Pure and kept as JSON for the tab, so a reload finds the run again; `components::bulk` drives it
//! and shows it. `BulkDesk` is what the sites list asks for, through the signed-in frame.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::selection::{Selection, SiteRef};
use crate::session::Session;
use crate::storage::Span;

/// Backup jobs under way at the same time: each is polled until it ends, so this also bounds the
/// polling's share of the API quota.
pub const JOBS_AT_ONCE: usize = 3;

/// Where the run is kept, in the account's data for the tab (`Session::user_data`).
pub const RUN_KEY: &str = "bulk.backups";

/// What the user asked for: backup points on the selection, or on one site (code, name: the
/// palette's action on the current site), or the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Backup,
    BackupOf(String, String),
    Export,
}

/// The frame's desk of bulk actions: the selected sites (they outlive the pages), what is asked (its
/// dialog open), and whether a run is kept, so the frame shows the run's panel (in the chunk of the
/// lazy pages) only when there is one.
#[derive(Clone, Copy)]
pub struct BulkDesk {
    pub selection: RwSignal<Selection>,
    pub ask: RwSignal<Option<Ask>>,
    pub has_run: RwSignal<bool>,
}

impl BulkDesk {
    /// A desk with nothing selected nor asked; `has_run`, whether a run is kept (`kept_run`).
    pub fn new(has_run: bool) -> BulkDesk {
        BulkDesk {
            selection: RwSignal::new(Selection::default()),
            ask: RwSignal::new(None),
            has_run: RwSignal::new(has_run),
        }
    }
}

/// Whether the session's tab keeps a run (from before a reload).
pub fn kept_run(session: Session) -> bool {
    session.user_data().is_some_and(|user| user.read(Span::Tab, RUN_KEY).is_some())
}

pub fn use_bulk_desk() -> BulkDesk {
    expect_context::<BulkDesk>()
}

/// Where the run stands for one site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Step {
    Waiting,
    /// Its job asked for, not yet known.
    Starting,
    Running {
        job_id: i64,
    },
    Done,
    Failed {
        message: String,
    },
    /// Not started: the run was cancelled.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSite {
    pub code_site: String,
    pub name: String,
    pub step: Step,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    pub waiting: usize,
    pub under_way: usize,
    pub done: usize,
    pub failed: usize,
    pub cancelled: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub sites: Vec<RunSite>,
    /// Nothing new starts until the user resumes (after a reload, the run waits for a word).
    pub held: bool,
}

impl Run {
    pub fn new(sites: Vec<SiteRef>) -> Run {
        let sites =
            sites.into_iter().map(|(code_site, name)| RunSite { code_site, name, step: Step::Waiting }).collect();
        Run { sites, held: false }
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for site in &self.sites {
            match site.step {
                Step::Waiting => counts.waiting += 1,
                Step::Starting | Step::Running { .. } => counts.under_way += 1,
                Step::Done => counts.done += 1,
                Step::Failed { .. } => counts.failed += 1,
                Step::Cancelled => counts.cancelled += 1,
            }
        }
        counts
    }

    /// Nothing waits or is under way.
    pub fn is_over(&self) -> bool {
        let counts = self.counts();
        counts.waiting == 0 && counts.under_way == 0
    }

    /// The next site to start, if the run is not held and a place is free; it is then `Starting`.
    pub fn start_next(&mut self) -> Option<usize> {
        if self.held || self.counts().under_way >= JOBS_AT_ONCE {
            return None;
        }
        let next = self.sites.iter().position(|site| site.step == Step::Waiting)?;
        self.sites[next].step = Step::Starting;
        Some(next)
    }

    /// The site at `index` moves to `step`.
    pub fn set(&mut self, index: usize, step: Step) {
        if let Some(site) = self.sites.get_mut(index) {
            site.step = step;
        }
    }

    /// A failed site is tried again, alone: it waits for a place (the run goes on if it was held).
    pub fn retry(&mut self, index: usize) {
        if let Some(site) = self.sites.get_mut(index).filter(|site| matches!(site.step, Step::Failed { .. })) {
            site.step = Step::Waiting;
            self.held = false;
        }
    }

    /// What waits is not started; the jobs under way go on to their end.
    pub fn cancel(&mut self) {
        for site in &mut self.sites {
            if site.step == Step::Waiting {
                site.step = Step::Cancelled;
            }
        }
        self.held = false;
    }

    pub fn resume(&mut self) {
        self.held = false;
    }

    /// The run as a reload finds it: the jobs under way are followed again; a job asked for whose
    /// answer was lost waits again (a second backup point only replaces the first); and nothing new
    /// starts until the user resumes or cancels.
    pub fn reloaded(mut self) -> Run {
        for site in &mut self.sites {
            if site.step == Step::Starting {
                site.step = Step::Waiting;
            }
        }
        self.held = self.counts().waiting > 0;
        self
    }

    /// The jobs to follow (again): index, code and job id.
    pub fn running(&self) -> impl Iterator<Item = (usize, &str, i64)> {
        self.sites.iter().enumerate().filter_map(|(index, site)| match site.step {
            Step::Running { job_id } => Some((index, site.code_site.as_str(), job_id)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize) -> Run {
        Run::new((0..n).map(|i| (format!("site-{i}"), format!("Site {i}"))).collect())
    }

    #[test]
    fn at_most_three_jobs_start_and_each_end_frees_a_place() {
        let mut r = run(5);
        let started: Vec<usize> = std::iter::from_fn(|| r.start_next()).collect();
        assert_eq!(started, vec![0, 1, 2]);
        assert_eq!(r.counts(), Counts { waiting: 2, under_way: 3, ..Counts::default() });
        r.set(0, Step::Running { job_id: 7 });
        assert_eq!(r.start_next(), None, "a running job holds its place");
        r.set(1, Step::Failed { message: "disk".into() });
        assert_eq!(r.start_next(), Some(3));
        r.set(0, Step::Done);
        assert_eq!(r.start_next(), Some(4));
        assert_eq!(r.start_next(), None, "nothing waits");
        for i in [2, 3, 4] {
            r.set(i, Step::Done);
        }
        assert!(r.is_over());
        assert_eq!(r.counts(), Counts { done: 4, failed: 1, ..Counts::default() });
    }

    #[test]
    fn a_failed_site_is_retried_alone() {
        let mut r = run(2);
        r.set(0, Step::Failed { message: "disk".into() });
        r.set(1, Step::Done);
        r.retry(1);
        assert_eq!(r.sites[1].step, Step::Done, "only a failure is retried");
        r.retry(0);
        assert_eq!(r.start_next(), Some(0));
        assert_eq!(r.start_next(), None);
    }

    #[test]
    fn a_reload_follows_the_jobs_again_and_holds_the_rest_until_resumed_or_cancelled() {
        let mut r = run(5);
        r.start_next();
        r.start_next();
        r.set(0, Step::Running { job_id: 11 });
        r.set(2, Step::Done);
        let json = serde_json::to_string(&r).unwrap();
        let mut again: Run = serde_json::from_str::<Run>(&json).unwrap().reloaded();
        assert_eq!(again.running().collect::<Vec<_>>(), vec![(0, "site-0", 11)]);
        assert_eq!(again.sites[1].step, Step::Waiting, "its answer was lost: asked again");
        assert!(again.held);
        assert_eq!(again.start_next(), None, "held until the user says");
        let mut cancelled = again.clone();
        again.resume();
        assert_eq!(again.start_next(), Some(1));
        cancelled.cancel();
        assert_eq!(cancelled.counts(), Counts { under_way: 1, done: 1, cancelled: 3, ..Counts::default() });
        assert_eq!(cancelled.start_next(), None);
        assert!(!cancelled.is_over(), "the job under way is still followed");
    }

    #[test]
    fn a_finished_run_is_not_held_after_a_reload() {
        let mut r = run(1);
        r.set(0, Step::Done);
        assert!(!r.reloaded().held);
    }
}
