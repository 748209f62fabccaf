//! Sparing the API quota in long runs of requests (the home's figures, the bulk actions): below
//! `RATE_RESERVE` requests left, a run stops starting new requests until the quota refills, so the
//! user keeps requests for what they do meanwhile.

use leptos::prelude::*;

use super::{sleep_ms, ApiClient};

/// Requests kept in the API quota: below this, a run pauses until it refills.
pub const RATE_RESERVE: i64 = 50;
/// How often a paused run asks the API (`rate.json`, not counted) whether the quota refilled.
const RATE_CHECK_MS: u32 = 15_000;

/// Whether a run must pause with `rate_remaining` requests left in the quota.
pub fn spares_quota(rate_remaining: Option<i64>) -> bool {
    rate_remaining.is_some_and(|left| left < RATE_RESERVE)
}

/// Waits while the quota is short, `paused` telling the requests left meanwhile (`None` once it goes
/// on). Returns at once when the quota is not short; early when the user resumes (`paused` set to
/// `None`) or when `paused` is gone with its owner.
pub async fn wait_for_quota(client: &ApiClient, paused: RwSignal<Option<i64>>) {
    let rate = client.state().rate_remaining();
    loop {
        let left = rate.get_untracked();
        if !spares_quota(left) {
            break;
        }
        // `Some`: the signal is gone with its owner.
        if paused.try_set(left).is_some() {
            return;
        }
        sleep_ms(RATE_CHECK_MS).await;
        if paused.try_get_untracked().flatten().is_none() {
            return;
        }
        let _ = client.rate().await;
    }
    paused.try_set(None);
}

/// After a request of a run (the home's figures, a bulk action): `pump` (what starts what may start) at
/// once, or, when the quota is short, once it refilled or the user resumed, `paused` telling the
/// requests left meanwhile. A run already paused starts no second wait.
pub fn go_on(client: ApiClient, paused: RwSignal<Option<i64>>, pump: impl Fn() + 'static) {
    let left = client.state().rate_remaining().get_untracked();
    if !spares_quota(left) {
        return pump();
    }
    if paused.get_untracked().is_some() {
        return;
    }
    // Set now, so that the requests ending meanwhile do not start a wait each.
    paused.set(left);
    leptos::task::spawn_local(async move {
        wait_for_quota(&client, paused).await;
        // Not if the run's owner is gone (the session ended).
        if paused.try_get_untracked() == Some(None) {
            pump();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_pause_below_the_reserve() {
        assert!(spares_quota(Some(RATE_RESERVE - 1)));
        assert!(spares_quota(Some(0)));
        assert!(!spares_quota(Some(RATE_RESERVE)));
        assert!(!spares_quota(None), "no figure yet: go on");
    }
}
