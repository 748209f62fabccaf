//! The root component: context (locale, theme, session, router, toasts, recent sites), routes,
//! and the frame around signed-in pages.

use leptos::prelude::*;

use crate::bulk::{kept_run, use_bulk_actions, BulkActions};
use crate::components::{
    prefetch_when_idle, region, sign_out, use_toasts, Lazy, LazyView, PreferenceSwitches, SiteSwitcher, ToastRegion,
    Toasts,
};
use crate::config::Config;
use crate::host::{set_root_attribute, Embedded};
use crate::i18n::{tr, use_locale, Key, Locale};
use crate::owner::SessionScope;
use crate::pages::site::SitePlace;
use crate::pages::{not_found::NotFound, sign_in::SignIn, sites::SitesPage};
use crate::places::{self, Place, SiteTab};
use crate::prefs::{self, Theme};
use crate::recent::RecentSites;
use crate::router::{use_navigate, use_pathname, use_router, Redirect, Router, A};
use crate::session::Session;
use crate::storage::PanelStorage;

/// A panel drawn into `parent`: the page's body, or an embedding element's container (then `host`,
/// the element, hears about navigations and sign-outs, and `on_session` is told the session). One
/// mounting for both, so the panel's code is compiled once.
pub fn mount(
    parent: web_sys::HtmlElement,
    config: Config,
    host: Option<web_sys::Element>,
    on_session: Option<Callback<Session>>,
) -> leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState> {
    leptos::mount::mount_to(parent, move || view! { <App config host on_session /> }.into_any())
}

/// The whole panel, configured by `config` (see `config`), inside a `host` element when embedded.
#[component]
fn App(
    config: Config,
    host: Option<web_sys::Element>,
    /// Told the session once it exists (an embedding host changes the token through it).
    on_session: Option<Callback<Session>>,
) -> impl IntoView {
    let storage = match host {
        None => PanelStorage::own_page(),
        Some(_) => PanelStorage::embedded(config.storage_key.as_deref()),
    };
    // A host page that names the language decides it; on its own page the user's choice comes first.
    let locale = RwSignal::new(match (&host, config.locale.as_deref()) {
        (Some(_), Some(tag)) => Locale::from_tag(tag),
        _ => prefs::initial_locale(&storage, config.locale.as_deref()),
    });
    let theme = RwSignal::new(prefs::load(&storage, prefs::THEME).map(|t| Theme::parse(&t)).unwrap_or_default());
    // The choices are remembered, and the page says its language (screen readers, hyphenation).
    let root = host.clone().map(send_wrapper::SendWrapper::new);
    let theme_root = root.clone();
    let kept = StoredValue::new_local(storage.clone());
    Effect::new(move |_| {
        let locale = locale.get();
        kept.with_value(|kept| prefs::save(kept, prefs::LOCALE, locale.code()));
        set_root_attribute(root.as_deref(), "lang", locale.code());
    });
    Effect::new(move |_| {
        let theme = theme.get();
        kept.with_value(|kept| prefs::save(kept, prefs::THEME, theme.as_str()));
        set_root_attribute(theme_root.as_deref(), "data-theme", theme.as_str());
    });
    provide_context(Embedded(host.clone().map(send_wrapper::SendWrapper::new)));
    provide_context(locale);
    provide_context(theme);
    let session = Session::restore(storage, config.api_base.clone());
    if let Some(token) = &config.token {
        session.adopt(token.clone(), config.api_base.clone());
    }
    provide_context(session);
    if let Some(on_session) = on_session {
        on_session.run(session);
    }
    let base_path = config.base_path.clone().or_else(crate::config::document_base_path).unwrap_or_default();
    let router = Router::provide(config.routing, &base_path, host);
    provide_context(config);
    Toasts::provide();
    RecentSites::provide(session);
    // A refused token (expired, revoked) ends the session; the signed-in frame then redirects to
    // sign-in, which brings the user back to the page they were on.
    session.fetch_state().on_auth_failure(move || {
        if session.is_signed_in_untracked() {
            session.expire();
            router.announce("kiubi-session-expired", "");
        }
    });
    // A session resumed from storage is checked once, at start, with the cheapest authenticated call
    // (not counted, and unlike `auth/token/{token}` it keeps the token out of URLs). A token whose
    // account is not known (a host's, or one kept before accounts were noted) is checked by reading
    // its account instead, which says whose drafts and recent sites the panel may keep: it keeps none
    // until then. A fresh sign-in has just read it. A refusal goes through the hook either way.
    Effect::new(move |started: Option<()>| {
        let Some(client) = session.client() else { return };
        let known = untrack(|| session.user_data().is_some());
        leptos::task::spawn_local(async move {
            if !known {
                if let Ok(reply) = client.account().await {
                    session.set_account(reply.data.account_number);
                }
            } else if started.is_none() {
                let _ = client.rate().await;
            }
        });
    });
    let in_flight = session.fetch_state().busy();
    let pathname = use_pathname();
    let place = Memo::new(move |_| Place::of_path(&pathname.get()));
    let is_sign_in = Memo::new(move |_| place.get() == Place::SignIn);
    view! {
        // A slim bar while requests are under way; each page shows its own loading state too.
        <Show when=move || { in_flight.get() > 0 }>
            <div class="progress-bar" aria-hidden="true"></div>
        </Show>
        <ToastRegion />
        {move || match is_sign_in.get() {
            true => view! { <SignIn /> }.into_any(),
            false => view! { <SignedInFrame place /> }.into_any(),
        }}
    }
}

/// Header and main area of every signed-in page; sends a signed-out visitor to sign-in.
#[component]
fn SignedInFrame(place: Memo<Place>) -> impl IntoView {
    let router = use_router();
    let session = expect_context::<Session>();
    let locale = use_locale();
    let navigate = use_navigate();
    let toasts = use_toasts();
    // The other pages' code, while the user looks at the first screen (and no lazy page before it
    // is painted).
    prefetch_when_idle(crate::pages::LAZY);
    // On narrow screens the sidebar is a drawer, opened by the menu button.
    let nav_open = RwSignal::new(false);
    let sign_out = move |_| sign_out(session, toasts, locale.get_untracked(), &navigate);
    move || {
        if !session.is_signed_in() {
            let path = places::sign_in(&router.place_untracked(), session.has_expired_untracked());
            return view! { <Redirect path=path /> }.into_any();
        }
        let sign_out = sign_out.clone();
        // What the lazy code keeps for the session (the portfolio's figures, the organizing), the
        // selected sites and the bulk actions on them: kept
        // while this session lasts.
        SessionScope::provide();
        provide_context(BulkActions::new(kept_run(session)));
        let bulk = use_bulk_actions();
        let dock = Memo::new(move |_| bulk.asked.get().is_some() || bulk.has_run.get());
        let on_site = Memo::new(move |_| matches!(place.get(), Place::Site(..)));
        view! {
            <div class="shell" class:nav-open=move || nav_open.get()>
                <header class="topbar">
                    <button type="button" class="ghost menu-toggle" aria-controls="sidebar"
                        aria-expanded=move || nav_open.get().to_string()
                        aria-label=tr(Key::Menu)
                        on:click=move |_| nav_open.update(|open| *open = !*open)>"☰"</button>
                    <A href=places::HOME class="brand">{tr(Key::AppName)}</A>
                    <SiteSwitcher />
                    <span class="spacer"></span>
                    <PreferenceSwitches />
                    <button class="ghost sign-out" on:click=sign_out>{tr(Key::SignOut)}</button>
                </header>
                <nav id="sidebar" class="sidebar" aria-label=tr(Key::MainNavigation)
                    on:click=move |_| nav_open.set(false)>
                    // `A` marks the current place with aria-current="page".
                    <A href=places::HOME exact=true>{tr(Key::NavHome)}</A>
                    <A href=places::SITES exact=true>{tr(Key::NavSites)}</A>
                    <A href=places::PLANS>{tr(Key::PlansTitle)}</A>
                    <A href=places::ACCOUNT>{tr(Key::AccountPageTitle)}</A>
                    // A site's own entries: its pages are in the lazy code, and so is this.
                    {move || on_site.get().then(|| view! { <Lazy view=LazyView::SiteNavigation quiet=true /> })}
                    // The agency's saved views of the sites list (`organize`).
                    <Lazy view=LazyView::SavedViews quiet=true />
                </nav>
                <main class="content">
                    <PageOf place />
                </main>
                // The bulk actions' dialogs and the panel of a run, over whatever page is shown.
                {move || dock.get().then(|| view! { <Lazy view=LazyView::BulkDock /> })}
            </div>
        }
        .into_any()
    }
}

/// The page of a place. The frame of a site stays while its tabs change. The pages in the chunk of
/// the lazy pages are those `pages::is_lazy` names.
#[component]
fn PageOf(place: Memo<Place>) -> impl IntoView {
    let site = Memo::new(move |_| match place.get() {
        Place::Site(code, _) => Some(code),
        _ => None,
    });
    let tab = Memo::new(move |_| match place.get() {
        Place::Site(_, tab) => tab,
        _ => SiteTab::Overview,
    });
    let page = Memo::new(move |_| match place.get() {
        Place::Site(..) => None,
        other => Some(other),
    });
    region(move || match site.get() {
        Some(code) => {
            provide_context(SitePlace { code, tab });
            view! { <Lazy view=LazyView::Site /> }.into_any()
        }
        None => match page.get() {
            Some(Place::Home) => view! { <Lazy view=LazyView::Home /> }.into_any(),
            Some(Place::Sites) => view! { <SitesPage /> }.into_any(),
            Some(Place::NewSite) => view! { <Lazy view=LazyView::NewSite /> }.into_any(),
            Some(Place::Plans) => view! { <Lazy view=LazyView::Plans /> }.into_any(),
            Some(Place::Account) => view! { <Lazy view=LazyView::Account /> }.into_any(),
            Some(Place::Reports) => view! { <Lazy view=LazyView::Reports /> }.into_any(),
            _ => view! { <NotFound /> }.into_any(),
        },
    })
}
