//! Says that work over many sites paused to spare the API quota, with a way to go on at once.

use leptos::prelude::*;

use crate::i18n::{tr, use_locale, Locale, PageKey};

/// What paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paused {
    /// A run over many sites (backup points, an export).
    Run,
    /// The portfolio's figures.
    Figures,
}

impl Paused {
    fn message(self, locale: Locale, left: i64) -> String {
        let count = left.to_string();
        match self {
            Paused::Run => locale.tr_with(PageKey::RunPaused, &[("count", &count)]),
            Paused::Figures => locale.tr_with(PageKey::FiguresPaused, &[("count", &count)]),
        }
    }
}

/// Shown while `left` (the requests left in the quota when the work paused) is known.
#[component]
pub fn PausedNote(left: Signal<Option<i64>>, what: Paused, on_resume: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    move || {
        left.get().map(|left| {
            view! {
                <div class="notice paused" role="status">
                    <p>{move || what.message(locale.get(), left)}</p>
                    <button type="button" on:click=move |_| on_resume.run(())>{tr(PageKey::Resume)}</button>
                </div>
            }
        })
    }
}
