//! Unsent form input, kept for the tab (`sessionStorage`) as the user types, so that an expired
//! session, a reload or a failed send never loses it. A draft goes when its form is sent
//! successfully, or when the user signs out (nothing of theirs stays behind on the device).

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::storage::{self, per_tab};

const PREFIX: &str = "kiubi.draft.";

fn key(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// The form state named `name`: the draft left by an earlier visit, else `initial()`. Every change
/// is kept; the untouched initial state is not (it is no draft).
pub fn use_draft<T>(name: &str, initial: impl FnOnce() -> T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let key = key(name);
    let restored = storage::read(per_tab(), &key).and_then(|json| serde_json::from_str(&json).ok());
    let state = RwSignal::new(restored.unwrap_or_else(initial));
    Effect::new(move |first_run_done: Option<()>| {
        state.with(|value| {
            if first_run_done.is_some() {
                if let Ok(json) = serde_json::to_string(value) {
                    storage::write(per_tab(), &key, &json);
                }
            }
        });
    });
    state
}

/// Forgets the draft `name` (its form was sent).
pub fn discard(name: &str) {
    storage::remove(per_tab(), &key(name));
}

/// Forgets every draft (sign-out).
pub fn discard_all() {
    storage::remove_prefixed(per_tab(), PREFIX);
}
