//! The plan of a piece of work over many sites (a backup per site, a card's figures, an export's
//! rows): where each site stands, which starts next (at most `at_once` under way), when the work
//! pauses to spare the API quota, and what a reload leaves of it. Pure, so the scheduling is tested
//! natively; `many_sites::Runner` carries it out.

use serde::{Deserialize, Serialize};

use super::quota::spares_quota;

/// Where one site of the batch stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Step {
    Waiting,
    /// Started; `job_id` once the API has given the job that does it, if it is a job.
    UnderWay {
        job_id: Option<i64>,
    },
    Done,
    Failed {
        message: String,
    },
    /// Not started: the batch was cancelled.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub item: T,
    pub step: Step,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub waiting: usize,
    pub under_way: usize,
    pub done: usize,
    pub failed: usize,
    pub cancelled: usize,
}

impl Counts {
    /// Sites that need nothing more (done, failed or cancelled).
    pub fn ended(&self) -> usize {
        self.done + self.failed + self.cancelled
    }
}

/// The batch as it is kept (for the tab, so that a reload finds it): the entries and their steps.
#[derive(Serialize, Deserialize)]
struct Kept<T> {
    entries: Vec<Entry<T>>,
    at_once: usize,
    held: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "Kept<T>",
    into = "Kept<T>",
    bound(serialize = "T: Clone + Serialize", deserialize = "T: Deserialize<'de>")
)]
pub struct Batch<T> {
    entries: Vec<Entry<T>>,
    /// Sites under way at the same time at most.
    at_once: usize,
    /// Nothing new starts until the user resumes (after a reload, the batch waits for a word).
    held: bool,
    /// The requests left in the quota when the batch paused to spare it.
    paused: Option<i64>,
    /// The user said go on while the quota was short: what starts now starts anyway, until a site ends.
    quota_waived: bool,
    /// Kept as steps change, so that starting the next of ten thousand sites does not count them all.
    counts: Counts,
    /// No entry before this one waits.
    first_waiting: usize,
    /// Counts the changes, so that a runner tells its views only of real ones.
    revision: u64,
}

impl<T> From<Kept<T>> for Batch<T> {
    fn from(kept: Kept<T>) -> Batch<T> {
        let mut batch = Batch::new(Vec::new(), kept.at_once);
        batch.entries = kept.entries;
        batch.held = kept.held;
        batch.counts = Counts::default();
        for entry in &batch.entries {
            batch.counts.add(&entry.step, 1);
        }
        batch
    }
}

impl<T: Clone> From<Batch<T>> for Kept<T> {
    fn from(batch: Batch<T>) -> Kept<T> {
        Kept { entries: batch.entries, at_once: batch.at_once, held: batch.held }
    }
}

impl Counts {
    fn add(&mut self, step: &Step, n: isize) {
        let count = match step {
            Step::Waiting => &mut self.waiting,
            Step::UnderWay { .. } => &mut self.under_way,
            Step::Done => &mut self.done,
            Step::Failed { .. } => &mut self.failed,
            Step::Cancelled => &mut self.cancelled,
        };
        *count = count.saturating_add_signed(n);
    }
}

impl<T> Batch<T> {
    pub fn new(items: Vec<T>, at_once: usize) -> Batch<T> {
        let entries: Vec<Entry<T>> = items.into_iter().map(|item| Entry { item, step: Step::Waiting }).collect();
        let counts = Counts { waiting: entries.len(), ..Counts::default() };
        Batch {
            entries,
            at_once,
            held: false,
            paused: None,
            quota_waived: false,
            counts,
            first_waiting: 0,
            revision: 0,
        }
    }

    pub fn entries(&self) -> &[Entry<T>] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Nothing new starts until the user resumes or cancels.
    pub fn is_held(&self) -> bool {
        self.held
    }

    /// The requests left in the quota when the batch paused to spare it, while it waits for a refill.
    pub fn paused(&self) -> Option<i64> {
        self.paused
    }

    /// Changes so far: a different number, a different batch.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Nothing waits or is under way.
    pub fn is_over(&self) -> bool {
        self.counts.waiting == 0 && self.counts.under_way == 0
    }

    fn set_step(&mut self, index: usize, step: Step) {
        let entry = &mut self.entries[index];
        self.counts.add(&entry.step, -1);
        self.counts.add(&step, 1);
        if step == Step::Waiting {
            self.first_waiting = self.first_waiting.min(index);
        }
        entry.step = step;
        self.revision += 1;
    }

    /// The next site to start, with `rate_remaining` requests left in the quota: none while held,
    /// paused or at the cap. A short quota pauses the batch instead (unless the user waived it).
    pub fn start_next(&mut self, rate_remaining: Option<i64>) -> Option<usize> {
        if self.held || self.paused.is_some() || self.counts.under_way >= self.at_once || self.counts.waiting == 0 {
            return None;
        }
        let offset = self.entries[self.first_waiting..].iter().position(|entry| entry.step == Step::Waiting)?;
        let next = self.first_waiting + offset;
        self.first_waiting = next;
        if spares_quota(rate_remaining) && !self.quota_waived {
            self.paused = rate_remaining;
            self.revision += 1;
            return None;
        }
        self.set_step(next, Step::UnderWay { job_id: None });
        Some(next)
    }

    /// The site at `index` is done by job `job_id` (kept, so that a reload follows it again).
    pub fn job_started(&mut self, index: usize, job_id: i64) {
        if self.entries.get(index).is_some_and(|entry| matches!(entry.step, Step::UnderWay { .. })) {
            self.set_step(index, Step::UnderWay { job_id: Some(job_id) });
        }
    }

    /// The site at `index`, under way, ends at `step`; a waived quota is checked again from now on.
    pub fn finish(&mut self, index: usize, step: Step) {
        if self.entries.get(index).is_some_and(|entry| matches!(entry.step, Step::UnderWay { .. })) {
            self.set_step(index, step);
            self.quota_waived = false;
        }
    }

    /// A failed site is tried again, alone: it waits for a place (the batch goes on if it was held).
    pub fn retry(&mut self, index: usize) {
        if self.entries.get(index).is_some_and(|entry| matches!(entry.step, Step::Failed { .. })) {
            self.set_step(index, Step::Waiting);
            self.held = false;
        }
    }

    /// What waits is not started; what is under way goes on to its end.
    pub fn cancel(&mut self) {
        for index in self.first_waiting..self.entries.len() {
            if self.entries[index].step == Step::Waiting {
                self.set_step(index, Step::Cancelled);
            }
        }
        self.first_waiting = self.entries.len();
        self.held = false;
        self.paused = None;
        self.revision += 1;
    }

    /// The user's word: go on now, held or paused, the quota short or not.
    pub fn resume(&mut self) {
        self.held = false;
        if self.paused.take().is_some() {
            self.quota_waived = true;
        }
        self.revision += 1;
    }

    /// The quota, paused for, has `rate_remaining` requests again: whether the batch goes on.
    pub fn refilled(&mut self, rate_remaining: Option<i64>) -> bool {
        let goes_on = self.paused.is_some() && !spares_quota(rate_remaining);
        if goes_on {
            self.paused = None;
            self.revision += 1;
        }
        goes_on
    }

    /// The batch as a reload finds it: the jobs under way are followed again; a site started whose
    /// job was not known yet waits again (the request's answer was lost); nothing new starts until
    /// the user resumes or cancels.
    pub fn reloaded(mut self) -> Batch<T> {
        for index in 0..self.entries.len() {
            if self.entries[index].step == (Step::UnderWay { job_id: None }) {
                self.set_step(index, Step::Waiting);
            }
        }
        self.held = self.counts.waiting > 0;
        self.revision += 1;
        self
    }

    /// The jobs under way: index, item and job id.
    pub fn jobs_under_way(&self) -> impl Iterator<Item = (usize, &T, i64)> {
        self.entries.iter().enumerate().filter_map(|(index, entry)| match entry.step {
            Step::UnderWay { job_id: Some(job_id) } => Some((index, &entry.item, job_id)),
            _ => None,
        })
    }
}

impl<T: PartialEq> Batch<T> {
    /// Asks for `item`: added at the end, or, if it ended (done, failed, cancelled), waiting again.
    /// Whether anything changed (an item waiting or under way is not asked twice).
    pub fn ask(&mut self, item: T) -> bool {
        match self.entries.iter().position(|entry| entry.item == item) {
            Some(index) if matches!(self.entries[index].step, Step::Waiting | Step::UnderWay { .. }) => false,
            Some(index) => {
                self.set_step(index, Step::Waiting);
                true
            }
            None => {
                self.entries.push(Entry { item, step: Step::Waiting });
                self.counts.waiting += 1;
                self.revision += 1;
                self.first_waiting = self.first_waiting.min(self.entries.len() - 1);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many_sites::quota::RATE_RESERVE;

    fn batch(n: usize, at_once: usize) -> Batch<String> {
        Batch::new((0..n).map(|i| format!("site-{i}")).collect(), at_once)
    }

    const PLENTY: Option<i64> = Some(1000);

    fn start_all(b: &mut Batch<String>, rate: Option<i64>) -> Vec<usize> {
        std::iter::from_fn(|| b.start_next(rate)).collect()
    }

    #[test]
    fn at_most_at_once_sites_start_and_each_end_frees_a_place() {
        let mut b = batch(5, 3);
        assert_eq!(start_all(&mut b, PLENTY), [0, 1, 2]);
        assert_eq!(b.counts(), Counts { waiting: 2, under_way: 3, ..Counts::default() });
        b.job_started(0, 7);
        assert_eq!(b.start_next(PLENTY), None, "a job under way holds its place");
        b.finish(1, Step::Failed { message: "disk".into() });
        assert_eq!(b.start_next(PLENTY), Some(3));
        b.finish(0, Step::Done);
        assert_eq!(start_all(&mut b, PLENTY), [4], "then nothing waits");
        for i in [2, 3, 4] {
            b.finish(i, Step::Done);
        }
        assert!(b.is_over());
        assert_eq!(b.counts(), Counts { done: 4, failed: 1, ..Counts::default() });
        b.finish(4, Step::Failed { message: "late".into() });
        assert_eq!(b.entries()[4].step, Step::Done, "only a site under way ends");
    }

    #[test]
    fn a_short_quota_pauses_until_it_refills_or_the_user_says_go_on() {
        let mut b = batch(6, 2);
        assert_eq!(b.start_next(Some(RATE_RESERVE - 1)), None, "under the reserve: paused");
        assert_eq!(b.paused(), Some(RATE_RESERVE - 1));
        assert_eq!(b.start_next(PLENTY), None, "paused until it refilled");
        assert!(!b.refilled(Some(RATE_RESERVE - 1)), "still short");
        assert!(b.refilled(Some(RATE_RESERVE)));
        assert_eq!(start_all(&mut b, Some(RATE_RESERVE)), [0, 1]);
        b.finish(0, Step::Done);
        assert_eq!(b.start_next(Some(3)), None);
        assert_eq!(b.paused(), Some(3));
        // The user's word starts what fits at once, the quota short or not...
        b.resume();
        assert_eq!(start_all(&mut b, Some(3)), [2]);
        // ...and the next end checks the quota again.
        b.finish(1, Step::Done);
        assert_eq!(b.start_next(Some(2)), None);
        assert_eq!(b.paused(), Some(2));
        assert!(b.refilled(None), "an unknown quota goes on");
        assert_eq!(b.paused(), None);
    }

    #[test]
    fn unknown_quota_goes_on_and_nothing_waiting_does_not_pause() {
        let mut b = batch(1, 1);
        assert_eq!(b.start_next(None), Some(0));
        b.finish(0, Step::Done);
        assert_eq!(b.start_next(Some(0)), None);
        assert_eq!(b.paused(), None, "nothing to start: no pause");
    }

    #[test]
    fn cancel_drops_what_waits_and_lets_what_runs_end() {
        let mut b = batch(4, 2);
        start_all(&mut b, PLENTY);
        b.cancel();
        assert_eq!(b.counts(), Counts { under_way: 2, cancelled: 2, ..Counts::default() });
        assert_eq!(b.start_next(PLENTY), None);
        assert!(!b.is_over(), "what runs is still followed");
        b.finish(0, Step::Done);
        b.finish(1, Step::Done);
        assert!(b.is_over());
    }

    #[test]
    fn one_failure_is_retried_alone() {
        let mut b = batch(3, 3);
        start_all(&mut b, PLENTY);
        b.finish(0, Step::Failed { message: "disk".into() });
        b.finish(1, Step::Done);
        b.finish(2, Step::Done);
        b.retry(1);
        assert_eq!(b.entries()[1].step, Step::Done, "only a failure is retried");
        b.retry(0);
        assert_eq!(start_all(&mut b, PLENTY), [0]);
    }

    #[test]
    fn a_reload_follows_the_jobs_again_and_holds_the_rest() {
        let mut b = batch(5, 3);
        start_all(&mut b, PLENTY);
        b.job_started(0, 11);
        b.finish(2, Step::Done);
        let json = serde_json::to_string(&b).unwrap();
        let mut again = serde_json::from_str::<Batch<String>>(&json).unwrap().reloaded();
        assert_eq!(again.jobs_under_way().collect::<Vec<_>>(), [(0, &"site-0".to_owned(), 11)]);
        assert_eq!(again.entries()[1].step, Step::Waiting, "its answer was lost: asked again");
        assert!(again.is_held());
        assert_eq!(again.start_next(PLENTY), None, "held until the user says");
        again.resume();
        assert_eq!(again.start_next(PLENTY), Some(1));
        let mut over = batch(1, 1);
        over.start_next(PLENTY);
        over.finish(0, Step::Done);
        assert!(!over.reloaded().is_held(), "a finished batch is not held");
    }

    /// The counts as they are kept, against the steps counted anew.
    fn assert_counts_in_step<T>(b: &Batch<T>) {
        let mut counted = Counts::default();
        b.entries().iter().for_each(|entry| counted.add(&entry.step, 1));
        assert_eq!(b.counts(), counted);
    }

    #[test]
    fn counts_stay_in_step_through_every_change_and_a_reload() {
        let mut b = batch(8, 3);
        start_all(&mut b, PLENTY);
        b.job_started(1, 5);
        b.finish(0, Step::Failed { message: "x".into() });
        b.finish(2, Step::Done);
        assert_counts_in_step(&b);
        b.retry(0);
        assert_eq!(start_all(&mut b, PLENTY), [0, 3], "a retried site comes before later ones");
        b.cancel();
        assert_counts_in_step(&b);
        assert!(b.ask("site-6".to_owned()) && b.ask("site-9".to_owned()));
        assert_counts_in_step(&b);
        let json = serde_json::to_string(&b).unwrap();
        let again = serde_json::from_str::<Batch<String>>(&json).unwrap().reloaded();
        assert_counts_in_step(&again);
        assert_eq!(again.counts(), Counts { waiting: 4, under_way: 1, done: 1, cancelled: 3, ..Counts::default() });
    }

    #[test]
    fn only_a_real_change_counts_as_one() {
        let mut b = batch(2, 1);
        let revision = |b: &Batch<String>| b.revision();
        let start = revision(&b);
        assert_eq!(b.start_next(PLENTY), Some(0));
        let started = revision(&b);
        assert!(started > start);
        assert_eq!(b.start_next(PLENTY), None, "at the cap");
        b.finish(1, Step::Done);
        b.retry(0);
        assert!(!b.ask("site-1".to_owned()), "waiting already");
        assert_eq!(revision(&b), started, "nothing changed");
        b.finish(0, Step::Done);
        assert!(revision(&b) > started);
    }

    #[test]
    fn an_item_is_asked_once_until_it_ended() {
        let mut b: Batch<&str> = Batch::new(Vec::new(), 1);
        assert!(b.ask("a"));
        assert!(b.ask("b"));
        assert!(!b.ask("b"), "b waits already");
        assert_eq!(b.start_next(PLENTY), Some(0));
        assert!(!b.ask("a"), "a is under way");
        b.finish(0, Step::Done);
        b.cancel();
        assert!(b.ask("a") && b.ask("b"), "ended or cancelled: asked again");
        assert_eq!(b.len(), 2);
    }
}
