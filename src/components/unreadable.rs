//! The items of a list that could not be read, said in the list's place.

use kiubi_wire::lenient::Unreadable;
use leptos::prelude::*;

use super::SentenceWith;
use crate::i18n::Key;

/// The items of a list that could not be read, each said in the list's place, named by its code
/// when it has one: one odd item does not blank the list.
#[component]
pub fn UnreadableItems(items: Vec<Unreadable>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="unreadable-items" role="status">
                {items
                    .into_iter()
                    .map(|item| {
                        let id = item.id.unwrap_or_else(|| "—".to_owned());
                        view! { <li><SentenceWith key=Key::UnreadableItem placeholder="{id}" value=id /></li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
