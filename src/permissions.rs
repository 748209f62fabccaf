//! What a token may open on a site, from the site's `scopes` (`extra_fields=scopes`, the token's
//! access rights there; `kiubi-api-notes.md` §2.3): a tab whose scope the token lacks is not offered.
//! The API stays the judge (error 4312): a reply without `scopes` leaves every tab offered.

use kiubi_wire::enums::Scope;
use kiubi_wire::lenient::Known;

use crate::places::SiteTab;

/// The scope a tab needs, as Kiubi's back office asks for it.
pub fn needed_scope(tab: SiteTab) -> Option<Scope> {
    match tab {
        SiteTab::Backups => Some(Scope::Backup),
        SiteTab::Subscription => Some(Scope::Subscription),
        SiteTab::Overview | SiteTab::Statistics | SiteTab::Activity => None,
    }
}

/// Whether the `granted` scopes include `scope` (an unknown name grants nothing the panel asks for).
pub fn grants(granted: &[Known<Scope>], scope: Scope) -> bool {
    granted.iter().any(|g| g.known() == Some(scope))
}

/// The scope `tab` needs and `scopes` lacks, if any.
pub fn missing_scope(scopes: Option<&[Known<Scope>]>, tab: SiteTab) -> Option<Scope> {
    let needed = needed_scope(tab)?;
    (!grants(scopes?, needed)).then_some(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_need_their_scope_when_the_api_lists_them() {
        let some: Vec<Known<Scope>> = ["site:cms", "site:backup", "site:later"].iter().map(|s| Known::of(s)).collect();
        assert_eq!(missing_scope(Some(&some), SiteTab::Backups), None);
        assert_eq!(missing_scope(Some(&some), SiteTab::Subscription), Some(Scope::Subscription));
        assert_eq!(missing_scope(Some(&[]), SiteTab::Backups), Some(Scope::Backup));
        let unknown = [Known::Unknown("site:backup ".into())];
        assert_eq!(missing_scope(Some(&unknown), SiteTab::Backups), Some(Scope::Backup), "not a name the panel knows");
        for tab in SiteTab::ALL {
            assert_eq!(missing_scope(None, *tab), None, "no list: the API decides ({tab:?})");
            assert_eq!(missing_scope(Some(&some), *tab).is_some(), *tab == SiteTab::Subscription);
        }
    }
}
