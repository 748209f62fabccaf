//! View regions that re-render as what they read changes, without leaving their closures behind.

use leptos::prelude::*;

use crate::i18n::scope_locale;

/// A view region re-rendered as what it reads changes. It reads the language and the current path
/// through memos of its own, over the enclosing region's: the reactive graph (reactive_graph 0.2)
/// never removes a dropped view's closures from the subscribers of a signal that outlives it, so a
/// region re-rendered for each page of a list would otherwise leave ~14 KB per page turn in the
/// panel-wide signals for good (BENCHMARKS.md). With these memos, the dropped closures go with the
/// region; only the outermost (the page) leaves its two memos' entries (a few bytes).
pub fn region<V: IntoView + 'static>(render: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    move || {
        scope_locale();
        crate::router::scope_pathname();
        render()
    }
}
