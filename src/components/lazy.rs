//! Pages whose code is in the lazy code, not in the first visit's module
//! (ARCHITECTURE.md, "Code splitting"): `lazy_page!` marks the split point, `Lazy` shows the page once
//! the chunk is there (at once when it already is), and a failed download as a message with a retry,
//! never a blank region.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
pub use wasm_split_helpers::SplitLoaderError;

use super::{region, ErrorPanel};
use crate::i18n::{tr, use_locale, Key};

/// The code of a page: `load` downloads and links its chunk (done once, a failure is not kept);
/// `view` builds the page, once loaded.
#[derive(Clone, Copy)]
pub struct LazyPage {
    pub load: fn() -> LocalBoxFuture<'static, Result<(), SplitLoaderError>>,
    pub view: fn() -> LocalBoxFuture<'static, Result<AnyView, SplitLoaderError>>,
}

/// `lazy_page!(NAME, split, Component)`: a `LazyPage` named `NAME` whose code (the component and
/// everything only the lazy pages use) goes to the one lazy-code file (`split_pages-<hash>.wasm`): any page's code is
/// then one request at most, where a chunk per page would share code through further chunks (seven
/// pages made thirteen). `split` names the split function: a call-site identifier, so each split
/// point has a symbol of its own.
///
/// The split points exist in the split build only (`--cfg kiubi_split`, given by `cargo_build_split_panel` in
/// scripts/setup.sh): a split point imports its loader from a module that only `wasm-split-cli`
/// provides, so an unsplit wasm (`trunk serve`, the wasm-bindgen tests, clippy) has the page at once instead.
#[macro_export]
macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident, $split:ident, $component:path) => {
        $(#[$doc])*
        pub const $name: $crate::components::LazyPage = {
            fn render() -> ::leptos::prelude::AnyView {
                use ::leptos::prelude::*;
                view! { <$component /> }.into_any()
            }
            #[cfg(kiubi_split)]
            #[::wasm_split_helpers::wasm_split(pages, fallible, preload(load))]
            fn $split() -> Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError> {
                Ok(render())
            }
            #[cfg(not(kiubi_split))]
            async fn $split() -> Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError> {
                Ok(render())
            }
            #[cfg(not(kiubi_split))]
            async fn load() -> Result<(), $crate::components::SplitLoaderError> {
                Ok(())
            }
            $crate::components::LazyPage {
                load: || ::std::boxed::Box::pin(load()),
                view: || ::std::boxed::Box::pin($split()),
            }
        };
    };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Chunk {
    Waiting,
    Ready,
    Failed,
}

/// Whether the signed-in frame has been painted once (`prefetch_when_idle` says so). No lazy page
/// renders before: linking the lazy code and rendering its page hold the main thread, and the frame's
/// first paint would wait for them (half a second on a slow phone).
#[derive(Clone, Copy)]
pub struct FirstPaint(RwSignal<bool>);

/// The page of `page`: a "Loading…" line while its chunk downloads, then the page; a failed
/// download says so, with a retry and a reload (after a new deploy the old chunks may be gone).
#[component]
pub fn Lazy(page: LazyPage) -> impl IntoView {
    let locale = use_locale();
    let chunk = RwSignal::new(Chunk::Waiting);
    let FirstPaint(painted) = expect_context::<FirstPaint>();
    let loading = move || view! { <p class="loading" aria-busy="true">{move || locale.get().tr(Key::Loading)}</p> };
    region(move || {
        if !painted.get() {
            return loading().into_any();
        }
        if chunk.get() == Chunk::Failed {
            let retry = Callback::new(move |_| chunk.set(Chunk::Waiting));
            return view! {
                <ErrorPanel message=locale.get().tr(Key::ChunkFailed).to_owned() on_retry=retry />
                <button type="button" class="ghost" on:click=|_| reload()>{tr(Key::ReloadPanel)}</button>
            }
            .into_any();
        }
        let mut load = (page.load)();
        match poll_once(&mut load) {
            // Already there (prefetched, or shown before): the page at once, without a loading line.
            Some(Ok(())) => match poll_once(&mut (page.view)()) {
                Some(Ok(view)) => view,
                _ => failed(chunk),
            },
            Some(Err(_)) => failed(chunk),
            None => {
                leptos::task::spawn_local(async move {
                    let next = if load.await.is_ok() { Chunk::Ready } else { Chunk::Failed };
                    // The page may have been left meanwhile.
                    chunk.try_set(next);
                });
                loading().into_any()
            }
        }
    })
}

/// Marks the chunk failed from inside the region that reads it (on the next turn, not while the
/// region runs).
fn failed(chunk: RwSignal<Chunk>) -> AnyView {
    leptos::task::spawn_local(async move {
        chunk.try_set(Chunk::Failed);
    });
    ().into_any()
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Polls `future` once: its output when it is ready at once (a loaded chunk is).
pub fn poll_once<F: Future + Unpin>(future: &mut F) -> Option<F::Output> {
    match std::pin::Pin::new(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// Provides `FirstPaint`, marked once the browser is idle (it has painted the first render); then
/// downloads the chunks of `pages` one after the other, when the browser is idle, so that opening
/// them later needs no download. The first failure ends it (the network is down, or a new build has
/// other chunks): each page retries when it is opened.
pub fn prefetch_when_idle(pages: &'static [LazyPage]) {
    let painted = RwSignal::new(false);
    provide_context(FirstPaint(painted));
    leptos::task::spawn_local(async move {
        idle().await;
        painted.try_set(true);
        for page in pages {
            if (page.load)().await.is_err() {
                break;
            }
            idle().await;
        }
    });
}

/// Resolves when the browser is idle (`requestIdleCallback`), or on the next task where there is
/// none (Safari).
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        if window.request_idle_callback(&resolve).is_err() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::poll_once;
    use std::future::{pending, ready};

    #[test]
    fn a_ready_future_gives_its_output_and_a_pending_one_none() {
        assert_eq!(poll_once(&mut ready(3)), Some(3));
        assert_eq!(poll_once(&mut Box::pin(pending::<u8>())), None);
    }
}
