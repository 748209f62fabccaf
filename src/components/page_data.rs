//! Requests as Leptos primitives, so pages stay declarative: a resource for reads, an action for writes.
//! Both use the signed-in client of the session, scoped to the page that creates them.

use std::future::Future;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError, PageScope};
use crate::session::Session;

/// A read for the current page: `fetch` runs with the session's client, again whenever a signal it
/// reads changes; leaving the page aborts it. Signed out, it ends with `Aborted` (the frame
/// redirects to sign-in anyway).
pub fn page_resource<T, Fut>(fetch: impl Fn(ApiClient) -> Fut + 'static) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    resource_of(Rc::new(move |client| fetch(client).boxed_local()))
}

/// `page_resource` with its fetch boxed, so the resource's code is compiled once per reply type,
/// not once per page that reads it (a tenth of the wasm's size before, see BENCHMARKS.md).
fn resource_of<T: 'static>(
    fetch: Rc<dyn Fn(ApiClient) -> LocalBoxFuture<'static, Result<T, ApiError>>>,
) -> LocalResource<Result<T, ApiError>> {
    let session = expect_context::<Session>();
    let scope = PageScope::new();
    LocalResource::new(move || {
        // Untracked: a new session re-renders the whole frame anyway, and a resource subscribed to
        // the app-wide token would stay in its subscribers after the page is gone (see
        // `components::region`).
        let request = untrack(|| session.client()).map(|client| fetch(client.within(&scope)));
        async move {
            match request {
                Some(request) => request.await,
                None => Err(ApiError::Aborted),
            }
        }
    })
}

/// A write for the current page: `action.dispatch(input)` runs `write` with the session's client;
/// `pending()`, `value()` (the result or the error) come with Leptos' `Action`. Writes are never retried.
pub fn page_action<I, T, Fut>(write: impl Fn(ApiClient, I) -> Fut + 'static) -> Action<I, Result<T, ApiError>>
where
    I: Clone + 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let session = expect_context::<Session>();
    Action::new_local(move |input: &I| {
        let request = session.client().map(|client| write(client, input.clone()));
        async move {
            match request {
                Some(request) => request.await,
                None => Err(ApiError::Aborted),
            }
        }
    })
}
