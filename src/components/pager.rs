//! First, previous, next and last page.

use crate::router::A;
use kiubi_wire::paging::Paging;
use leptos::prelude::*;

use crate::i18n::{tr, use_locale, Key, Locale};

/// What a pager counts, in words: the items shown (`from`, `to`) out of `total` when the reply tells
/// it. The caller's: the words of a lazy page's pager go with its code.
pub type Counted = fn(Locale, &str, &str, Option<&str>) -> String;

/// The sites list's count: "1–20 of 52 sites".
pub fn counted_sites(locale: Locale, from: &str, to: &str, total: Option<&str>) -> String {
    match total {
        Some(total) => locale.tr_with(Key::ShownOfTotal, &[("from", from), ("to", to), ("total", total)]),
        None => locale.tr_with(Key::ShownSites, &[("from", from), ("to", to)]),
    }
}

/// First, previous, next and last page (the last when the reply tells it), and which items are shown
/// out of how many, or which items only when the reply gives no count.
#[component]
pub fn Pager(paging: Paging, page_href: Callback<u32, String>, counted: Counted) -> impl IntoView {
    let locale = use_locale();
    let link = move |page: Option<u32>, label: &'static str, title: Key, rel: Option<&'static str>| match page {
        Some(page) => view! {
            <A href=page_href.run(page) class="button" rel=rel
                title=Signal::derive(move || locale.get().tr(title).to_owned())>{label}</A>
        }
        .into_any(),
        None => view! { <span class="button" aria-disabled="true">{label}</span> }.into_any(),
    };
    let not_first = (paging.current > 0).then_some(0);
    let not_last = paging.last().filter(|last| *last > paging.current);
    let count = move || {
        let locale = locale.get();
        let number = |n: u64| locale.integer(i64::try_from(n).unwrap_or(i64::MAX));
        let (from, to) = paging.shown_range().unwrap_or((0, 0));
        let (from, to) = (number(from), number(to));
        counted(locale, &from, &to, paging.total_items.map(number).as_deref())
    };
    view! {
        <nav class="pager" aria-label=tr(Key::Pages)>
            {link(not_first, "«", Key::FirstPage, None)}
            {link(paging.previous(), "‹", Key::PreviousPage, Some("prev"))}
            <span class="count">{count}</span>
            {link(paging.next(), "›", Key::NextPage, Some("next"))}
            {link(not_last, "»", Key::LastPage, None)}
        </nav>
    }
}
