//! The signed-in session: the token, the API it is for, and where they are kept.
//!
//! "Stay signed in" keeps them in `localStorage`; otherwise in `sessionStorage`, gone with the tab.
//! Signing out removes them from both. The token is never put in a URL or a log.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::storage::{local, per_tab, read, remove, write};

const TOKEN_KEY: &str = "kiubi.token";
const API_BASE_KEY: &str = "kiubi.apiBase";

/// Shared through context; `token` is `None` when signed out.
#[derive(Clone, Copy)]
pub struct Session {
    pub token: RwSignal<Option<String>>,
    /// Origin of the API; empty means the panel's own origin (the stand-in serves both).
    pub api_base: RwSignal<String>,
    /// The API refused the token: the sign-in page says the session expired.
    pub expired: RwSignal<bool>,
}

impl Session {
    /// Resumes a session kept by an earlier page load (this tab's first, then a remembered one).
    pub fn restore(default_api_base: String) -> Session {
        let (token, base) = match read(per_tab(), TOKEN_KEY) {
            Some(token) => (Some(token), read(per_tab(), API_BASE_KEY)),
            None => (read(local(), TOKEN_KEY), read(local(), API_BASE_KEY)),
        };
        Session {
            token: RwSignal::new(token),
            api_base: RwSignal::new(base.unwrap_or(default_api_base)),
            expired: RwSignal::new(false),
        }
    }

    /// Keeps `token` for `api_base`: across browser restarts when `stay_signed_in`, else for this tab.
    pub fn sign_in(&self, token: String, api_base: String, stay_signed_in: bool) {
        crate::api::forget_cache();
        self.forget_stored();
        // A full or disabled storage only costs the resume on reload.
        let storage = || if stay_signed_in { local() } else { per_tab() };
        write(storage(), TOKEN_KEY, &token);
        write(storage(), API_BASE_KEY, &api_base);
        self.api_base.set(api_base);
        self.expired.set(false);
        self.token.set(Some(token));
    }

    /// Uses a token handed over by an embedding host, for this page only: the host keeps it, so it is
    /// stored nowhere here.
    pub fn adopt(&self, token: String, api_base: String) {
        crate::api::forget_cache();
        self.api_base.set(api_base);
        self.expired.set(false);
        self.token.set(Some(token));
    }

    /// Ends a session the API no longer accepts.
    pub fn expire(&self) {
        self.expired.set(true);
        self.sign_out();
    }

    pub fn sign_out(&self) {
        crate::api::forget_cache();
        self.forget_stored();
        self.token.set(None);
    }

    fn forget_stored(&self) {
        for storage in [local, per_tab] {
            remove(storage(), TOKEN_KEY);
            remove(storage(), API_BASE_KEY);
        }
    }

    /// The signed-in client; `None` when signed out.
    pub fn client(&self) -> Option<ApiClient> {
        let base = self.api_base.get_untracked();
        self.token.with(|t| t.as_deref().map(|t| ApiClient::new(&base, t)))
    }
}
