//! The root component: context (locale, session), routes, and the frame around signed-in pages.

use leptos::prelude::*;

use crate::api::page_resource;
use crate::components::{loaded, use_toasts, SiteSwitcher, ToastKind, ToastRegion, Toasts};
use crate::config::Config;
use crate::i18n::{Key, Locale};
use crate::pages::account::AccountPage;
use crate::pages::home::{HomePage, Portfolio};
use crate::pages::new_site::NewSitePage;
use crate::pages::plans::PlansPage;
use crate::pages::site::{tab_label, SiteFrame};
use crate::pages::{not_found::NotFound, sign_in::SignIn, sites::SitesPage};
use crate::places::{self, Place, SiteTab};
use crate::prefs::{self, Theme};
use crate::recent::{use_recent, RecentSites};
use crate::router::{use_navigate, use_pathname, use_router, Redirect, Router, A};
use crate::session::Session;
use crate::storage::Keeping;

/// The locale of the interface: the one chosen before, else the configured one, else the browser's.
pub fn initial_locale_with(keeping: &Keeping, configured: Option<&str>) -> Locale {
    prefs::load(keeping, prefs::LOCALE)
        .or_else(|| configured.map(str::to_owned))
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// The host page's element the panel lives in, if embedded (then the page's title, root and
/// keyboard are the host's).
#[derive(Clone)]
pub struct Embedded(pub Option<send_wrapper::SendWrapper<web_sys::Element>>);

impl Embedded {
    /// Whether a keyboard event is for the panel: always on its own page; when embedded, only while
    /// the focus is inside it (the host's own shortcuts stay the host's).
    pub fn owns_keyboard(&self) -> bool {
        match &self.0 {
            None => true,
            Some(host) => {
                let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                active.is_some_and(|active| host.contains(Some(&active)))
            }
        }
    }
}

/// Sets an attribute on the panel's root: the host element when embedded, else `<html>`.
fn set_root_attribute(host: Option<&web_sys::Element>, name: &str, value: &str) {
    let root = host.cloned().or_else(|| web_sys::window()?.document()?.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute(name, value);
    }
}

/// Sets `document.title` to "<page> · Kiubi Admin" in the current language, while the page is shown.
pub fn use_title(page: Key) {
    use_title_with(move |locale| locale.tr(page).to_owned());
}

/// The same, for a title made of data (a site's name).
pub fn use_title_with(page: impl Fn(Locale) -> String + 'static) {
    let locale = use_locale();
    if use_context::<Embedded>().is_some_and(|e| e.0.is_some()) {
        return;
    }
    Effect::new(move |_| {
        let locale = locale.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · {}", page(locale), locale.tr(Key::AppName)));
        }
    });
}

/// Language and theme switches, on every screen.
#[component]
pub fn PreferenceSwitches() -> impl IntoView {
    let locale = use_locale();
    let chosen = expect_context::<RwSignal<Locale>>();
    let theme = expect_context::<RwSignal<Theme>>();
    let language = move |choice: Locale, label: &'static str| {
        view! {
            <button type="button" class="tab" lang=choice.code()
                aria-pressed=move || (locale.get() == choice).to_string()
                on:click=move |_| chosen.set(choice)>
                {label}
            </button>
        }
    };
    let theme_label = move || {
        locale.get().tr(match theme.get() {
            Theme::System => Key::ThemeSystem,
            Theme::Light => Key::ThemeLight,
            Theme::Dark => Key::ThemeDark,
        })
    };
    view! {
        <div class="prefs">
            <div class="tabs" role="group" aria-label=tr(Key::Language)>
                {language(Locale::Fr, "FR")}
                {language(Locale::En, "EN")}
            </div>
            <button type="button" class="ghost theme-toggle" title=theme_label aria-label=theme_label
                on:click=move |_| theme.update(|t| *t = t.next())>
                {move || match theme.get() { Theme::System => "◐", Theme::Light => "☀", Theme::Dark => "☾" }}
            </button>
        </div>
    }
}

/// The language of the interface, read through a memo: the region's own (`scope_reads`), else a
/// new one over the app's signal.
pub fn use_locale() -> Memo<Locale> {
    match use_context::<LocaleScope>() {
        Some(LocaleScope(locale)) => locale,
        None => {
            let root = expect_context::<RwSignal<Locale>>();
            Memo::new(move |_| root.get())
        }
    }
}

#[derive(Clone, Copy)]
struct LocaleScope(Memo<Locale>);

/// Gives the current view region its own memos of the app-wide signals its closures read (the
/// language, the current path). The reactive graph (reactive_graph 0.2) never removes a dropped
/// view's closures from the subscribers of a signal that outlives it, so a region re-rendered for
/// each page of a list would leave ~14 KB per page turn in the app-wide signals for good
/// (BENCHMARKS.md). With these memos, the dropped closures go with the region. Each scope reads
/// the enclosing one, so only the outermost (the page) leaves its two memos' entries (a few
/// bytes) in the app-wide signals. Called at the top of each page and re-rendered region.
pub fn scope_reads() {
    let outer = enclosing::<LocaleScope>().map(|LocaleScope(locale)| locale);
    let root = expect_context::<RwSignal<Locale>>();
    provide_context(LocaleScope(Memo::new(move |_| outer.map_or_else(|| root.get(), |o| o.get()))));
    crate::router::scope_pathname();
}

/// A context from above the current region: its owner's parent, since the region's own, provided
/// on its previous run, went with that run.
pub fn enclosing<T: Clone + 'static>() -> Option<T> {
    Owner::current().and_then(|owner| owner.parent()).and_then(|parent| parent.with(use_context::<T>))
}

/// A message in the current language, following it: `{tr(Key::Save)}`. One closure type for every
/// message, so the views share one compiled instance instead of one per message.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || locale.get().tr(key)
}

/// The locale of the interface before any configuration is read (a fatal error at start).
pub fn initial_locale() -> Locale {
    initial_locale_with(&Keeping::own_page(), None)
}

/// The whole panel, configured by `config` (see `config`), optionally inside a `host` element that
/// hears about navigations and sign-outs.
#[component]
pub fn App(
    config: Config,
    #[prop(optional)] host: Option<web_sys::Element>,
    /// Told the session once it exists (an embedding host changes the token through it).
    #[prop(optional)]
    on_session: Option<Callback<Session>>,
) -> impl IntoView {
    let keeping = match host {
        None => Keeping::own_page(),
        Some(_) => Keeping::embedded(config.storage_key.as_deref()),
    };
    // A host page that names the language decides it; on its own page the user's choice comes first.
    let locale = RwSignal::new(match (&host, config.locale.as_deref()) {
        (Some(_), Some(tag)) => Locale::from_tag(tag),
        _ => initial_locale_with(&keeping, config.locale.as_deref()),
    });
    let theme = RwSignal::new(prefs::load(&keeping, prefs::THEME).map(|t| Theme::parse(&t)).unwrap_or_default());
    // The choices are remembered, and the page says its language (screen readers, hyphenation).
    let root = host.clone().map(send_wrapper::SendWrapper::new);
    let theme_root = root.clone();
    let kept = send_wrapper::SendWrapper::new(keeping.clone());
    Effect::new(move |_| {
        let locale = locale.get();
        prefs::save(&kept, prefs::LOCALE, locale.code());
        set_root_attribute(root.as_deref(), "lang", locale.code());
    });
    let kept = send_wrapper::SendWrapper::new(keeping.clone());
    Effect::new(move |_| {
        let theme = theme.get();
        prefs::save(&kept, prefs::THEME, theme.as_str());
        set_root_attribute(theme_root.as_deref(), "data-theme", theme.as_str());
    });
    provide_context(Embedded(host.clone().map(send_wrapper::SendWrapper::new)));
    provide_context(locale);
    provide_context(theme);
    let session = Session::restore(keeping, config.api_base.clone());
    if let Some(token) = &config.token {
        session.adopt(token.clone(), config.api_base.clone());
    }
    provide_context(session);
    if let Some(on_session) = on_session {
        on_session.run(session);
    }
    let base_path = config.base_path.clone().or_else(crate::config::document_base_path).unwrap_or_default();
    let router = Router::provide(config.routing_mode(), &base_path, host);
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
    // (not counted, and unlike `auth/token/{token}` it keeps the token out of URLs); a refusal goes
    // through the hook. A fresh sign-in has just been checked, and a session whose account is not
    // known yet is checked by the frame's reading of it.
    if let Some(client) = session.client().filter(|_| session.user_data().is_some()) {
        leptos::task::spawn_local(async move {
            let _ = client.rate().await;
        });
    }
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

/// The sign-in page, asked to come back to `next` afterwards; `expired` explains why the user is there.
pub fn sign_in_path(next: &str, expired: bool) -> String {
    let mut pairs = vec![("next", next.to_owned())];
    if expired {
        pairs.push(("expired", "1".to_owned()));
    }
    format!("/sign-in?{}", kiubi_wire::params::form_urlencode(&pairs))
}

/// Where to go after signing in: `next` when it is a path of this app, else the sites list.
pub fn after_sign_in(next: Option<&str>) -> String {
    match next {
        // `//host` would leave the app: only plain absolute paths are followed.
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/sign-in") => {
            path.to_owned()
        }
        _ => places::HOME.to_owned(),
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
    // On narrow screens the sidebar is a drawer, opened by the menu button.
    let nav_open = RwSignal::new(false);
    let sign_out = move |_| {
        session.sign_out();
        toasts.push(ToastKind::Success, locale.get_untracked().tr(Key::SignedOut));
        navigate("/sign-in", Default::default());
    };
    move || {
        if !session.is_signed_in() {
            let path = sign_in_path(&router.place_untracked(), session.has_expired_untracked());
            return view! { <Redirect path=path /> }.into_any();
        }
        // Whose data (drafts, recent sites) the pages may offer is known before any page shows.
        if session.account().is_none() {
            return view! { <AccountCheck /> }.into_any();
        }
        let sign_out = sign_out.clone();
        // Figures of the portfolio's cards, kept while this session lasts.
        provide_context(Portfolio::new(session));
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
                    <SiteNavigation />
                </nav>
                <main class="content">
                    <PageOf place />
                </main>
            </div>
        }
        .into_any()
    }
}

/// Reads the account a token opens (a host's token, or a session kept before accounts were noted):
/// the pages wait for it, since it says whose drafts and recent sites they may offer.
#[component]
fn AccountCheck() -> impl IntoView {
    let session = expect_context::<Session>();
    let account = page_resource(|client| async move { client.account().await });
    Effect::new(move |_| {
        if let Some(Ok(reply)) = account.get() {
            session.set_account(reply.data.account_number);
        }
    });
    view! { <main class="content">{loaded(account, |_| ())}</main> }
}

/// The page of a place. The frame of a site stays while its tabs change.
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
    move || {
        scope_reads();
        match site.get() {
            Some(code) => view! { <SiteFrame code tab /> }.into_any(),
            None => match page.get() {
                Some(Place::Home) => view! { <HomePage /> }.into_any(),
                Some(Place::Sites) => view! { <SitesPage /> }.into_any(),
                Some(Place::NewSite) => view! { <NewSitePage /> }.into_any(),
                Some(Place::Plans) => view! { <PlansPage /> }.into_any(),
                Some(Place::Account) => view! { <AccountPage /> }.into_any(),
                _ => view! { <NotFound /> }.into_any(),
            },
        }
    }
}

/// The entries inside the site being shown, under its name.
#[component]
fn SiteNavigation() -> impl IntoView {
    let pathname = use_pathname();
    let recent = use_recent();
    let code = Memo::new(move |_| pathname.with(|path| places::site_of_path(path).map(str::to_owned)));
    move || {
        let code = code.get()?;
        scope_reads();
        let locale = use_locale();
        // The frame records the site on load; until then the code stands for its name.
        let name = {
            let code = code.clone();
            Memo::new(move |_| {
                recent
                    .list
                    .with(|list| list.iter().find(|s| s.code_site == code).map(|s| s.name.clone()))
                    .unwrap_or_else(|| code.clone())
            })
        };
        let entries = SiteTab::ALL
            .iter()
            .map(|tab| {
                view! { <A href=places::site(&code, *tab) exact=true>{move || locale.get().tr(tab_label(*tab))}</A> }
            })
            .collect_view();
        Some(view! {
            <div class="in-site" role="group" aria-label=name>
                <p class="site-name">{name}</p>
                {entries}
            </div>
        })
    }
}

/// Replaces the panel with a readable message after a panic, instead of a dead, blank screen: the
/// whole page, or only the panels embedded in a host page.
pub fn show_fatal_error() {
    let embedded = crate::embed::containers();
    if !embedded.is_empty() {
        embedded.iter().for_each(show_fatal_error_in);
    } else if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        show_fatal_error_in(&body);
    }
}

/// Replaces what `host` shows with the message. Built from text nodes only; the language is the
/// remembered one, else the browser's.
pub fn show_fatal_error_in(host: &web_sys::Element) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let locale = initial_locale();
    let (Ok(panel), Ok(message), Ok(reload)) =
        (document.create_element("div"), document.create_element("p"), document.create_element("a"))
    else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("class", "fatal");
    message.set_text_content(Some(locale.tr(Key::FatalError)));
    reload.set_text_content(Some(locale.tr(Key::Reload)));
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let _ = reload.set_attribute("href", &here);
    let _ = panel.append_child(&message);
    let _ = panel.append_child(&reload);
    host.set_text_content(None);
    let _ = host.append_child(&panel);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_returns_only_to_paths_of_the_app() {
        assert_eq!(after_sign_in(Some("/sites?page=2")), "/sites?page=2");
        assert_eq!(after_sign_in(Some("//evil.example/x")), "/");
        assert_eq!(after_sign_in(Some("https://evil.example")), "/");
        assert_eq!(after_sign_in(Some("/sign-in?next=/x")), "/");
        assert_eq!(after_sign_in(None), "/");
        assert_eq!(sign_in_path("/sites?page=2", true), "/sign-in?next=%2Fsites%3Fpage%3D2&expired=1");
    }
}
