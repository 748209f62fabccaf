//! Embedding: `embed.js` registers `<kiubi-admin>` (a custom element rendering the panel in a shadow
//! root with its own stylesheet) and offers a plain JavaScript API, `mount(element, options)` and
//! `unmount(handle)` (on `window.wasmBindings` once loaded, or imported from the module). Unmounting
//! disposes of every listener, timer and request of the panel. The panel tells its host what happens
//! through DOM `CustomEvent`s on the element: `kiubi-navigate` (detail: the place),
//! `kiubi-session-expired`, `kiubi-site-deleted` (detail: the code).
//!
//! Attributes (and `options` keys): `api-base`, `token`, `locale`, `routing` (default `memory`: the
//! host's URL is left alone), `base-path`, `storage-key` (keep the session and the user's data in
//! the browser's storage under `kiubi.panel.<key>.`; without it, only in memory). Changing `token`
//! later signs the panel in (or out).

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::router::RoutingMode;
use crate::session::Session;

/// A mounted panel: dropping its handle unmounts it.
type Handle = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

thread_local! {
    static MOUNTED: RefCell<HashMap<u32, Handle>> = RefCell::new(HashMap::new());
    /// Each panel's session and API base, for a token given later.
    static SESSIONS: RefCell<HashMap<u32, (Session, String)>> = RefCell::new(HashMap::new());
    /// Where each panel is drawn, for a message after a fatal error.
    static CONTAINERS: RefCell<HashMap<u32, web_sys::Element>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

#[wasm_bindgen(inline_js = r#"
export function define_element(mount, unmount, update) {
  if (customElements.get('kiubi-admin')) return;
  customElements.define('kiubi-admin', class extends HTMLElement {
    static get observedAttributes() { return ['token']; }
    connectedCallback() {
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      this._kiubi = mount(this, root);
    }
    disconnectedCallback() {
      if (this._kiubi !== undefined) { unmount(this._kiubi); this._kiubi = undefined; }
    }
    attributeChangedCallback(name, before, after) {
      if (this._kiubi !== undefined && before !== after) update(this._kiubi, name, after);
    }
  });
}
"#)]
extern "C" {
    fn define_element(mount: &JsValue, unmount: &JsValue, update: &JsValue);
}

/// Registers `<kiubi-admin>`, whose shadow roots link `stylesheet` (the build's `embed-<hash>.css`,
/// the panel's styles rewritten for a shadow root by `scripts/build/page.mjs`, kept out of the wasm);
/// called once by `embed.js` when the bundle has started.
#[wasm_bindgen]
pub fn register_element(stylesheet: String) {
    let mount = Closure::<dyn Fn(web_sys::Element, web_sys::ShadowRoot) -> u32>::new(
        move |host: web_sys::Element, root: web_sys::ShadowRoot| {
            let document = web_sys::window().and_then(|w| w.document()).expect("a document");
            let link = document.create_element("link").expect("a link");
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", &stylesheet);
            let _ = root.append_child(&link);
            let attribute = |name: &str| host.get_attribute(name);
            let config = Config { routing: RoutingMode::Memory, ..Config::default() }.with_attributes(attribute);
            let container: web_sys::HtmlElement =
                document.create_element("div").expect("a div").unchecked_into::<web_sys::HtmlElement>();
            container.set_class_name("panel-root");
            let _ = root.append_child(&container);
            mount_into(container, host, config)
        },
    );
    let unmount = Closure::<dyn Fn(u32)>::new(unmount);
    let update = Closure::<dyn Fn(u32, String, Option<String>)>::new(|id: u32, name: String, value: Option<String>| {
        if name == "token" {
            let session = SESSIONS.with(|s| s.borrow().get(&id).cloned());
            if let Some((session, api_base)) = session {
                match value.filter(|t| !t.trim().is_empty()) {
                    Some(token) => session.adopt(token, api_base),
                    None => session.sign_out(),
                }
            }
        }
    });
    define_element(mount.as_ref(), unmount.as_ref(), update.as_ref());
    // They live as long as the page: the element may be created at any time.
    mount.forget();
    unmount.forget();
    update.forget();
}

fn mount_into(container: web_sys::HtmlElement, host: web_sys::Element, config: Config) -> u32 {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    CONTAINERS.with(|c| c.borrow_mut().insert(id, container.clone().unchecked_into()));
    let api_base = config.api_base.clone();
    let keep_session = Callback::new(move |session: Session| {
        SESSIONS.with(|s| s.borrow_mut().insert(id, (session, api_base.clone())));
    });
    let handle = crate::app::mount(container, config, Some(host), Some(keep_session));
    MOUNTED.with(|m| m.borrow_mut().insert(id, handle));
    id
}

/// The elements embedded panels are drawn in.
pub fn containers() -> Vec<web_sys::Element> {
    CONTAINERS.with(|c| c.borrow().values().cloned().collect())
}

/// Mounts the panel into `element` (its content is replaced), configured by `options` (the same
/// keys as the attributes, e.g. `{ "api-base": "…", token: "…" }`). Returns a handle for `unmount`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> u32 {
    let option = |name: &str| js_sys::Reflect::get(&options, &name.into()).ok().and_then(|v| v.as_string());
    let config = Config { routing: RoutingMode::Memory, ..Config::default() }.with_attributes(option);
    element.set_text_content(None);
    let host: web_sys::Element = element.clone().unchecked_into();
    mount_into(element, host, config)
}

/// Removes the panel mounted under `handle`, with its listeners, timers and requests.
#[wasm_bindgen]
pub fn unmount(handle: u32) {
    // Dropping the handle cleans the panel's reactive owner up.
    SESSIONS.with(|s| s.borrow_mut().remove(&handle));
    CONTAINERS.with(|c| c.borrow_mut().remove(&handle));
    let mounted = MOUNTED.with(|m| m.borrow_mut().remove(&handle));
    drop(mounted);
}
