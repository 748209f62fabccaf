//! The language as views read it: through a memo per view region (see `components::region`), so a
//! dropped view does not stay among the subscribers of the panel's language signal.

use leptos::prelude::*;

use super::{Locale, Message};
use crate::owner::enclosing;

/// The language of the interface, read through a memo: the region's own (`scope_locale`), else a
/// new one over the panel's signal.
pub fn use_locale() -> Memo<Locale> {
    match use_context::<LocaleScope>() {
        Some(LocaleScope(locale)) => locale,
        None => {
            let root = expect_context::<RwSignal<Locale>>();
            Memo::new(move |_| root.get())
        }
    }
}

#[derive(Clone, Copy)]
struct LocaleScope(Memo<Locale>);

/// Gives the current view region its own memo of the language, over the enclosing region's.
pub fn scope_locale() {
    let outer = enclosing::<LocaleScope>().map(|LocaleScope(locale)| locale);
    let root = expect_context::<RwSignal<Locale>>();
    provide_context(LocaleScope(Memo::new(move |_| outer.map_or_else(|| root.get(), |o| o.get()))));
}

/// A message in the current language, following it: `{tr(Key::SignOut)}`. One closure type for every
/// message of a table, so the views share one compiled instance instead of one per message.
pub fn tr<M: Message>(key: M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || locale.get().tr(key)
}
