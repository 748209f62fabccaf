//! The root component: context (locale, session), routes, and the frame around signed-in pages.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;

use crate::i18n::{Key, Locale};
use crate::pages::{not_found::NotFound, sign_in::SignIn, sites::SitesPage};
use crate::session::Session;

/// The locale of the interface, from the browser's language.
pub fn browser_locale() -> Locale {
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Locale::from_tag(&tag)).unwrap_or_default()
}

/// The current locale, from context.
pub fn use_locale() -> RwSignal<Locale> {
    expect_context::<RwSignal<Locale>>()
}

/// Same-origin API: the stand-in serves both the panel and `/v1/…`.
const DEFAULT_API_BASE: &str = "";

#[component]
pub fn App() -> impl IntoView {
    provide_context(RwSignal::new(browser_locale()));
    provide_context(Session::restore(DEFAULT_API_BASE.to_owned()));
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/sign-in") view=SignIn />
                <ParentRoute path=path!("") view=SignedInFrame>
                    <Route path=path!("") view=|| view! { <Redirect path="/sites" /> } />
                    <Route path=path!("sites") view=SitesPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Header and main area of every signed-in page; sends a signed-out visitor to sign-in.
#[component]
fn SignedInFrame() -> impl IntoView {
    let session = expect_context::<Session>();
    let locale = use_locale();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate("/sign-in", Default::default());
    };
    move || {
        if session.token.with(Option::is_none) {
            return view! { <Redirect path="/sign-in" /> }.into_any();
        }
        let sign_out = sign_out.clone();
        view! {
            <header class="topbar">
                <a class="brand" href="/sites">{move || locale.get().tr(Key::AppName)}</a>
                <nav aria-label="main">
                    <a href="/sites">{move || locale.get().tr(Key::NavSites)}</a>
                </nav>
                <button class="ghost" on:click=sign_out>{move || locale.get().tr(Key::SignOut)}</button>
            </header>
            <main class="content">
                <Outlet />
            </main>
        }
        .into_any()
    }
}
