//! Helpers over Leptos' reactive owners.

use leptos::prelude::*;

/// A context from above the current region: its owner's parent, since the region's own, provided
/// on its previous run, went with that run.
pub fn enclosing<T: Clone + 'static>() -> Option<T> {
    Owner::current().and_then(|owner| owner.parent()).and_then(|parent| parent.with(use_context::<T>))
}
