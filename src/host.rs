//! What the page the panel lives in decides: on its own page, the document's title, root
//! attributes and keyboard are the panel's; embedded in a host page, they are the host's.

use leptos::prelude::*;

use crate::i18n::{use_locale, Key, Locale, Message};

/// The host page's element the panel lives in, if embedded.
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
pub fn set_root_attribute(host: Option<&web_sys::Element>, name: &str, value: &str) {
    let root = host.cloned().or_else(|| web_sys::window()?.document()?.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute(name, value);
    }
}

/// Sets `document.title` to "<page> · Kiubi Admin" in the current language, while the page is shown.
pub fn use_title(page: impl Message) {
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
