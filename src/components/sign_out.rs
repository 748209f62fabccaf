//! Signing out from the interface (the top bar's button, the palette's action).

use crate::places;
use crate::router::NavigateOptions;
use crate::session::Session;

use super::{ToastKind, Toasts};
use crate::i18n::{Key, Locale};

/// Signs out, says so, and goes to the sign-in page (the top bar's button, the palette's action).
pub fn sign_out(session: Session, toasts: Toasts, locale: Locale, navigate: &impl Fn(&str, NavigateOptions)) {
    session.end_on_server();
    session.sign_out();
    toasts.push(ToastKind::Success, locale.tr(Key::SignedOut));
    navigate(places::SIGN_IN, Default::default());
}
