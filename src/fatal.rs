//! A panic leaves a readable message instead of a dead, blank screen.

use crate::i18n::Key;

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
    let locale = crate::prefs::initial_locale(&crate::storage::PanelStorage::own_page(), None);
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
