//! The one flow of work on a selection (bulk backup points, labels, the export, the client reports):
//! list its sites, saying how many were read, stop as soon as its owner (a dialog, a page) is gone,
//! then hand them to the work.

use leptos::prelude::*;
use std::ops::AsyncFnOnce;

use super::listing::{go_on_while, GoOn};
use crate::api::ApiError;

/// Where listing a selection's sites stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SitesListing {
    /// Not asked yet (a dialog before its button is pressed).
    #[default]
    NotStarted,
    /// So many sites read so far.
    Reading(usize),
    /// The listing failed; the work did not start.
    Failed(ApiError),
    /// Listed and handed to the work.
    Listed,
}

impl SitesListing {
    pub fn is_reading(&self) -> bool {
        matches!(self, SitesListing::Reading(_))
    }
}

/// Lists a selection's sites with `list`, which is given the function to tell each page to: it notes
/// the count in `state` and says to stop once `alive` (the owner's flag, read untracked: `None` once
/// it is gone) is no longer true. Listed while the owner is still there, the sites go to `then`; a
/// failure is kept in `state`.
pub fn list_then<T: 'static>(
    state: RwSignal<SitesListing>,
    alive: impl Fn() -> Option<bool> + 'static,
    list: impl AsyncFnOnce(&dyn Fn(usize) -> GoOn) -> Result<Vec<T>, ApiError> + 'static,
    then: impl FnOnce(Vec<T>) + 'static,
) {
    state.set(SitesListing::Reading(0));
    leptos::task::spawn_local(async move {
        let read = |count| {
            state.try_set(SitesListing::Reading(count));
            go_on_while(alive())
        };
        match list(&read).await {
            // Not if the owner went while the sites were listed: the user said no.
            Ok(sites) if alive() == Some(true) => {
                state.try_set(SitesListing::Listed);
                then(sites);
            }
            Ok(_) | Err(ApiError::Aborted) => {}
            Err(failure) => {
                state.try_set(SitesListing::Failed(failure));
            }
        }
    });
}
