//! What one panel's requests share: the session cache, the GETs under way, the auth-failure hook,
//! the quota left and the count of requests under way. Each panel owns one (its `Session` makes it):
//! two panels on a page, signed in to two accounts, share nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;

use super::ApiError;

/// A reply as it came: its HTTP status and body, decoded by each caller into its own type.
#[derive(Clone)]
pub(super) struct Raw {
    pub status: u16,
    pub body: Rc<str>,
}

/// Whose request, and which: a reply is only ever given to a caller with the same credentials.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct RequestKey {
    /// The full URL (the API base is in it).
    pub url: String,
    pub token: String,
}

impl RequestKey {
    pub fn new(url: &str, token: &str) -> RequestKey {
        RequestKey { url: url.to_owned(), token: token.to_owned() }
    }
}

type Request = Shared<LocalBoxFuture<'static, Result<Raw, ApiError>>>;

/// A GET under way, awaited by one caller or more; aborted when the last of them has gone.
#[derive(Clone)]
pub(super) struct SharedGet {
    pub request: Request,
    waiters: Rc<Cell<usize>>,
    controller: web_sys::AbortController,
}

#[derive(Default)]
pub struct FetchState {
    in_flight: RefCell<HashMap<RequestKey, SharedGet>>,
    cache: RefCell<HashMap<RequestKey, Raw>>,
    on_auth_failure: RefCell<Option<Rc<dyn Fn()>>>,
    rate_remaining: ArcRwSignal<Option<i64>>,
    busy: ArcRwSignal<u32>,
}

impl std::fmt::Debug for FetchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchState").field("in_flight", &self.in_flight.borrow().len()).finish_non_exhaustive()
    }
}

impl FetchState {
    pub fn new() -> Rc<FetchState> {
        Rc::new(FetchState::default())
    }

    /// How many requests are under way (the shell's progress bar).
    pub fn busy(&self) -> ArcRwSignal<u32> {
        self.busy.clone()
    }

    /// `meta.rate_remaining` of the latest reply that had one.
    pub fn rate_remaining(&self) -> ArcRwSignal<Option<i64>> {
        self.rate_remaining.clone()
    }

    /// Called (once per refused reply) when the API refuses the token: the panel signs out.
    pub fn on_auth_failure(&self, hook: impl Fn() + 'static) {
        *self.on_auth_failure.borrow_mut() = Some(Rc::new(hook));
    }

    /// Forgets cached replies and abandons the GETs under way, as when the session ends.
    pub fn forget(&self) {
        self.forget_where(|_| true);
    }

    /// The same for every token but `token`, as when a session starts: what the sign-in read with the
    /// new token (its account) stays.
    pub fn forget_all_but(&self, token: &str) {
        self.forget_where(|key| key.token != token);
    }

    fn forget_where(&self, doomed: impl Fn(&RequestKey) -> bool) {
        self.cache.borrow_mut().retain(|key, _| !doomed(key));
        let mut abandoned = Vec::new();
        self.in_flight.borrow_mut().retain(|key, get| {
            let keep = !doomed(key);
            if !keep {
                abandoned.push(get.clone());
            }
            keep
        });
        abandoned.iter().for_each(|get| get.controller.abort());
    }

    pub(super) fn auth_failed(&self) {
        let hook = self.on_auth_failure.borrow().clone();
        if let Some(hook) = hook {
            hook();
        }
    }

    pub(super) fn note_rate(&self, rate: i64) {
        self.rate_remaining.set(Some(rate));
    }

    pub(super) fn cached(&self, key: &RequestKey) -> Option<Raw> {
        self.cache.borrow().get(key).cloned()
    }

    pub(super) fn keep(&self, key: RequestKey, raw: Raw) {
        self.cache.borrow_mut().insert(key, raw);
    }

    /// Forgets the cached replies of `urls`, whoever asked for them.
    pub(super) fn drop_cached(&self, urls: &[String]) {
        self.cache.borrow_mut().retain(|key, _| !urls.contains(&key.url));
    }

    /// Counts one request under way for as long as the guard lives, however it ends.
    pub(super) fn count_request(&self) -> BusyGuard {
        self.busy.update(|n| *n += 1);
        BusyGuard(self.busy.clone())
    }

    /// The GET `key` under way, joined; else started by `start` (given the signal that aborts it).
    /// The caller waits through the returned `Waiter`.
    pub(super) fn join(
        self: &Rc<Self>,
        key: RequestKey,
        start: impl FnOnce(web_sys::AbortSignal) -> LocalBoxFuture<'static, Result<Raw, ApiError>>,
    ) -> Waiter {
        let existing = self.in_flight.borrow().get(&key).cloned();
        let get = existing.unwrap_or_else(|| {
            let controller = web_sys::AbortController::new().expect("AbortController");
            let waiters = Rc::new(Cell::new(0));
            let request = start(controller.signal());
            let state = Rc::downgrade(self);
            let (done_key, done_waiters) = (key.clone(), waiters.clone());
            let request = async move {
                let result = request.await;
                if let Some(state) = state.upgrade() {
                    state.remove_if_same(&done_key, &done_waiters);
                }
                result
            }
            .boxed_local()
            .shared();
            let get = SharedGet { request, waiters, controller };
            self.in_flight.borrow_mut().insert(key.clone(), get.clone());
            get
        });
        get.waiters.set(get.waiters.get() + 1);
        Waiter { state: Rc::downgrade(self), key, get }
    }

    /// Removes `key`'s entry if it is still the request of `waiters` (a newer one may have replaced it).
    fn remove_if_same(&self, key: &RequestKey, waiters: &Rc<Cell<usize>>) {
        let mut in_flight = self.in_flight.borrow_mut();
        if in_flight.get(key).is_some_and(|get| Rc::ptr_eq(&get.waiters, waiters)) {
            in_flight.remove(key);
        }
    }
}

/// One caller of a shared GET. When the last caller goes (its page left, or its future dropped)
/// before the reply, the request is aborted and forgotten, so a later caller starts a fresh one.
pub(super) struct Waiter {
    state: std::rc::Weak<FetchState>,
    key: RequestKey,
    pub get: SharedGet,
}

impl Drop for Waiter {
    fn drop(&mut self) {
        let left = self.get.waiters.get().saturating_sub(1);
        self.get.waiters.set(left);
        if left == 0 && self.get.request.peek().is_none() {
            if let Some(state) = self.state.upgrade() {
                state.remove_if_same(&self.key, &self.get.waiters);
            }
            self.get.controller.abort();
        }
    }
}

pub(super) struct BusyGuard(ArcRwSignal<u32>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.update(|n| *n = n.saturating_sub(1));
    }
}

/// Resolves when `signal` aborts (at once if it has); stops listening, and settles, when dropped.
pub(super) struct Aborted {
    signal: web_sys::AbortSignal,
    listener: js_sys::Function,
    fired: wasm_bindgen_futures::JsFuture,
}

impl Aborted {
    pub fn of(signal: &web_sys::AbortSignal) -> Aborted {
        let mut listener = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if signal.aborted() {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
            listener = Some(resolve);
        });
        let listener = listener.expect("the promise's executor runs at once");
        let _ = signal.add_event_listener_with_callback("abort", &listener);
        Aborted { signal: signal.clone(), listener, fired: wasm_bindgen_futures::JsFuture::from(promise) }
    }
}

impl std::future::Future for Aborted {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        self.fired.poll_unpin(cx).map(|_| ())
    }
}

impl Drop for Aborted {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", &self.listener);
        // Settled, so that `JsFuture` frees its callbacks: a promise that never settles keeps them
        // (and ~2 KB of the JS heap per request) for good.
        let _ = self.listener.call0(&wasm_bindgen::JsValue::NULL);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn memory_bytes() -> u32 {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
    }

    /// Watches made and dropped, as every read of a page does when its reply comes first.
    async fn watch_and_drop(signal: &web_sys::AbortSignal, times: u32) {
        for i in 0..times {
            drop(Aborted::of(signal));
            if i % 100 == 0 {
                // Settled promises free their callbacks in a microtask.
                crate::api::sleep_ms(0).await;
            }
        }
        crate::api::sleep_ms(0).await;
    }

    #[wasm_bindgen_test]
    async fn an_abort_watch_dropped_before_the_abort_leaves_nothing_behind() {
        let controller = web_sys::AbortController::new().unwrap();
        let signal = controller.signal();
        watch_and_drop(&signal, 2_000).await;
        let before = memory_bytes();
        watch_and_drop(&signal, 20_000).await;
        let grown = memory_bytes() - before;
        assert!(grown < 256 * 1024, "20,000 watches kept {grown} bytes");
        // And one still fires.
        let watch = Aborted::of(&signal);
        controller.abort();
        watch.await;
    }
}
