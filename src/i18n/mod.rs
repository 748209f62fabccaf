//! The interface's words: every message in French and English (`messages`), and the language as
//! views read it (`reactive`).

mod messages;
mod reactive;

pub use messages::{around, fill, placeholders, Key, Locale, Message, PageKey};
pub use reactive::{scope_locale, tr, use_locale};
