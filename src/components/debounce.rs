//! A value once it has stopped changing (a search box's text).

use std::time::Duration;

use leptos::prelude::*;

/// `source`, once it has stopped changing for `wait`: typing fires one request, not one per key.
pub fn use_debounced(source: RwSignal<String>, wait: Duration) -> ReadSignal<String> {
    let (settled, set_settled) = signal(source.get_untracked());
    let generation = StoredValue::new(0u64);
    Effect::new(move |first_run_done: Option<()>| {
        let value = source.get();
        if first_run_done.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                // A later change has its own timer; the owner may be gone (page left).
                if generation.try_get_value() == Some(mine) {
                    set_settled.try_set(value);
                }
            },
            wait,
        );
    });
    settled
}
