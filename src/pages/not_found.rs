use leptos::prelude::*;

use crate::app::{use_locale, use_title};
use crate::i18n::Key;
use crate::places;
use crate::router::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::NotFoundTitle);
    view! {
        <h1>{move || locale.get().tr(Key::NotFoundTitle)}</h1>
        <p><A href=places::SITES>{move || locale.get().tr(Key::BackToSites)}</A></p>
    }
}
