//! The command palette's actions (Ctrl+K / Cmd+K, beside the sites it finds) and how a typed query
//! finds them: every word of the query is found in a word of the action's name in French or in
//! English (accents and case aside), at its start or with letters left out ("stats" finds
//! "statistics"), so "sauv" and "backup" both find "create a backup point". Actions the
//! token's scopes on the current site do not allow are not offered; recent ones come first. Pure;
//! `palette::commands` runs them; `components::site_search` shows them.

use crate::matching::folded;
use kiubi_wire::enums::Scope;
use kiubi_wire::lenient::Known;

use crate::i18n::{Locale, PageKey};
use crate::organize::Label;
use crate::places::SiteTab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A page of the current site.
    Open(SiteTab),
    /// A backup point of the current site.
    BackUp,
    /// The current site's client report.
    Report,
    NewSite,
    Export,
    SwitchLanguage,
    SwitchTheme,
    SignOut,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::Open(SiteTab::Statistics),
        Action::Open(SiteTab::Activity),
        Action::Open(SiteTab::Backups),
        Action::Open(SiteTab::Subscription),
        Action::BackUp,
        Action::Report,
        Action::NewSite,
        Action::Export,
        Action::SwitchLanguage,
        Action::SwitchTheme,
        Action::SignOut,
    ];

    /// Its name, kept with the recent actions.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Open(SiteTab::Overview) => "open-overview",
            Action::Open(SiteTab::Statistics) => "open-stats",
            Action::Open(SiteTab::Activity) => "open-activity",
            Action::Open(SiteTab::Backups) => "open-backups",
            Action::Open(SiteTab::Subscription) => "open-subscription",
            Action::BackUp => "back-up",
            Action::Report => "client-report",
            Action::NewSite => "new-site",
            Action::Export => "export",
            Action::SwitchLanguage => "switch-language",
            Action::SwitchTheme => "switch-theme",
            Action::SignOut => "sign-out",
        }
    }

    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.as_str() == name)
    }

    pub fn label(self) -> PageKey {
        match self {
            Action::Open(SiteTab::Statistics) => PageKey::ActionStats,
            Action::Open(SiteTab::Activity) => PageKey::ActionActivity,
            Action::Open(SiteTab::Backups) => PageKey::ActionBackups,
            Action::Open(SiteTab::Subscription) => PageKey::ActionSubscription,
            Action::Open(SiteTab::Overview) => PageKey::ActionOverview,
            Action::BackUp => PageKey::ActionBackUp,
            Action::Report => PageKey::ActionReport,
            Action::NewSite => PageKey::ActionNewSite,
            Action::Export => PageKey::ActionExport,
            Action::SwitchLanguage => PageKey::ActionLanguage,
            Action::SwitchTheme => PageKey::ActionTheme,
            Action::SignOut => PageKey::ActionSignOut,
        }
    }

    /// Whether it acts on the current site (offered on a site's pages only).
    pub fn needs_site(self) -> bool {
        matches!(self, Action::Open(_) | Action::BackUp | Action::Report)
    }

    /// The scope it needs on the current site, as the site's tabs do (`permissions`).
    pub fn needed_scope(self) -> Option<Scope> {
        match self {
            Action::Open(tab) => crate::permissions::needed_scope(tab),
            Action::BackUp => crate::permissions::needed_scope(SiteTab::Backups),
            _ => None,
        }
    }
}

/// Whether `wanted`'s letters are all in `word`, in order, the first one first ("stats" in
/// "statistics").
fn abbreviates(wanted: &str, word: &str) -> bool {
    let mut letters = word.chars();
    wanted.chars().next() == word.chars().next() && wanted.chars().all(|c| letters.any(|l| l == c))
}

/// Whether every word of `query` begins or abbreviates a word of one of `names` (each taken whole: the
/// words of a query all match in one language).
pub fn finds(query: &str, names: &[&str]) -> bool {
    let query = folded(query);
    let wanted: Vec<&str> = query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    names.iter().any(|name| {
        let name = folded(name);
        let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        wanted.iter().all(|w| words.iter().any(|word| word.starts_with(w) || abbreviates(w, word)))
    })
}

/// The labels whose name `query` finds (as it finds an action's), in their order; none for an
/// empty query.
pub fn labels_found(query: &str, labels: &[Label]) -> Vec<Label> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    labels.iter().filter(|label| finds(query, &[label.name.as_str()])).cloned().collect()
}

/// Where the palette was opened: on a site's pages, its code and the token's scopes there (`None`
/// while unknown, `Some(None)` when the API did not say: then the API judges, as for the tabs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    pub site: Option<String>,
    pub scopes: Option<Option<Vec<Known<Scope>>>>,
}

/// Whether `action` is offered in `context`.
pub fn offered(action: Action, context: &Context) -> bool {
    if !action.needs_site() {
        return true;
    }
    if context.site.is_none() {
        return false;
    }
    match (action.needed_scope(), &context.scopes) {
        (None, _) => true,
        // The site's scopes are not read yet: not offered until they are.
        (Some(_), None) => false,
        (Some(_), Some(None)) => true,
        (Some(scope), Some(Some(granted))) => crate::permissions::grants(granted, scope),
    }
}

/// The actions offered for `query` in `context`, the recent ones (`recent`, latest first) first.
pub fn actions(query: &str, context: &Context, recent: &[Action]) -> Vec<Action> {
    let names = |action: Action| [Locale::Fr.tr(action.label()), Locale::En.tr(action.label())];
    let mut found: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|action| offered(*action, context) && (query.trim().is_empty() || finds(query, &names(*action))))
        .collect();
    found.sort_by_key(|action| recent.iter().position(|r| r == action).unwrap_or(usize::MAX));
    found
}

/// `recent` with `action` first, at most `keep` of them.
pub fn remember(recent: &[Action], action: Action, keep: usize) -> Vec<Action> {
    std::iter::once(action).chain(recent.iter().copied().filter(|a| *a != action)).take(keep).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_by_their_words() {
        use crate::organize::Colour;
        let label = |name: &str| Label { name: name.into(), colour: Colour::Blue };
        let labels = [label("Client Dupont"), label("e-commerce"), label("Hôtellerie")];
        let names = |query| labels_found(query, &labels).into_iter().map(|l| l.name).collect::<Vec<_>>();
        assert_eq!(names("dupont"), ["Client Dupont"]);
        assert_eq!(names("comm"), ["e-commerce"]);
        assert_eq!(names("hotel"), ["Hôtellerie"]);
        assert_eq!(names("cl dup"), ["Client Dupont"]);
        assert!(names("  ").is_empty() && names("zzz").is_empty());
    }

    fn on_site(scopes: Option<Option<Vec<&str>>>) -> Context {
        Context {
            site: Some("atelier".into()),
            scopes: scopes.map(|s| s.map(|s| s.into_iter().map(Known::of).collect())),
        }
    }

    #[test]
    fn words_of_either_language_find_an_action_accents_and_case_aside() {
        assert!(finds("sauv", &["Créer un point de sauvegarde"]));
        assert!(finds("POINT créer", &["Créer un point de sauvegarde"]));
        assert!(finds("creer", &["Créer un point de sauvegarde"]));
        assert!(!finds("sauv backup", &["Créer un point de sauvegarde", "Create a backup point"]), "one language");
        assert!(!finds("xyz", &["Créer un point de sauvegarde"]));
        assert!(finds("stats", &["Open the site's statistics"]), "letters left out");
        assert!(finds("sgde", &["Créer un point de sauvegarde"]));
        assert!(!finds("tats", &["Open the site's statistics"]), "from the word's first letter");
        assert!(!finds("statz", &["Open the site's statistics"]));
        let all = actions("backup", &on_site(Some(None)), &[]);
        assert_eq!(all, vec![Action::Open(SiteTab::Backups), Action::BackUp]);
        assert_eq!(actions("déconn", &Context::default(), &[]), vec![Action::SignOut]);
        assert_eq!(actions("theme", &Context::default(), &[]), vec![Action::SwitchTheme]);
        assert_eq!(actions("rapport client", &on_site(Some(None)), &[]), vec![Action::Report]);
        assert_eq!(actions("client report", &Context::default(), &[]), vec![], "a site's, on a site's pages");
    }

    #[test]
    fn site_actions_need_a_site_and_its_scopes() {
        let away = actions("", &Context::default(), &[]);
        assert_eq!(
            away,
            vec![Action::NewSite, Action::Export, Action::SwitchLanguage, Action::SwitchTheme, Action::SignOut]
        );
        let loading = actions("", &on_site(None), &[]);
        assert!(loading.contains(&Action::Open(SiteTab::Statistics)) && !loading.contains(&Action::BackUp));
        let granted = actions("", &on_site(Some(Some(vec!["site:backup"]))), &[]);
        assert!(granted.contains(&Action::BackUp) && granted.contains(&Action::Open(SiteTab::Backups)));
        assert!(!granted.contains(&Action::Open(SiteTab::Subscription)), "no site:subscription scope");
        let unsaid = actions("", &on_site(Some(None)), &[]);
        assert_eq!(unsaid.len(), Action::ALL.len(), "the API did not say: it judges");
    }

    #[test]
    fn recent_actions_come_first_and_are_kept_by_name() {
        let recent = remember(&remember(&[], Action::SignOut, 3), Action::SwitchTheme, 3);
        assert_eq!(recent, vec![Action::SwitchTheme, Action::SignOut]);
        assert_eq!(&actions("", &Context::default(), &recent)[..2], &[Action::SwitchTheme, Action::SignOut]);
        assert_eq!(remember(&recent, Action::SignOut, 1), vec![Action::SignOut]);
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
    }
}
