//! Reading again on a period while the page is visible, and at once on return to it.

use std::time::Duration;

use leptos::prelude::*;

fn page_is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Calls `tick` every `every` while the page is visible, and when the page becomes visible again;
/// stops when the calling component goes.
pub fn use_polling(every: Duration, tick: impl Fn() + Clone + 'static) {
    let on_time = tick.clone();
    let timer = set_interval_with_handle(
        move || {
            if page_is_visible() {
                on_time();
            }
        },
        every,
    )
    .ok();
    let on_return = window_event_listener_untyped("visibilitychange", move |_| {
        if page_is_visible() {
            tick();
        }
    });
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
        on_return.remove();
    });
}
