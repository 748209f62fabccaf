//! Sparing the API quota in work over many sites: below `RATE_RESERVE` requests left, the work starts
//! nothing new until the quota refills or the user says go on, so the user keeps requests for what
//! they do meanwhile.

use leptos::prelude::*;

use crate::api::{sleep_ms, ApiClient};

/// Requests kept in the API quota: below this, work over many sites pauses until it refills.
pub const RATE_RESERVE: i64 = 50;
/// How often paused work asks the API (`rate.json`, not counted) whether the quota refilled.
const RATE_CHECK_MS: u32 = 15_000;

/// Whether work must pause with `rate_remaining` requests left in the quota (unknown: go on).
pub fn spares_quota(rate_remaining: Option<i64>) -> bool {
    rate_remaining.is_some_and(|left| left < RATE_RESERVE)
}

/// Waits until the quota holds `RATE_RESERVE` requests again; early once `still_waits` says no (the
/// user went on, or the work's owner is gone).
pub async fn until_refilled(client: &ApiClient, still_waits: impl Fn() -> bool) {
    loop {
        sleep_ms(RATE_CHECK_MS).await;
        if !still_waits() {
            return;
        }
        // Its reply's `meta.rate_remaining` updates the client's figure.
        let _ = client.rate().await;
        if !spares_quota(client.state().rate_remaining().get_untracked()) {
            return;
        }
    }
}

/// A sequence of requests (a search read page by page) that waits while the quota is short.
#[derive(Clone, Copy)]
pub struct QuotaPause {
    /// The requests left when it paused, while it waits.
    left: RwSignal<Option<i64>>,
}

impl QuotaPause {
    pub fn new() -> QuotaPause {
        QuotaPause { left: RwSignal::new(None) }
    }

    /// The requests left while it waits for the quota (tracked).
    pub fn left(&self) -> Option<i64> {
        self.left.get()
    }

    /// The user's word: go on now.
    pub fn resume(&self) {
        self.left.set(None);
    }

    /// Returns at once when the quota is not short, else once it refilled or the user resumed (or
    /// the pause is gone with its owner).
    pub async fn wait(&self, client: &ApiClient) {
        let left = client.state().rate_remaining().get_untracked();
        // `Some` from `try_set`: the signal is gone with its owner.
        if !spares_quota(left) || self.left.try_set(left).is_some() {
            return;
        }
        let left = self.left;
        until_refilled(client, move || left.try_get_untracked().flatten().is_some()).await;
        left.try_set(None);
    }
}

impl Default for QuotaPause {
    fn default() -> QuotaPause {
        QuotaPause::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_pauses_below_the_reserve() {
        assert!(spares_quota(Some(RATE_RESERVE - 1)));
        assert!(spares_quota(Some(0)));
        assert!(!spares_quota(Some(RATE_RESERVE)));
        assert!(!spares_quota(None), "no figure yet: go on");
    }
}
