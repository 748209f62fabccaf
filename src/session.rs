//! The signed-in session: the token and where it is kept.
//!
//! For now the token lives in `sessionStorage` (gone with the tab); "stay signed in" with
//! `localStorage` comes with the app shell. The token is never put in a URL or a log.

use leptos::prelude::*;

use crate::api::ApiClient;

const TOKEN_KEY: &str = "kiubi.token";

/// Shared through context; `token` is `None` when signed out.
#[derive(Clone, Copy)]
pub struct Session {
    pub token: RwSignal<Option<String>>,
    /// Origin of the API; empty means the panel's own origin (the stand-in serves both).
    pub api_base: StoredValue<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl Session {
    /// Resumes a token kept by an earlier page load of this tab.
    pub fn restore(api_base: String) -> Session {
        let token = storage().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten()).filter(|t| !t.is_empty());
        Session { token: RwSignal::new(token), api_base: StoredValue::new(api_base) }
    }

    pub fn sign_in(&self, token: String) {
        crate::api::forget_cache();
        if let Some(s) = storage() {
            // A full or disabled storage only costs the resume on reload.
            let _ = s.set_item(TOKEN_KEY, &token);
        }
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        crate::api::forget_cache();
        if let Some(s) = storage() {
            let _ = s.remove_item(TOKEN_KEY);
        }
        self.token.set(None);
    }

    /// A client for any token (sign-in checks a key before keeping it).
    pub fn client_for(&self, token: &str) -> ApiClient {
        ApiClient::new(self.api_base.get_value(), token)
    }

    /// The signed-in client; `None` when signed out.
    pub fn client(&self) -> Option<ApiClient> {
        self.token.with(|t| t.as_deref().map(|t| self.client_for(t)))
    }
}
