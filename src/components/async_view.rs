//! What a read or a write shows, the same way everywhere: loading, its error with a retry, or its
//! value.

use leptos::prelude::*;

use super::region;
use crate::api::ApiError;
use crate::i18n::{tr, use_locale, Key};

/// A failure shown where it happened, with a retry button when `on_retry` is given.
#[component]
pub fn ErrorPanel(message: String, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <button type="button" on:click=move |_| retry.run(())>{tr(Key::Retry)}</button>
            })}
        </div>
    }
}

/// What a read shows, the same way everywhere: `loading` until it answers, its error with a retry,
/// else `show` of its value; drawn as a `region`.
pub fn async_view<T, V, L>(
    state: impl Fn() -> Option<Result<T, ApiError>> + Send + Sync + 'static,
    retry: Callback<()>,
    loading: impl Fn() -> L + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
    L: IntoView + 'static,
{
    let locale = use_locale();
    region(move || match state() {
        None => loading().into_any(),
        Some(Err(error)) => view! { <ErrorPanel message=error.user_message(locale.get()) on_retry=retry /> }.into_any(),
        Some(Ok(value)) => show(value).into_any(),
    })
}

/// A resource as `async_view` shows it, with a "Loading…" line meanwhile.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let locale = use_locale();
    let loading = move || view! { <p class="loading" aria-busy="true">{locale.get().tr(Key::Loading)}</p> };
    loaded_with(resource, loading, show)
}

/// A resource as `async_view` shows it, with `placeholder` meanwhile: a widget that others follow
/// draws one of its final size, so that nothing below it moves when it comes.
pub fn loaded_with<T, V, L>(
    resource: LocalResource<Result<T, ApiError>>,
    placeholder: impl Fn() -> L + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    L: IntoView + 'static,
{
    async_view(move || resource.get(), Callback::new(move |_| resource.refetch()), placeholder, show)
}

/// The user's message for a write's failure, while its latest run is one.
pub fn failure_of<I, T>(action: Action<I, Result<T, ApiError>>) -> impl Fn() -> Option<String> + Copy + Send + Sync
where
    I: 'static,
    T: 'static,
{
    let locale = use_locale();
    move || action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(|e| e.user_message(locale.get())))
}
