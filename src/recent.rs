//! The sites opened lately, newest first, offered by the site switcher before anything is typed.
//! Kept on the device with the account's data (another account never sees them), forgotten at
//! sign-out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::session::{Session, UserData};
use crate::storage::KeptFor;

const NAME: &str = "recentSites";
/// How many are remembered.
pub const KEEP: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentSite {
    pub code_site: String,
    pub name: String,
}

/// `list` with `site` first, without an older entry of the same code, at most [`KEEP`] long.
pub fn remember(list: &[RecentSite], site: RecentSite) -> Vec<RecentSite> {
    let older: Vec<RecentSite> =
        list.iter().filter(|s| s.code_site != site.code_site).take(KEEP - 1).cloned().collect();
    std::iter::once(site).chain(older).collect()
}

/// `list` without the site `code_site` (deleted).
pub fn without(list: &[RecentSite], code_site: &str) -> Vec<RecentSite> {
    list.iter().filter(|s| s.code_site != code_site).cloned().collect()
}

fn load(user: &UserData) -> Vec<RecentSite> {
    user.read(KeptFor::Device, NAME).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

fn save(user: &UserData, list: &[RecentSite]) {
    // Refused, the list lasts for the session: a convenience, not the user's work.
    match serde_json::to_string(list) {
        Ok(json) if !list.is_empty() => {
            let _ = user.write(KeptFor::Device, NAME, &json);
        }
        _ => user.remove(KeptFor::Device, NAME),
    }
}

/// The signed-in account's list, shared through context, kept as it changes.
#[derive(Clone, Copy)]
pub struct RecentSites {
    pub list: RwSignal<Vec<RecentSite>>,
    /// Whether the list was read from storage for the session's account: by the first `use_recent`
    /// (the switcher, a site's page: in the lazy code, so the reading is not in the
    /// first visit's code).
    read: StoredValue<bool>,
    session: Session,
}

impl RecentSites {
    /// The list follows the session's account: emptied when it changes (signed out, another account),
    /// read again by the next `use_recent`.
    pub fn provide(session: Session) {
        let recent = RecentSites { list: RwSignal::new(Vec::new()), read: StoredValue::new(false), session };
        Effect::new(move |_| {
            let _account = session.account();
            recent.read.set_value(false);
            recent.list.set(Vec::new());
        });
        provide_context(recent);
    }

    /// Reads the account's list from storage, once.
    fn read(&self) {
        if !self.read.get_value() {
            self.read.set_value(true);
            self.list.set(self.session.user_data().map(|user| load(&user)).unwrap_or_default());
        }
    }

    fn change(&self, new_list: impl FnOnce(&[RecentSite]) -> Vec<RecentSite>) {
        let list = self.list.with_untracked(|list| new_list(list));
        if let Some(user) = self.session.user_data() {
            save(&user, &list);
        }
        self.list.set(list);
    }

    /// The user opened this site.
    pub fn visit(&self, site: RecentSite) {
        if self.list.with_untracked(|list| list.first() != Some(&site)) {
            self.change(|list| remember(list, site));
        }
    }

    /// The site is gone.
    pub fn forget(&self, code_site: &str) {
        self.change(|list| without(list, code_site));
    }
}

/// The recent sites, read from storage for the signed-in account.
pub fn use_recent() -> RecentSites {
    let recent = expect_context::<RecentSites>();
    recent.read();
    recent
}

/// The sites recorded so far, without reading storage: enough to name the site being shown, which
/// its page records first (the sidebar).
pub fn use_recent_list() -> RwSignal<Vec<RecentSite>> {
    expect_context::<RecentSites>().list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(code: &str) -> RecentSite {
        RecentSite { code_site: code.into(), name: code.to_uppercase() }
    }

    #[test]
    fn newest_first_without_repeats_and_capped() {
        let mut list = Vec::new();
        for code in ["a", "b", "c", "b", "d", "e", "f"] {
            list = remember(&list, site(code));
        }
        let codes: Vec<&str> = list.iter().map(|s| s.code_site.as_str()).collect();
        assert_eq!(codes, ["f", "e", "d", "b", "c"]);
        assert_eq!(without(&list, "d").len(), 4);
    }
}
