//! Components shared by several pages.

mod toasts;

pub use toasts::{use_toasts, ToastKind, ToastRegion, Toasts};

use leptos::prelude::*;

use crate::app::use_locale;
use crate::i18n::Key;

/// A failure shown where it happened, with a retry button when `on_retry` is given.
#[component]
pub fn ErrorPanel(message: String, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="error-panel" role="alert">
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <button on:click=move |_| retry.run(())>{move || locale.get().tr(Key::Retry)}</button>
            })}
        </div>
    }
}
