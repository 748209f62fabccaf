use leptos::prelude::*;

use crate::app::{use_locale, use_title};
use crate::i18n::Key;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::NotFoundTitle);
    view! {
        <main class="content narrow">
            <h1>{move || locale.get().tr(Key::NotFoundTitle)}</h1>
            <p><a href="/sites">{move || locale.get().tr(Key::BackToSites)}</a></p>
        </main>
    }
}
