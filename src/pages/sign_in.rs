//! Sign-in with an API key. The key is checked with a cheap authenticated call before it is kept.

use kiubi_wire::params::SitesQuery;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::ApiError;
use crate::app::{after_sign_in, use_locale};
use crate::i18n::Key;
use crate::session::Session;

#[component]
pub fn SignIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let locale = use_locale();
    let navigate = use_navigate();
    let query = use_query_map();
    let key = RwSignal::new(String::new());
    let format_error = RwSignal::new(false);

    let check_key = Action::new_local(move |key: &String| {
        let client = session.client_for(key);
        let key = key.clone();
        async move {
            client.sites(&SitesQuery { limit: Some(1), ..Default::default() }).await?;
            Ok::<String, ApiError>(key)
        }
    });

    Effect::new(move |_| {
        if let Some(Ok(key)) = check_key.value().get() {
            session.sign_in(key);
            let next = query.with_untracked(|q| q.get("next"));
            navigate(&after_sign_in(next.as_deref()), Default::default());
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = key.get_untracked().trim().to_ascii_lowercase();
        format_error.set(!kiubi_wire::is_well_formed_token(&typed));
        if kiubi_wire::is_well_formed_token(&typed) {
            check_key.dispatch(typed);
        }
    };

    let message = move || {
        if format_error.get() {
            return Some(locale.get().tr(Key::ApiKeyInvalidFormat).to_owned());
        }
        match check_key.value().get() {
            Some(Err(err)) => Some(err.user_message(locale.get())),
            _ => None,
        }
    };

    view! {
        <main class="content narrow sign-in">
            <h1>{move || locale.get().tr(Key::AppName)}</h1>
            <form on:submit=submit novalidate>
                <h2>{move || locale.get().tr(Key::SignInTitle)}</h2>
                {move || {
                    query
                        .with(|q| q.get("expired").is_some())
                        .then(|| view! { <p class="notice" role="status">{locale.get().tr(Key::SessionExpired)}</p> })
                }}
                <p class="hint">{move || locale.get().tr(Key::SignInIntro)}</p>
                <label for="api-key">{move || locale.get().tr(Key::ApiKeyLabel)}</label>
                <input
                    id="api-key"
                    name="api_key"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    required
                    aria-describedby="sign-in-error"
                    prop:value=key
                    on:input=move |ev| key.set(event_target_value(&ev))
                />
                <p id="sign-in-error" class="field-error" role="alert">{message}</p>
                <button type="submit" disabled=move || check_key.pending().get()>
                    {move || {
                        let label = if check_key.pending().get() { Key::SigningIn } else { Key::SignInButton };
                        locale.get().tr(label)
                    }}
                </button>
            </form>
        </main>
    }
}
