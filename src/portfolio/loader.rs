//! The figures of the portfolio's cards (live visitors, orders, forms, usage, a 30-day sparkline)
//! and the loader that fills them: a queue, at most `SITES_IN_FLIGHT` sites at a time, and a pause
//! when the API quota runs low (`api::quota`), until it refills. `Scheduler` decides (pure, tested
//! natively); `Portfolio` runs it for the session.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use futures::future::join4;
use kiubi_wire::models::{Site, Stats, Usage};
use kiubi_wire::params::{ReportQuery, UsageExtra};
use leptos::prelude::*;

use crate::api::quota::go_on;
use crate::api::{ApiClient, ApiError};
use crate::chart::{Period, Preset};
use crate::clock;
use crate::session::Session;

/// Sites whose figures load at the same time (each is four requests).
pub const SITES_IN_FLIGHT: usize = 4;
/// Which sites' figures to load next: a queue without repeats, at most `cap` under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    queue: VecDeque<String>,
    under_way: usize,
    cap: usize,
}

impl Scheduler {
    pub fn new(cap: usize) -> Scheduler {
        Scheduler { queue: VecDeque::new(), under_way: 0, cap }
    }

    /// Queues `code` unless it is queued already.
    pub fn request(&mut self, code: String) {
        if !self.queue.contains(&code) {
            self.queue.push_back(code);
        }
    }

    /// The next site to load, if a place is free; it counts as under way until `finished`.
    pub fn start_next(&mut self) -> Option<String> {
        if self.under_way >= self.cap {
            return None;
        }
        let code = self.queue.pop_front()?;
        self.under_way += 1;
        Some(code)
    }

    pub fn finished(&mut self) {
        self.under_way = self.under_way.saturating_sub(1);
    }

    /// Nothing more starts (the home was left); what is under way goes on.
    pub fn clear(&mut self) {
        self.queue.clear();
    }
}

/// A site's figures, for its card and the alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub live: i64,
    pub stats: Stats,
    pub usage: Usage,
    pub visitors: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CardState {
    Loading,
    Ready(Arc<Figures>),
    Failed(ApiError),
}

/// The figures of the session's cards and the loader that fills them. Made by the first page that
/// needs it under the signed-in frame's owner (`PortfolioHome`), so figures survive leaving the home
/// and coming back, and go with the session.
#[derive(Clone, Copy)]
pub struct Portfolio {
    session: Session,
    pub cards: RwSignal<HashMap<String, CardState>>,
    /// Bookkeeping, not shown.
    scheduler: StoredValue<Scheduler>,
    /// Loading stopped to spare the quota: the requests left when it stopped.
    pub paused: RwSignal<Option<i64>>,
    /// The sites of the home's current page, for the alerts drawn from their figures.
    pub shown: RwSignal<Vec<Site>>,
}

impl Portfolio {
    pub fn new(session: Session) -> Portfolio {
        Portfolio {
            session,
            cards: RwSignal::new(HashMap::new()),
            scheduler: StoredValue::new(Scheduler::new(SITES_IN_FLIGHT)),
            paused: RwSignal::new(None),
            shown: RwSignal::new(Vec::new()),
        }
    }

    pub fn state(&self, code: &str) -> Option<CardState> {
        self.cards.with(|cards| cards.get(code).cloned())
    }

    /// Asks for a site's figures: queued, loaded when a place among the sites in flight frees up.
    pub fn request(&self, code: String) {
        if self.cards.with_untracked(|cards| cards.contains_key(&code)) {
            return;
        }
        self.scheduler.update_value(|s| s.request(code));
        self.pump();
    }

    fn pump(&self) {
        while self.paused.get_untracked().is_none() {
            // Untracked: a card's effect calls this, and must not subscribe to the session (see
            // `components::region`).
            let Some(client) = untrack(|| self.session.client()) else {
                return;
            };
            let Some(code) = self.scheduler.try_update_value(Scheduler::start_next).flatten() else {
                return;
            };
            self.cards.update(|cards| {
                cards.insert(code.clone(), CardState::Loading);
            });
            let portfolio = *self;
            leptos::task::spawn_local(async move {
                let state = match figures(&client, &code).await {
                    Ok(figures) => CardState::Ready(Arc::new(figures)),
                    Err(error) => CardState::Failed(error),
                };
                // The session may have ended meanwhile: its signals are gone, and so is the result.
                if portfolio.cards.try_update(|cards| cards.insert(code, state)).is_some() {
                    portfolio.scheduler.update_value(Scheduler::finished);
                    portfolio.after_load(client);
                }
            });
        }
    }

    /// Goes on, or pauses when the quota runs low (and goes on once it refilled).
    fn after_load(&self, client: ApiClient) {
        let portfolio = *self;
        go_on(client, self.paused, move || portfolio.pump());
    }

    /// Goes on at once (the user's word), the quota short or not.
    pub fn resume(&self) {
        // `None`: the signal is still there (`try_set` gives the value back only when it is gone).
        if self.paused.try_set(None).is_none() {
            self.pump();
        }
    }

    /// Forgets figures so that the cards in view load them again.
    pub fn forget(&self, codes: &[String]) {
        self.cards.update(|cards| cards.retain(|code, state| !codes.contains(code) || *state == CardState::Loading));
    }

    /// Nothing more starts once the home is left; what is under way still lands in the cache.
    pub fn leave(&self) {
        self.scheduler.try_update_value(Scheduler::clear);
    }
}

/// Where the session's portfolio lives. The signed-in frame provides it empty: the portfolio and its
/// code (figures, queue) come with the home, in the chunk of the lazy pages, not in the first visit.
#[derive(Clone)]
pub struct PortfolioHome {
    owner: Owner,
    portfolio: StoredValue<Option<Portfolio>>,
}

impl PortfolioHome {
    pub fn provide() {
        let owner = Owner::current().expect("the signed-in frame has an owner");
        provide_context(PortfolioHome { owner, portfolio: StoredValue::new(None) });
    }
}

/// The session's portfolio, made on first use.
pub fn use_portfolio() -> Portfolio {
    let home = expect_context::<PortfolioHome>();
    if let Some(portfolio) = home.portfolio.get_value() {
        return portfolio;
    }
    let session = expect_context::<Session>();
    // Under the frame's owner: it outlives the page that first asks.
    let portfolio = home.owner.with(|| Portfolio::new(session));
    home.portfolio.set_value(Some(portfolio));
    portfolio
}

/// A card's four reads, sent together.
async fn figures(client: &ApiClient, code: &str) -> Result<Figures, ApiError> {
    let period = Period::preset(Preset::Days30, clock::today());
    let query = ReportQuery { start_date: period.start, end_date: period.end };
    let (stats, live, report, usage) =
        join4(client.stats(code), client.live(code), client.report(code, &query), client.usage(code, UsageExtra::ALL))
            .await;
    Ok(Figures {
        live: live?.data.visitors,
        stats: stats?.data,
        usage: usage?.data,
        visitors: report?.data.days.iter().map(|day| day.visitors).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("site-{i}")).collect()
    }

    #[test]
    fn at_most_cap_sites_load_at_once_in_the_order_asked() {
        let mut s = Scheduler::new(SITES_IN_FLIGHT);
        codes(6).into_iter().for_each(|c| s.request(c));
        let started: Vec<String> = std::iter::from_fn(|| s.start_next()).collect();
        assert_eq!(started, codes(4));
        assert_eq!(s.start_next(), None, "all four places taken");
        s.finished();
        assert_eq!(s.start_next().as_deref(), Some("site-4"));
        s.finished();
        s.finished();
        assert_eq!(s.start_next().as_deref(), Some("site-5"));
        assert_eq!(s.start_next(), None, "the queue is empty");
    }

    #[test]
    fn a_site_is_queued_once_and_leaving_drops_the_queue() {
        let mut s = Scheduler::new(1);
        s.request("a".into());
        s.request("b".into());
        s.request("b".into());
        assert_eq!(s.start_next().as_deref(), Some("a"));
        s.finished();
        assert_eq!(s.start_next().as_deref(), Some("b"));
        s.finished();
        assert_eq!(s.start_next(), None, "b once only");
        s.request("c".into());
        s.clear();
        assert_eq!(s.start_next(), None);
    }
}
