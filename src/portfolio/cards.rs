//! The figures of the portfolio's cards (live visitors, orders, forms, usage, a 30-day sparkline),
//! read by `many_sites` for the cards that come into view: at most `SITES_IN_FLIGHT` sites at a time, a
//! pause when the API quota runs low until it refills, kept for the session.

use std::collections::HashMap;
use std::sync::Arc;

use kiubi_wire::models::Site;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::many_sites::{read_figures, Batch, Figures, Runner, Step, Task, Wanted};
use crate::owner::session_scoped;
use crate::session::Session;

/// Sites whose figures load at the same time (each is four requests).
pub const SITES_IN_FLIGHT: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub enum CardState {
    Loading,
    Ready(Arc<Figures>),
    Failed(ApiError),
}

/// The figures of the session's cards and the runner that reads them. Made by the first page that
/// needs it under the signed-in frame's owner (`owner::SessionScope`), so figures survive leaving the home
/// and coming back, and go with the session.
#[derive(Clone, Copy)]
pub struct Portfolio {
    pub cards: RwSignal<HashMap<String, CardState>>,
    reader: Runner<String>,
    /// The sites of the home's current page, for the alerts drawn from their figures.
    pub shown: RwSignal<Vec<Site>>,
}

impl Portfolio {
    pub fn new(session: Session) -> Portfolio {
        let cards = RwSignal::new(HashMap::new());
        let reader =
            Runner::new(session, Batch::new(Vec::new(), SITES_IN_FLIGHT), move |task: Task<String>| async move {
                cards.try_update(|cards| cards.insert(task.item.clone(), CardState::Loading));
                let figures = read_figures(&task.client, &task.item, Wanted::CARD).await;
                let (state, step) = match &figures.failure {
                    Some(error) => (CardState::Failed(error.clone()), Step::Failed { message: String::new() }),
                    None => (CardState::Ready(Arc::new(figures)), Step::Done),
                };
                // The session may have ended meanwhile: its signals are gone, and so is the result.
                cards.try_update(|cards| cards.insert(task.item, state));
                step
            });
        Portfolio { cards, reader, shown: RwSignal::new(Vec::new()) }
    }

    pub fn state(&self, code: &str) -> Option<CardState> {
        self.cards.with(|cards| cards.get(code).cloned())
    }

    /// Loading stopped to spare the quota: the requests left when it stopped.
    pub fn paused(&self) -> Option<i64> {
        self.reader.batch().with(Batch::paused)
    }

    /// Asks for a site's figures: queued, loaded when a place among the sites in flight frees up.
    pub fn request(&self, code: String) {
        if !self.cards.with_untracked(|cards| cards.contains_key(&code)) {
            self.reader.ask(code);
        }
    }

    /// Goes on at once (the user's word), the quota short or not.
    pub fn resume(&self) {
        self.reader.resume();
    }

    /// Forgets figures so that the cards in view load them again.
    pub fn forget(&self, codes: &[String]) {
        self.cards.update(|cards| cards.retain(|code, state| !codes.contains(code) || *state == CardState::Loading));
    }

    /// Nothing more starts once the home is left; what is under way still lands in the cache.
    pub fn leave(&self) {
        self.reader.cancel();
    }
}

/// The session's portfolio, made on first use (its code, figures and queue come with the home, in
/// the lazy code, not in the first visit).
pub fn use_portfolio() -> Portfolio {
    session_scoped(|| Portfolio::new(expect_context::<Session>()))
}
