//! Short messages about the result of an action, in a polite live region; each goes away by itself
//! after a few seconds or when dismissed.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

const SHOWN_FOR: Duration = Duration::from_secs(6);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// The toasts on screen, shared through context.
#[derive(Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn provide() -> Toasts {
        let toasts = Toasts { shown: RwSignal::new(Vec::new()), next_id: StoredValue::new(0) };
        provide_context(toasts);
        toasts
    }

    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update(|shown| shown.push(Toast { id, kind, text: text.into() }));
        let toasts = *self;
        set_timeout(move || toasts.dismiss(id), SHOWN_FOR);
    }

    fn dismiss(&self, id: u64) {
        self.shown.update(|shown| shown.retain(|toast| toast.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.shown.get() key=|toast| toast.id let:toast>
                <div class="toast" class:error=toast.kind == ToastKind::Error>
                    <span>{toast.text.clone()}</span>
                    <button type="button" class="ghost" aria-label=tr(Key::Dismiss)
                        on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
