//! What a token may open on a site, from the site's `scopes` (`extra_fields=scopes`, the token's
//! access rights there; `kiubi-api-notes.md` §2.3): a tab whose scope the token lacks is not offered.
//! The API stays the judge (error 4312): a reply without `scopes` leaves every tab offered.

use crate::places::SiteTab;

/// The scope a tab needs, as Kiubi's back office asks for it.
pub fn needed_scope(tab: SiteTab) -> Option<&'static str> {
    match tab {
        SiteTab::Backups => Some("site:backup"),
        SiteTab::Subscription => Some("site:subscription"),
        SiteTab::Overview | SiteTab::Statistics | SiteTab::Activity => None,
    }
}

/// The scope `tab` needs and `scopes` lacks, if any.
pub fn missing_scope(scopes: Option<&[String]>, tab: SiteTab) -> Option<&'static str> {
    let needed = needed_scope(tab)?;
    let granted = scopes?;
    (!granted.iter().any(|s| s == needed)).then_some(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_need_their_scope_when_the_api_lists_them() {
        let some = vec!["site:cms".to_owned(), "site:backup".to_owned()];
        assert_eq!(missing_scope(Some(&some), SiteTab::Backups), None);
        assert_eq!(missing_scope(Some(&some), SiteTab::Subscription), Some("site:subscription"));
        assert_eq!(missing_scope(Some(&[]), SiteTab::Backups), Some("site:backup"));
        for tab in SiteTab::ALL {
            assert_eq!(missing_scope(None, *tab), None, "no list: the API decides ({tab:?})");
            assert_eq!(missing_scope(Some(&some), *tab).is_some(), *tab == SiteTab::Subscription);
        }
    }
}
