//! Carries out a `Batch` for the session: starts each site's work as a place frees up and the quota
//! allows, waits for the quota to refill when the batch paused, follows again what a reload left under
//! way, and keeps the batch in a signal that views subscribe to. What one site's work is (read its
//! figures, start and follow a job) is the feature's; the scheduling is the batch's.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use super::batch::{Batch, Step};
use super::quota::until_refilled;
use crate::api::ApiClient;
use crate::session::Session;

type Work<T> = Rc<dyn Fn(Task<T>) -> Pin<Box<dyn Future<Output = Step>>>>;
type Keep<T> = Rc<dyn Fn(&Batch<T>)>;

/// One site's work, as the runner hands it to the feature.
pub struct Task<T: Send + Sync + 'static> {
    pub client: ApiClient,
    pub item: T,
    /// Where the item stands in the batch.
    pub index: usize,
    /// The job that already does it: the batch was kept across a reload while its job ran.
    pub job_id: Option<i64>,
    runner: Runner<T>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Task<T> {
    /// The API gave the job that does this site's work: kept, so that a reload follows it again.
    pub fn job_started(&self, job_id: i64) {
        self.runner.change(|batch| batch.job_started(self.index, job_id));
    }

    /// The runner is gone with its owner (the session ended): the work's result would go nowhere.
    pub fn is_gone(&self) -> bool {
        self.runner.batch.try_with_untracked(|_| ()).is_none()
    }
}

/// A batch being carried out. Copy: its state lives in the owner that made it (a dialog, the frame's
/// dock, the portfolio), and goes with it; work still under way then ends without effect.
pub struct Runner<T: Send + Sync + 'static> {
    session: Session,
    batch: RwSignal<Batch<T>>,
    work: StoredValue<Work<T>, LocalStorage>,
    /// Called after each change, to keep the batch (the bulk backups keep theirs for the tab).
    keep: StoredValue<Option<Keep<T>>, LocalStorage>,
    /// A wait for the quota is under way (one at a time).
    waiting_for_quota: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for Runner<T> {
    fn clone(&self) -> Runner<T> {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Runner<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Runner<T> {
    /// A runner of `batch`, each site's work done by `work`, which answers the site's last step.
    pub fn new<F>(session: Session, batch: Batch<T>, work: impl Fn(Task<T>) -> F + 'static) -> Runner<T>
    where
        F: Future<Output = Step> + 'static,
    {
        let work: Work<T> = Rc::new(move |task| Box::pin(work(task)));
        Runner {
            session,
            batch: RwSignal::new(batch),
            work: StoredValue::new_local(work),
            keep: StoredValue::new_local(None),
            waiting_for_quota: StoredValue::new(false),
        }
    }

    /// `keep` is told the batch after each change.
    pub fn kept_by(self, keep: impl Fn(&Batch<T>) + 'static) -> Runner<T> {
        self.keep.set_value(Some(Rc::new(keep)));
        self
    }

    /// The batch, for views (tracked with `with`, `get`).
    pub fn batch(&self) -> ReadSignal<Batch<T>> {
        self.batch.read_only()
    }

    /// Goes: follows the jobs under way again (a batch kept across a reload), then starts what may.
    /// A runner whose owner is gone (its dialog closed while the sites were listed) does nothing.
    pub fn start(&self) {
        let Some(client) = untrack(|| self.session.client()) else { return };
        let under_way = self.batch.try_with_untracked(|batch| {
            let jobs = batch.jobs_under_way().map(|(index, item, job_id)| (index, item.clone(), job_id));
            jobs.collect::<Vec<_>>()
        });
        let Some(under_way) = under_way else { return };
        for (index, item, job_id) in under_way {
            self.spawn(client.clone(), index, item, Some(job_id));
        }
        self.start_what_may();
    }

    /// Replaces the batch with `batch` and goes.
    pub fn replace(&self, batch: Batch<T>) {
        self.batch.set(batch);
        self.kept();
        self.start();
    }

    /// Asks for `item` (again if it ended) and goes.
    pub fn ask(&self, item: T) {
        if self.change(|batch| batch.ask(item)) == Some(true) {
            self.start_what_may();
        }
    }

    pub fn retry(&self, index: usize) {
        self.change(|batch| batch.retry(index));
        self.start_what_may();
    }

    pub fn cancel(&self) {
        self.change(Batch::cancel);
    }

    /// The user's word: go on now, held or waiting for the quota.
    pub fn resume(&self) {
        self.change(Batch::resume);
        self.start_what_may();
    }

    /// Changes the batch and, if it did change, tells its views and keeps it; `None` once the runner
    /// is gone.
    fn change<R>(&self, change: impl FnOnce(&mut Batch<T>) -> R) -> Option<R> {
        let (changed, result) = self.batch.try_maybe_update(|batch| {
            let before = batch.revision();
            let result = change(batch);
            let changed = batch.revision() != before;
            (changed, (changed, result))
        })?;
        if changed {
            self.kept();
        }
        Some(result)
    }

    fn kept(&self) {
        if let Some(Some(keep)) = self.keep.try_get_value() {
            self.batch.try_with_untracked(|batch| keep(batch));
        }
    }

    /// Starts what may start; a batch that paused for the quota waits for it to refill.
    fn start_what_may(&self) {
        // Untracked: a card's effect asks for its figures, and must not subscribe to the session.
        let Some(client) = untrack(|| self.session.client()) else { return };
        let rate = client.state().rate_remaining();
        loop {
            let left = rate.get_untracked();
            let next =
                self.change(|batch| batch.start_next(left).map(|index| (index, batch.entries()[index].item.clone())));
            let Some(Some((index, item))) = next else { break };
            self.spawn(client.clone(), index, item, None);
        }
        let paused = self.batch.try_with_untracked(|batch| batch.paused().is_some()).unwrap_or(false);
        if paused && self.waiting_for_quota.try_get_value() == Some(false) {
            self.wait_for_quota(client);
        }
    }

    fn wait_for_quota(&self, client: ApiClient) {
        self.waiting_for_quota.set_value(true);
        let runner = *self;
        leptos::task::spawn_local(async move {
            let batch = runner.batch;
            until_refilled(&client, move || batch.try_with_untracked(|b| b.paused().is_some()).unwrap_or(false)).await;
            if runner.waiting_for_quota.try_set_value(false).is_none() {
                let left = client.state().rate_remaining().get_untracked();
                runner.change(|batch| batch.refilled(left));
                runner.start_what_may();
            }
        });
    }

    fn spawn(&self, client: ApiClient, index: usize, item: T, job_id: Option<i64>) {
        let Some(work) = self.work.try_get_value() else { return };
        let runner = *self;
        leptos::task::spawn_local(async move {
            let step = work(Task { client, item, index, job_id, runner }).await;
            if runner.change(|batch| batch.finish(index, step)).is_some() {
                runner.start_what_may();
            }
        });
    }
}
