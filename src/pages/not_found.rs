use leptos::prelude::*;

use crate::host::use_title;
use crate::i18n::{tr, Key};
use crate::places;
use crate::router::A;

#[component]
pub fn NotFound() -> impl IntoView {
    use_title(Key::NotFoundTitle);
    view! {
        <h1>{tr(Key::NotFoundTitle)}</h1>
        <p><A href=places::SITES>{tr(Key::BackToSites)}</A></p>
    }
}
