//! Sign-in, two ways: an API key, or login and password (`POST /v1/auth/token`, as Kiubi's back
//! office does); on the panel's own origin through its server when there is one, which keeps the
//! token (`obtain_token`). Either way the token is checked by reading the account it opens (whose
//! number keys the user's data) before it is kept. The API's address can be
//! changed here; "stay signed in" chooses where the session is kept.

use crate::router::{use_navigate, use_query_map};
use leptos::prelude::*;

use kiubi_wire::{paths, team};

use crate::api::ApiError;
use crate::components::PreferenceSwitches;
use crate::config::Config;
use crate::host::use_title;
use crate::i18n::{use_locale, Key};
use crate::places::after_sign_in;
use crate::session::{Session, SignedIn};

/// How the user proves who they are.
#[derive(Clone, Debug, PartialEq)]
enum Credentials {
    ApiKey(String),
    Login { login: String, password: String },
}

/// What a sign-in attempt sends.
#[derive(Clone, Debug)]
struct Attempt {
    api_base: String,
    credentials: Credentials,
    stay_signed_in: bool,
}

/// An API base is empty (this origin) or an `https://` address; `http://` only for this computer
/// (loopback: the local stand-in), since the key would cross the network readable by anyone on the
/// way. No user name or password in it (`https://api.kiubi.com@elsewhere.example`), no query or
/// fragment.
pub fn is_valid_api_base(base: &str) -> bool {
    let base = base.trim();
    if base.is_empty() {
        return true;
    }
    let (rest, loopback_only) = match (base.strip_prefix("https://"), base.strip_prefix("http://")) {
        (Some(rest), _) => (rest, false),
        (_, Some(rest)) => (rest, true),
        _ => return false,
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map(|(host, _)| host).unwrap_or(""),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let clean = !host.is_empty() && !base.contains(['@', '?', '#']) && !base.contains(char::is_whitespace);
    clean && (!loopback_only || is_loopback(host))
}

fn is_loopback(host: &str) -> bool {
    let ipv4_loopback = host.split('.').count() == 4
        && host.split('.').all(|part| part.parse::<u8>().is_ok())
        && host.starts_with("127.");
    host.eq_ignore_ascii_case("localhost") || host == "::1" || ipv4_loopback
}

/// The first problem with what was typed, before anything is sent.
fn check(attempt: &Attempt) -> Option<Key> {
    if !is_valid_api_base(&attempt.api_base) {
        return Some(Key::ApiBaseInvalid);
    }
    match &attempt.credentials {
        // Any key is tried: its format is the API's to judge.
        Credentials::ApiKey(key) if key.trim().is_empty() => Some(Key::ApiKeyRequired),
        Credentials::Login { login, password } if login.trim().is_empty() || password.is_empty() => {
            Some(Key::LoginRequired)
        }
        _ => None,
    }
}

/// The token to use, checked against the API. On the panel's own origin, its server signs in
/// first: it keeps the token and answers a proof of the session, which the panel uses in its place.
/// Where no server answers (static hosting, the API's origin), the panel signs in itself.
async fn obtain_token(session: Session, attempt: Attempt) -> Result<SignedIn, ApiError> {
    let base = attempt.api_base.trim().to_owned();
    let client = session.client_for(&base, "");
    let fields = match &attempt.credentials {
        Credentials::ApiKey(key) => vec![("api_key", key.trim().to_owned())],
        Credentials::Login { login, password } => {
            vec![("login", login.trim().to_owned()), ("password", password.clone())]
        }
    };
    let mut token = None;
    if base.is_empty() {
        match client.sign_in(team::SESSION_PATH, &fields).await {
            Ok(issued) => token = Some(issued.data.token),
            // Nothing here signs in (no such route, or not the envelope): the panel signs in itself.
            Err(ApiError::Api { http_status: 404 | 405, .. } | ApiError::Undecodable(_) | ApiError::Network(_)) => {}
            // The server answered, and refused: its word stands.
            Err(refused) => return Err(refused),
        }
    }
    let token = match (token, &attempt.credentials) {
        (Some(proof), _) => proof,
        (None, Credentials::ApiKey(key)) => key.trim().to_owned(),
        (None, Credentials::Login { .. }) => client.sign_in(&paths::auth_token(), &fields).await?.data.token,
    };
    let account = session.client_for(&base, &token).account().await?.data;
    Ok(SignedIn {
        api_base: base,
        token,
        account_number: account.account_number,
        stay_signed_in: attempt.stay_signed_in,
    })
}

#[component]
pub fn SignIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let options = expect_context::<Config>().sign_in_options();
    let locale = use_locale();
    let navigate = use_navigate();
    let query = use_query_map();
    let use_login = RwSignal::new(!options.api_key);
    let api_base = RwSignal::new(session.api_base_untracked());
    let key = RwSignal::new(String::new());
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let stay_signed_in = RwSignal::new(false);
    let local_error = RwSignal::new(None::<Key>);
    use_title(Key::SignInTitle);

    let attempt = Action::new_local(move |attempt: &Attempt| obtain_token(session, attempt.clone()));
    let continue_to = navigate.clone();

    Effect::new(move |_| {
        if let Some(Ok(done)) = attempt.value().get() {
            session.sign_in(done);
            let next = query.with_untracked(|q| q.get("next"));
            navigate(&after_sign_in(next.as_deref()), Default::default());
        }
    });

    // Already signed in (a host handed a token over, or another tab signed in): on to the panel.
    Effect::new(move |_| {
        if session.is_signed_in() && attempt.value().with_untracked(Option::is_none) {
            let next = query.with_untracked(|q| q.get("next"));
            continue_to(&after_sign_in(next.as_deref()), Default::default());
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let credentials = if use_login.get_untracked() {
            Credentials::Login { login: login.get_untracked(), password: password.get_untracked() }
        } else {
            Credentials::ApiKey(key.get_untracked().trim().to_ascii_lowercase())
        };
        let typed =
            Attempt { api_base: api_base.get_untracked(), credentials, stay_signed_in: stay_signed_in.get_untracked() };
        local_error.set(check(&typed));
        if local_error.get_untracked().is_none() {
            attempt.dispatch(typed);
        }
    };

    let message = move || {
        if let Some(key) = local_error.get() {
            return Some(locale.get().tr(key).to_owned());
        }
        match attempt.value().get() {
            Some(Err(ApiError::Api { code: kiubi_wire::error_code::ACCESS_IDENTIFICATION_FAILED, .. })) => {
                Some(locale.get().tr(Key::LoginRefused).to_owned())
            }
            Some(Err(err)) => Some(err.user_message(locale.get())),
            _ => None,
        }
    };
    let tr = move |key: Key| move || locale.get().tr(key);
    let mode_button = move |is_login: bool, label: Key| {
        view! {
            <button
                type="button"
                class="tab"
                aria-pressed=move || (use_login.get() == is_login).to_string()
                on:click=move |_| {
                    use_login.set(is_login);
                    local_error.set(None);
                }
            >
                {tr(label)}
            </button>
        }
    };
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();

    view! {
        <main class="content narrow sign-in">
            <div class="sign-in-head">
                <h1>{tr(Key::AppName)}</h1>
                <PreferenceSwitches />
            </div>
            <form on:submit=submit novalidate>
                <h2>{tr(Key::SignInTitle)}</h2>
                {move || {
                    query
                        .with(|q| q.get("expired").is_some())
                        .then(|| view! { <p class="notice" role="status">{tr(Key::SessionExpired)}</p> })
                }}
                {(options.api_key && options.login).then(|| view! {
                    <div class="tabs method" role="group" aria-label=tr(Key::SignInMethod)>
                        {mode_button(false, Key::WithApiKey)}
                        {mode_button(true, Key::WithLogin)}
                    </div>
                })}
                <Show
                    when=move || use_login.get()
                    fallback=move || {
                        view! {
                            <p class="hint">{tr(Key::SignInIntro)}</p>
                            <label for="api-key">{tr(Key::ApiKeyLabel)}</label>
                            <input id="api-key" name="api_key" type="password" autocomplete="off" spellcheck="false"
                                aria-describedby="sign-in-error" prop:value=key
                                on:input=move |ev| key.set(event_target_value(&ev)) />
                        }
                    }
                >
                    <label for="login">{tr(Key::LoginLabel)}</label>
                    <input id="login" name="login" type="text" autocomplete="username" aria-describedby="sign-in-error"
                        prop:value=login on:input=move |ev| login.set(event_target_value(&ev)) />
                    <label for="password">{tr(Key::PasswordLabel)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password"
                        aria-describedby="sign-in-error" prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                </Show>
                {options.api_base_field.then(|| view! {
                    <label for="api-base">{tr(Key::ApiBaseLabel)}</label>
                    <input id="api-base" name="api_base" type="url" placeholder=origin.clone() spellcheck="false"
                        prop:value=api_base on:input=move |ev| api_base.set(event_target_value(&ev)) />
                })}
                <label class="check">
                    <input id="stay" type="checkbox" prop:checked=stay_signed_in
                        on:change=move |ev| stay_signed_in.set(event_target_checked(&ev)) />
                    {tr(Key::StaySignedIn)}
                </label>
                <p id="sign-in-error" class="field-error" role="alert">{message}</p>
                <button type="submit" disabled=move || attempt.pending().get()>
                    {move || locale.get().tr(if attempt.pending().get() { Key::SigningIn } else { Key::SignInButton })}
                </button>
            </form>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(base: &str, credentials: Credentials) -> Attempt {
        Attempt { api_base: base.into(), credentials, stay_signed_in: false }
    }

    #[test]
    fn api_bases() {
        for ok in [
            "",
            "  ",
            "https://api.kiubi.com",
            "https://api.kiubi.com:8443/",
            "https://[2001:db8::1]/kiubi",
            "http://127.0.0.1:8080/",
            "http://127.8.0.1",
            "http://localhost:3000",
            "http://[::1]:8080",
        ] {
            assert!(is_valid_api_base(ok), "{ok}");
        }
        for bad in [
            "api.kiubi.com",
            "ftp://x",
            "https://",
            "https:///v1",
            "https://a b",
            "http://api.kiubi.com",
            "http://192.168.1.10:8080",
            "http://127.0.0.1.example",
            "http://localhost.example",
            "http://[2001:db8::1]",
            "https://api.kiubi.com@evil.example",
            "https://api.kiubi.com/?next=x",
        ] {
            assert!(!is_valid_api_base(bad), "{bad}");
        }
    }

    #[test]
    fn checks_before_sending() {
        let key = Credentials::ApiKey("a1".repeat(20));
        assert_eq!(check(&attempt("", key.clone())), None);
        assert_eq!(check(&attempt("nope", key)), Some(Key::ApiBaseInvalid));
        assert_eq!(check(&attempt("", Credentials::ApiKey("  ".into()))), Some(Key::ApiKeyRequired));
        assert_eq!(check(&attempt("", Credentials::ApiKey("short".into()))), None, "the API judges its keys");
        let blank = Credentials::Login { login: " ".into(), password: "x".into() };
        assert_eq!(check(&attempt("", blank)), Some(Key::LoginRequired));
        let fine = Credentials::Login { login: "demo".into(), password: "x".into() };
        assert_eq!(check(&attempt("", fine)), None);
    }
}
