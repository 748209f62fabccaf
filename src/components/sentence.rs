//! Interface text around values from the API: sentences with a value in them, column headings.

use leptos::prelude::*;

use crate::i18n::{use_locale, Locale, Message};

/// A table's column heading, in the current language.
pub fn column_heading(locale: Memo<Locale>, key: impl Message) -> impl IntoView {
    view! { <th scope="col">{move || locale.get().tr(key)}</th> }
}

/// A sentence of the interface with a value from the API in it: the value is bidi-isolated
/// (`<bdi>`), so right-to-left text or a direction override in it cannot reorder the words around it.
#[component]
pub fn SentenceWith<M: Message>(key: M, placeholder: &'static str, #[prop(into)] value: String) -> impl IntoView {
    let locale = use_locale();
    move || {
        let (before, after) = crate::i18n::around(locale.get().tr(key), placeholder);
        view! { {before} <bdi>{value.clone()}</bdi> {after} }
    }
}
