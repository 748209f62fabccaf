//! Views whose code is in the lazy code, not in the first visit's module (ARCHITECTURE.md, "Code
//! splitting"): `LazyView` names them, `LazyCode` (the root's, through context) loads the chunk and
//! renders one, `Lazy` shows it once the chunk is there (at once when it already is), and a failed
//! download as a message with a retry, never a blank region.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
pub use wasm_split_helpers::SplitLoaderError;

use super::{region, ErrorPanel};
use crate::i18n::{tr, use_locale, Key};

/// A view in the lazy code: the pages other than the first visit's, and the parts of the frame shown
/// only on demand. Passed across a split point (a call between modules), hence its representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum LazyView {
    Home,
    Site,
    Statistics,
    Activity,
    Backups,
    Subscription,
    NewSite,
    Plans,
    Account,
    Reports,
    /// The bulk actions' dialogs and the run's panel.
    BulkDock,
    /// The selection bar's content, once a site is ticked.
    SelectionBar,
    /// The switcher's dialog (Ctrl+K), once opened.
    SwitcherDialog,
    /// The sidebar's entries of the site shown.
    SiteNavigation,
    /// The sidebar's saved views of the sites list (`organize`).
    SavedViews,
    /// The sites list's filters by the agency's labels and notes, and its "Save the view".
    SitesListTools,
    /// A sites list filtered by the agency's labels or notes: read and paged here, not by the API.
    FilteredSites,
}

/// The lazy code: `load` downloads and links a view's chunk (done once, a failure is not kept); `view`
/// renders the view, once loaded; `warm`: views whose chunks are fetched, one after another, once the
/// first screen is painted. The root provides it (`prefetch_when_idle`), since only it may name every
/// view; components ask for a view by its name.
#[derive(Clone, Copy)]
pub struct LazyCode {
    pub load: fn(LazyView) -> LocalBoxFuture<'static, Result<(), SplitLoaderError>>,
    pub view: fn(LazyView) -> LocalBoxFuture<'static, Result<AnyView, SplitLoaderError>>,
    pub warm: &'static [LazyView],
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

/// The view `view`: a "Loading…" line while the chunk downloads (nothing when `quiet`: a part beside
/// a page that says it loads), then the view; a failed download says so, with a retry and a reload
/// (after a new deploy the old chunks may be gone).
#[component]
pub fn Lazy(view: LazyView, #[prop(optional)] quiet: bool) -> impl IntoView {
    let locale = use_locale();
    let code = expect_context::<LazyCode>();
    let chunk = RwSignal::new(Chunk::Waiting);
    let FirstPaint(painted) = expect_context::<FirstPaint>();
    let loading = move || {
        (!quiet).then(|| view! { <p class="loading" aria-busy="true">{move || locale.get().tr(Key::Loading)}</p> })
    };
    region(move || {
        if !painted.get() {
            return loading().into_any();
        }
        // A quiet part's failure is its page's to say.
        if chunk.get() == Chunk::Failed && quiet {
            return ().into_any();
        }
        if chunk.get() == Chunk::Failed {
            let retry = Callback::new(move |_| chunk.set(Chunk::Waiting));
            return view! {
                <ErrorPanel message=locale.get().tr(Key::ChunkFailed).to_owned() on_retry=retry />
                <button type="button" class="ghost" on:click=|_| reload()>{tr(Key::ReloadPanel)}</button>
            }
            .into_any();
        }
        let mut load = (code.load)(view);
        match poll_once(&mut load) {
            // Already there (prefetched, or shown before): the view at once, without a loading line.
            Some(Ok(())) => match poll_once(&mut (code.view)(view)) {
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

/// Provides `code` and `FirstPaint`, marked once the browser is idle (it has painted the first
/// render); then downloads the chunks of `code.warm`, one after another, so that opening those pages
/// later needs no download. A failure ends it (the network is down, or a new build has other chunks):
/// each view retries when shown.
pub fn prefetch_when_idle(code: LazyCode) {
    let painted = RwSignal::new(false);
    provide_context(code);
    provide_context(FirstPaint(painted));
    leptos::task::spawn_local(async move {
        idle().await;
        painted.try_set(true);
        for view in code.warm {
            if (code.load)(*view).await.is_err() {
                return;
            }
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
