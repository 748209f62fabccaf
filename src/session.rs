//! The signed-in session of one panel: the token, the API it is for, the account it opens, where
//! they are kept, and the panel's fetch state.
//!
//! "Stay signed in" keeps them in `localStorage`, until `IDLE_LIMIT_MS` after the panel last opened
//! them or `MAX_AGE_MS` after the sign-in; otherwise in `sessionStorage`, gone with the tab (see
//! `storage::PanelStorage` for an embedded panel). Signing out removes them, with every piece of the
//! user's data. The token is never put in a URL or a log. Signed in through the panel's server, the
//! "token" kept is a proof of the server's session, of no use without its `HttpOnly` cookie
//! (`pages::sign_in`).

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::{ApiClient, FetchState};
use crate::storage::{KeptFor, PanelStorage, Refused};

const TOKEN: &str = "token";
const API_BASE: &str = "apiBase";
const ACCOUNT: &str = "account";
/// When a session kept on the device began and when the panel last opened it: `<since> <seen>`, in
/// whole milliseconds since 1970 (a float's text would bring its formatting code into the first visit).
const TIMES: &str = "times";
const DAY_MS: i64 = 86_400_000;
/// A session kept on the device ends this long after the panel last opened it…
pub const IDLE_LIMIT_MS: i64 = 3 * DAY_MS;
/// …or this long after its sign-in, whichever comes first.
pub const MAX_AGE_MS: i64 = 30 * DAY_MS;
/// The user's data (drafts, recent sites, jobs followed) is kept under `user.<account_number>.`.
const USER: &str = "user.";
/// The account's own settings for the device (the agency's labels, notes, views, report branding)
/// under `workspace.<account_number>.`: like a server's settings, they stay when the user signs out
/// or another account signs in; the user removes them where they are edited.
const WORKSPACE: &str = "workspace.";

/// Shared through context. Its signals change only through its methods, which keep the storage in step.
/// A token the API accepted, and the account it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub token: String,
    pub api_base: String,
    pub account_number: String,
    /// Kept on the device (across browser restarts), not only for the tab.
    pub stay_signed_in: bool,
}

#[derive(Clone, Copy)]
pub struct Session {
    /// `None` when signed out.
    token: RwSignal<Option<String>>,
    /// Origin of the API; empty means the panel's own origin (the stand-in serves both).
    api_base: RwSignal<String>,
    /// The API refused the token: the sign-in page says the session expired.
    expired: RwSignal<bool>,
    /// `account_number` of the account the token opens, once known: whose data the panel keeps.
    account: RwSignal<Option<String>>,
    /// What the signals do not show: where things are kept, the fetch state.
    parts: StoredValue<Rc<Parts>, LocalStorage>,
}

struct Parts {
    storage: PanelStorage,
    /// Where the token is kept (`None`: nowhere, a host's token).
    kept_in: Cell<Option<KeptFor>>,
    fetch: Rc<FetchState>,
}

/// Where `storage` holds a token: this tab's storage first, then the device's.
fn kept_for_of(storage: &PanelStorage) -> Option<KeptFor> {
    [KeptFor::Tab, KeptFor::Device].into_iter().find(|kept_for| storage.read(*kept_for, TOKEN).is_some())
}

/// Whether a session kept on the device, begun at `since` and last opened at `seen`, is open at
/// `now`; one that says neither (new, or kept before they were) counts from now.
fn still_open(since: Option<i64>, seen: Option<i64>, now: i64) -> bool {
    now - seen.unwrap_or(now) <= IDLE_LIMIT_MS && now - since.unwrap_or(now) <= MAX_AGE_MS
}

/// The session kept on the device, checked against its limits: marked opened now while open (a new
/// one begins now), else removed. Whether it was removed.
fn opened_or_ended_on_device(storage: &PanelStorage) -> bool {
    // i64, whose text the panel already reads and writes elsewhere.
    let now = js_sys::Date::now() as i64;
    let times = storage.read(KeptFor::Device, TIMES).unwrap_or_default();
    let mut at = times.split(' ').map(|ms| ms.parse::<i64>().ok());
    let (since, seen) = (at.next().flatten(), at.next().flatten());
    if still_open(since, seen, now) {
        let _ = storage.write(KeptFor::Device, TIMES, &format!("{} {now}", since.unwrap_or(now)));
        return false;
    }
    for name in [TOKEN, API_BASE, ACCOUNT, TIMES] {
        storage.remove(KeptFor::Device, name);
    }
    true
}

impl Session {
    /// Resumes a session kept by an earlier page load (this tab's first, then a remembered one).
    pub fn restore(storage: PanelStorage, default_api_base: String) -> Session {
        // What earlier versions kept of a user outside any account's keys (their drafts, recent
        // sites, jobs) is nobody's now: it goes.
        storage.remove_where(KeptFor::Device, |name| name == "recentSites");
        storage.remove_where(KeptFor::Tab, |name| name.starts_with("draft.") || name.starts_with("job."));
        let mut kept_in = kept_for_of(&storage);
        let ended = kept_in == Some(KeptFor::Device) && opened_or_ended_on_device(&storage);
        if ended {
            kept_in = None;
        }
        let read = |name| kept_in.and_then(|kept_for| storage.read(kept_for, name));
        Session {
            token: RwSignal::new(read(TOKEN)),
            api_base: RwSignal::new(read(API_BASE).unwrap_or(default_api_base)),
            // The sign-in page says that the session ended, as for a token the API refused.
            expired: RwSignal::new(ended),
            account: RwSignal::new(read(ACCOUNT)),
            parts: StoredValue::new_local(Rc::new(Parts {
                storage,
                kept_in: Cell::new(kept_in),
                fetch: FetchState::new(),
            })),
        }
    }

    /// Whether `storage` holds a token (the session `restore` would find).
    pub fn is_kept(storage: &PanelStorage) -> bool {
        kept_for_of(storage).is_some()
    }

    /// Keeps `token` for `api_base` and its account: across browser restarts when
    /// `stay_signed_in`, else for this tab.
    pub fn sign_in(&self, signed_in: SignedIn) {
        let SignedIn { token, api_base, account_number, stay_signed_in } = signed_in;
        self.forget_stored();
        let kept_for = if stay_signed_in { KeptFor::Device } else { KeptFor::Tab };
        let parts = self.parts.get_value();
        // A full or disabled storage only costs the resume on reload.
        let _ = parts.storage.write(kept_for, TOKEN, &token);
        let _ = parts.storage.write(kept_for, API_BASE, &api_base);
        parts.kept_in.set(Some(kept_for));
        if stay_signed_in {
            // Its times were removed above (`forget_stored`): they begin now.
            opened_or_ended_on_device(&parts.storage);
        }
        self.start(token, api_base);
        self.set_account(account_number);
    }

    /// Uses a token handed over by an embedding host, for this page only: the host keeps it, so it is
    /// stored nowhere here. Its account is read by the panel at start (`set_account`).
    pub fn adopt(&self, token: String, api_base: String) {
        if self.token.with_untracked(|t| t.as_ref() != Some(&token)) {
            self.account.set(None);
        }
        self.start(token, api_base);
    }

    fn start(&self, token: String, api_base: String) {
        self.fetch_state().forget_all_but(&token);
        self.api_base.set(api_base);
        self.expired.set(false);
        self.token.set(Some(token));
    }

    /// The token opens account `account_number`: the panel keeps its data there, and drops what it
    /// kept of any other account.
    /// An empty number says nothing of whose data it is: then nothing is kept.
    pub fn set_account(&self, account_number: String) {
        if account_number.trim().is_empty() {
            return;
        }
        let parts = self.parts.get_value();
        if let Some(kept_for) = parts.kept_in.get() {
            // Refused, the account is read again at the next start.
            let _ = parts.storage.write(kept_for, ACCOUNT, &account_number);
        }
        let own = format!("{USER}{account_number}.");
        for kept_for in [KeptFor::Device, KeptFor::Tab] {
            parts.storage.remove_where(kept_for, |name| name.starts_with(USER) && !name.starts_with(&own));
        }
        self.account.set(Some(account_number));
    }

    /// Ends a session the API no longer accepts. The user's data stays for their return.
    pub fn expire(&self) {
        self.expired.set(true);
        self.end();
    }

    /// Signing out leaves nothing of the user's session on the device: no token, draft, recent site or
    /// job (the account's workspace stays: see `WORKSPACE`).
    pub fn sign_out(&self) {
        let parts = self.parts.get_value();
        for kept_for in [KeptFor::Device, KeptFor::Tab] {
            parts.storage.remove_where(kept_for, |name| name.starts_with(USER));
        }
        self.end();
    }

    /// On the panel's own origin the session may be its server's (see the sign-in page): a beacon
    /// asks the server to end it too, delivered even as the page moves on. Without a server, nothing
    /// answers it; the panel forgets the proof either way.
    pub fn end_on_server(&self) {
        let proof = self.token.get_untracked().filter(|_| self.api_base.with_untracked(String::is_empty));
        if let (Some(proof), Some(window)) = (proof, web_sys::window()) {
            let _ = window.navigator().send_beacon_with_opt_str(kiubi_wire::team::SESSION_END_PATH, Some(&proof));
        }
    }

    fn end(&self) {
        self.fetch_state().forget();
        self.forget_stored();
        self.account.set(None);
        self.token.set(None);
    }

    fn forget_stored(&self) {
        let parts = self.parts.get_value();
        for kept_for in [KeptFor::Device, KeptFor::Tab] {
            for name in [TOKEN, API_BASE, ACCOUNT, TIMES] {
                parts.storage.remove(kept_for, name);
            }
        }
        parts.kept_in.set(None);
    }

    /// Whether a token is in use (tracked).
    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        self.token.with_untracked(Option::is_some)
    }

    /// Whether the session ended because the API refused its token.
    pub fn has_expired_untracked(&self) -> bool {
        self.expired.get_untracked()
    }

    pub fn api_base_untracked(&self) -> String {
        self.api_base.get_untracked()
    }

    /// `account_number` of the signed-in account, once known (tracked).
    pub fn account(&self) -> Option<String> {
        self.account.get()
    }

    /// The signed-in client; `None` when signed out.
    pub fn client(&self) -> Option<ApiClient> {
        let base = self.api_base.get_untracked();
        self.token.with(|t| t.as_deref().map(|t| self.client_for(&base, t)))
    }

    /// A client of this panel for another token or API (the sign-in screen's check).
    pub fn client_for(&self, api_base: &str, token: &str) -> ApiClient {
        ApiClient::sharing(self.fetch_state(), api_base, token)
    }

    /// What this panel's requests share (cache, GETs under way, the auth hook, the quota left).
    pub fn fetch_state(&self) -> Rc<FetchState> {
        self.parts.with_value(|parts| parts.fetch.clone())
    }

    /// The signed-in account's data, once its account is known.
    pub fn user_data(&self) -> Option<UserData> {
        let account = self.account.get_untracked()?;
        let storage = self.parts.with_value(|parts| parts.storage.clone());
        Some(UserData { storage, prefix: format!("{USER}{account}.") })
    }

    /// The signed-in account's settings for the device, once its account is known (tracked).
    pub fn workspace(&self) -> Option<UserData> {
        let account = self.account.get()?;
        let storage = self.parts.with_value(|parts| parts.storage.clone());
        Some(UserData { storage, prefix: format!("{WORKSPACE}{account}.") })
    }
}

/// One account's data kept by one panel: names under `user.<account_number>.`.
#[derive(Clone, Debug)]
pub struct UserData {
    storage: PanelStorage,
    prefix: String,
}

impl UserData {
    pub fn read(&self, kept_for: KeptFor, name: &str) -> Option<String> {
        self.storage.read(kept_for, &format!("{}{name}", self.prefix))
    }

    pub fn write(&self, kept_for: KeptFor, name: &str, value: &str) -> Result<(), Refused> {
        self.storage.write(kept_for, &format!("{}{name}", self.prefix), value)
    }

    pub fn remove(&self, kept_for: KeptFor, name: &str) {
        self.storage.remove(kept_for, &format!("{}{name}", self.prefix));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_s_session_ends_when_unused_too_long_or_too_old() {
        let now = 100 * DAY_MS;
        assert!(still_open(Some(now - MAX_AGE_MS), Some(now - IDLE_LIMIT_MS), now));
        assert!(!still_open(Some(now - DAY_MS), Some(now - IDLE_LIMIT_MS - 1), now), "unused too long");
        assert!(!still_open(Some(now - MAX_AGE_MS - 1), Some(now), now), "used, but too old");
        assert!(still_open(None, None, now), "kept before the limits: counted from now");
    }
}
