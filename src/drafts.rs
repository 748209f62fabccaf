//! Unsent form input, kept for the tab as the user types, so that an expired session, a reload or a
//! failed send never loses it. A draft belongs to the account signed in (another account never sees
//! it); it goes when its form is sent successfully, or when the user signs out.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::session::{Session, UserData};
use crate::storage::KeptFor;

fn name(form: &str) -> String {
    format!("draft.{form}")
}

/// A form's state kept as a draft.
pub struct Draft<T: Send + Sync + 'static> {
    pub state: RwSignal<T>,
    name: StoredValue<String>,
    user: StoredValue<Option<UserData>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T: Send + Sync + 'static> Draft<T> {
    /// Forgets the draft (its form was sent, or the user cancelled).
    pub fn discard(&self) {
        if let Some(user) = self.user.get_value() {
            user.remove(KeptFor::Tab, &self.name.get_value());
        }
    }
}

/// The state of form `form`: the draft left by an earlier visit, else `initial()`. Every change
/// is kept; the untouched initial state is not (it is no draft).
pub fn use_draft<T>(form: &str, initial: impl FnOnce() -> T) -> Draft<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let name = name(form);
    // Until the account is known (a host's token, read at start), no draft is kept or offered.
    let user = expect_context::<Session>().user_data();
    let restored =
        user.as_ref().and_then(|u| u.read(KeptFor::Tab, &name)).and_then(|json| serde_json::from_str(&json).ok());
    let state = RwSignal::new(restored.unwrap_or_else(initial));
    let draft = Draft { state, name: StoredValue::new(name), user: StoredValue::new_local(user) };
    Effect::new(move |first_run_done: Option<()>| {
        state.with(|value| {
            if first_run_done.is_some() {
                if let (Some(user), Ok(json)) = (draft.user.get_value(), serde_json::to_string(value)) {
                    // Refused, the form keeps what was typed for as long as it is open.
                    let _ = user.write(KeptFor::Tab, &draft.name.get_value(), &json);
                }
            }
        });
    });
    draft
}
