//! Helpers over Leptos' reactive owners.

use leptos::prelude::*;

/// A context from above the current region: its owner's parent, since the region's own, provided
/// on its previous run, went with that run.
pub fn enclosing<T: Clone + 'static>() -> Option<T> {
    Owner::current().and_then(|owner| owner.parent()).and_then(|parent| parent.with(use_context::<T>))
}

/// The signed-in frame's owner, for what lives as long as the session and is made by the lazy code
/// on first use (the portfolio's figures, the agency's organizing): under it, not under the page
/// that first asks, it survives leaving that page, and goes with the session.
#[derive(Clone)]
pub struct SessionScope(Owner);

impl SessionScope {
    /// Called by the signed-in frame, for each session. An owner of its own, new each time: the
    /// frame's owner is the same across its runs and would keep the last session's contexts.
    pub fn provide() {
        provide_context(SessionScope(Owner::current().expect("the signed-in frame has an owner").child()));
    }
}

/// The session's `T`: made by `make` on first use, under the session's scope.
pub fn session_scoped<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
    let SessionScope(owner) = expect_context::<SessionScope>();
    if let Some(made) = owner.with(use_context::<T>) {
        return made;
    }
    owner.with(|| {
        let made = make();
        provide_context(made.clone());
        made
    })
}
