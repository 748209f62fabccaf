//! The panel's own router. A place is a path and a query (`/sites/abc/stats?range=7d`); where it is
//! kept is chosen at run time (see `config`):
//! - `Path`: in the address bar's path, under a base path (`/admin/sites/abc`); the host rewrites
//!   unknown paths to `index.html`.
//! - `Hash`: in the address bar's hash (`/admin/#/sites/abc`), for static hosts that cannot rewrite.
//! - `Memory`: nowhere but here, for a panel embedded in a page whose URL belongs to the host.
//!
//! Pages use `use_navigate`, `use_query_map`, `use_location` and the `A` link; the mapping between
//! places and browser URLs is pure and tested.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use kiubi_wire::encoding::form_urldecode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoutingMode {
    #[default]
    Path,
    Hash,
    Memory,
}

impl RoutingMode {
    pub fn parse(value: &str) -> Option<RoutingMode> {
        match value {
            "path" => Some(RoutingMode::Path),
            "hash" => Some(RoutingMode::Hash),
            "memory" => Some(RoutingMode::Memory),
            _ => None,
        }
    }
}

/// `/admin/` or `admin` → `/admin`; `/` or empty → `` (the root).
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// The place the browser shows, from its location's parts.
pub fn place_of(mode: RoutingMode, base: &str, pathname: &str, search: &str, hash: &str) -> String {
    let place = match mode {
        RoutingMode::Path => {
            let path = pathname.strip_prefix(base).filter(|rest| rest.is_empty() || rest.starts_with('/'));
            format!("{}{search}", path.unwrap_or(pathname))
        }
        RoutingMode::Hash => hash.strip_prefix('#').unwrap_or(hash).to_owned(),
        RoutingMode::Memory => String::new(),
    };
    if place.starts_with('/') {
        place
    } else {
        format!("/{place}")
    }
}

/// What goes in the address bar (and in links) for `place`.
pub fn browser_url(mode: RoutingMode, base: &str, place: &str) -> String {
    match mode {
        RoutingMode::Path => format!("{base}{place}"),
        RoutingMode::Hash | RoutingMode::Memory => format!("#{place}"),
    }
}

/// The path of a place, without its query.
pub fn path_of(place: &str) -> &str {
    place.split(['?', '#']).next().unwrap_or(place)
}

/// A place's query parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn of(place: &str) -> Query {
        let query = place.split_once('?').map(|(_, q)| q).unwrap_or("");
        Query(form_urldecode(query).unwrap_or_default())
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

/// How a navigation goes: replacing the history entry (typing in a search box), keeping the scroll
/// (filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> NavigateOptions {
        NavigateOptions { replace: false, scroll: true }
    }
}

/// The router of the app, in context.
#[derive(Clone, Copy)]
pub struct Router {
    mode: RoutingMode,
    base: StoredValue<String>,
    place: RwSignal<String>,
    /// The host element, when embedded: navigations are announced to it.
    host: StoredValue<Option<send_wrapper::SendWrapper<web_sys::Element>>>,
}

impl Router {
    /// Starts routing in `mode` under `base`, from the browser's location (or `/` in memory).
    pub fn provide(mode: RoutingMode, base: &str, host: Option<web_sys::Element>) -> Router {
        let base = normalize_base(base);
        let start = web_sys::window()
            .map(|w| w.location())
            .map(|l| {
                place_of(
                    mode,
                    &base,
                    &l.pathname().unwrap_or_default(),
                    &l.search().unwrap_or_default(),
                    &l.hash().unwrap_or_default(),
                )
            })
            .unwrap_or_else(|| "/".to_owned());
        let router = Router {
            mode,
            base: StoredValue::new(base),
            place: RwSignal::new(if mode == RoutingMode::Memory { "/".to_owned() } else { start }),
            host: StoredValue::new(host.map(send_wrapper::SendWrapper::new)),
        };
        if mode != RoutingMode::Memory {
            // Back and forward.
            let listener = window_event_listener_untyped("popstate", move |_| router.sync_from_browser());
            on_cleanup(move || listener.remove());
        }
        provide_context(router);
        router
    }

    fn sync_from_browser(&self) {
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let place = place_of(
            self.mode,
            &self.base.get_value(),
            &location.pathname().unwrap_or_default(),
            &location.search().unwrap_or_default(),
            &location.hash().unwrap_or_default(),
        );
        self.place.set(place);
    }

    /// The current place (path and query), without tracking it.
    pub fn place_untracked(&self) -> String {
        self.place.get_untracked()
    }

    /// The `href` of a link to `place`.
    pub fn href(&self, place: &str) -> String {
        browser_url(self.mode, &self.base.get_value(), place)
    }

    /// The current place's path, without its query (tracked).
    fn path(&self) -> String {
        self.place.with(|p| path_of(p).to_owned())
    }

    pub fn navigate(&self, place: &str, options: NavigateOptions) {
        let place = if place.starts_with('/') { place.to_owned() } else { format!("/{place}") };
        if self.mode != RoutingMode::Memory {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let url = self.href(&place);
                let _ = if options.replace {
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                } else {
                    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                };
            }
        }
        self.place.set(place.clone());
        if options.scroll {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        self.announce("kiubi-navigate", &place);
    }

    /// Tells the host page (when embedded) what happened, as a DOM `CustomEvent` with `detail`.
    pub fn announce(&self, name: &str, detail: &str) {
        self.host.with_value(|host| {
            if let Some(host) = host {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&detail.into());
                init.set_bubbles(true);
                init.set_composed(true);
                if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                    let _ = host.dispatch_event(&event);
                }
            }
        });
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// Navigates to a place: `navigate("/sites?page=2", Default::default())`.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + Send + Sync + 'static {
    let router = use_router();
    move |place, options| router.navigate(place, options)
}

/// The current place's query parameters.
pub fn use_query_map() -> Memo<Query> {
    let router = use_router();
    Memo::new(move |_| router.place.with(|p| Query::of(p)))
}

/// The current place's path: the region's memo (`scope_pathname`), else a new one.
pub fn use_pathname() -> Memo<String> {
    if let Some(PathScope(path)) = use_context::<PathScope>() {
        return path;
    }
    let router = use_router();
    Memo::new(move |_| router.path())
}

#[derive(Clone, Copy)]
struct PathScope(Memo<String>);

/// Gives the current view region one memo of the path for all its links (see `components::region`).
pub fn scope_pathname() {
    if let Some(router) = use_context::<Router>() {
        let outer = crate::owner::enclosing::<PathScope>().map(|PathScope(path)| path);
        provide_context(PathScope(Memo::new(move |_| match outer {
            Some(path) => path.get(),
            None => router.path(),
        })));
    }
}

/// A link to a place. A plain click navigates in the panel; a click with a modifier (new tab,
/// new window) is left to the browser. The link to the current page says so (`aria-current`); with
/// `exact = false`, so do links to the pages above it.
#[component]
pub fn A(
    #[prop(into)] href: String,
    #[prop(optional)] exact: bool,
    #[prop(optional, into)] class: Option<String>,
    #[prop(default = None)] rel: Option<&'static str>,
    #[prop(optional, into)] title: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let pathname = use_pathname();
    let target = path_of(&href).to_owned();
    let current = move || pathname.with(|now| *now == target || (!exact && now.starts_with(&format!("{target}/"))));
    let place = href.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
            || ev.default_prevented()
        {
            return;
        }
        ev.prevent_default();
        router.navigate(&place, NavigateOptions::default());
    };
    view! {
        <a href=router.href(&href) class=class rel=rel
            title=move || title.map(|t| t.get()) aria-label=move || title.map(|t| t.get())
            aria-current=move || current().then_some("page")
            on:click=on_click>
            {children()}
        </a>
    }
}

/// Goes to `path` as soon as it is shown, replacing the history entry.
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    let router = use_router();
    // After the current render: navigating changes what is being rendered.
    request_animation_frame(move || router.navigate(&path, NavigateOptions { replace: true, scroll: false }));
}

/// Whether a click landed on a link (the element or one of its ancestors).
pub fn is_on_link(ev: &web_sys::MouseEvent) -> bool {
    is_within(ev, "a[href]")
}

/// Whether a click landed on a link or a form control (a row's checkbox), which act on their own.
pub fn is_on_control(ev: &web_sys::MouseEvent) -> bool {
    is_within(ev, "a[href], input, button, label")
}

fn is_within(ev: &web_sys::MouseEvent, selectors: &str) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest(selectors).ok().flatten().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_are_normalized() {
        assert_eq!(normalize_base("/admin/"), "/admin");
        assert_eq!(normalize_base("admin"), "/admin");
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base(""), "");
    }

    #[test]
    fn places_from_the_address_bar() {
        assert_eq!(place_of(RoutingMode::Path, "/admin", "/admin/sites/a", "?page=2", ""), "/sites/a?page=2");
        assert_eq!(place_of(RoutingMode::Path, "/admin", "/admin", "", ""), "/");
        assert_eq!(place_of(RoutingMode::Path, "", "/sites", "", ""), "/sites");
        // Outside the base (a misconfigured host): the path as it is.
        assert_eq!(place_of(RoutingMode::Path, "/admin", "/administration", "", ""), "/administration");
        assert_eq!(place_of(RoutingMode::Hash, "", "/admin/", "", "#/sites?term=a"), "/sites?term=a");
        assert_eq!(place_of(RoutingMode::Hash, "", "/admin/index.html", "", ""), "/");
        assert_eq!(place_of(RoutingMode::Memory, "", "/host/page", "?x=1", "#top"), "/");
    }

    #[test]
    fn urls_for_places() {
        assert_eq!(browser_url(RoutingMode::Path, "/admin", "/sites?page=2"), "/admin/sites?page=2");
        assert_eq!(browser_url(RoutingMode::Path, "", "/sites"), "/sites");
        assert_eq!(browser_url(RoutingMode::Hash, "/admin", "/sites"), "#/sites");
        assert_eq!(path_of("/sites/a?x=1"), "/sites/a");
    }

    #[test]
    fn queries() {
        let query = Query::of("/sites?term=caf%C3%A9+lyon&page=2");
        assert_eq!(query.get("term").as_deref(), Some("café lyon"));
        assert_eq!(query.get("page").as_deref(), Some("2"));
        assert_eq!(query.get("type"), None);
        assert_eq!(Query::of("/sites?term=%zz").get("term"), None);
    }
}
