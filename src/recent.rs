//! The sites opened lately, newest first, offered by the site switcher before anything is typed.
//! Kept on the device (`localStorage`) and forgotten at sign-out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::storage::{self, local};

const KEY: &str = "kiubi.recentSites";
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

pub fn load() -> Vec<RecentSite> {
    storage::read(local(), KEY).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

pub fn save(list: &[RecentSite]) {
    match serde_json::to_string(list) {
        Ok(json) if !list.is_empty() => storage::write(local(), KEY, &json),
        _ => storage::remove(local(), KEY),
    }
}

/// The list, shared through context, kept in storage as it changes.
#[derive(Clone, Copy)]
pub struct RecentSites(pub RwSignal<Vec<RecentSite>>);

impl RecentSites {
    pub fn provide() {
        provide_context(RecentSites(RwSignal::new(load())));
    }

    fn change(&self, new_list: impl FnOnce(&[RecentSite]) -> Vec<RecentSite>) {
        let list = self.0.with_untracked(|list| new_list(list));
        save(&list);
        self.0.set(list);
    }

    /// The user opened this site.
    pub fn visit(&self, site: RecentSite) {
        if self.0.with_untracked(|list| list.first() != Some(&site)) {
            self.change(|list| remember(list, site));
        }
    }

    /// The site is gone.
    pub fn forget(&self, code_site: &str) {
        self.change(|list| without(list, code_site));
    }

    /// Sign-out.
    pub fn clear(&self) {
        self.change(|_| Vec::new());
    }
}

pub fn use_recent() -> RecentSites {
    expect_context::<RecentSites>()
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
