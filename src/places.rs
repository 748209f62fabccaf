//! Every place of the panel has its own URL, and the state of a view (search, filters, page) lives in
//! it, so a reload or a shared link lands on the same view. This module builds and reads those URLs.

use kiubi_wire::params::{encode_component, form_urlencode, SiteSort, SiteType, SitesQuery, MAX_LIMIT};

pub const SITES: &str = "/sites";
pub const NEW_SITE: &str = "/sites/new";
pub const PLANS: &str = "/plans";
pub const ACCOUNT: &str = "/account";

/// The pages inside a site, each a tab of the site and an entry of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteTab {
    Overview,
    Backups,
    Subscription,
}

impl SiteTab {
    pub const ALL: &'static [SiteTab] = &[SiteTab::Overview, SiteTab::Backups, SiteTab::Subscription];

    /// The path after `/sites/{code}`.
    fn suffix(self) -> &'static str {
        match self {
            SiteTab::Overview => "",
            SiteTab::Backups => "/backups",
            SiteTab::Subscription => "/subscription",
        }
    }
}

/// `/sites/{code}` and its tabs.
pub fn site(code_site: &str, tab: SiteTab) -> String {
    format!("{SITES}/{}{}", encode_component(code_site, false), tab.suffix())
}

/// The code of the site a path is in, if any (`/sites/{code}/…`, not `/sites/new`).
pub fn site_of_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(SITES)?.strip_prefix('/')?;
    let code = rest.split('/').next().filter(|code| !code.is_empty())?;
    (format!("{SITES}/{code}") != NEW_SITE).then_some(code)
}

/// What the sites list shows: its URL's query, read leniently (a bad value falls back to the default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitesView {
    pub term: String,
    pub site_type: Option<SiteType>,
    /// `None`: the default order, by relevance while searching, else by code.
    pub sort: Option<SiteSort>,
    /// 0-based.
    pub page: u32,
}

impl SitesView {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> SitesView {
        SitesView {
            term: get("term").map(|t| t.trim().to_owned()).unwrap_or_default(),
            site_type: get("type").and_then(|t| SiteType::parse(&t)),
            sort: get("sort").and_then(|s| SiteSort::parse(&s)),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    }

    /// The order the list is in: the chosen one, else relevance while searching, else by code.
    pub fn effective_sort(&self) -> SiteSort {
        match self.sort {
            // Relevance means nothing without a term.
            Some(SiteSort::Relevance) if self.term.is_empty() => SiteSort::default(),
            Some(sort) => sort,
            None if !self.term.is_empty() => SiteSort::Relevance,
            None => SiteSort::default(),
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.term.is_empty() || self.site_type.is_some()
    }

    pub fn to_query(&self) -> SitesQuery {
        SitesQuery {
            term: Some(self.term.clone()).filter(|t| !t.is_empty()),
            site_type: self.site_type,
            sort: Some(self.effective_sort()),
            limit: Some(MAX_LIMIT),
            page: Some(self.page),
        }
    }

    /// `/sites?…`, with only what differs from the defaults.
    pub fn to_url(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.term.is_empty() {
            pairs.push(("term", &self.term));
        }
        if let Some(site_type) = self.site_type {
            pairs.push(("type", site_type.as_str()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str()));
        }
        let page = self.page.to_string();
        if self.page > 0 {
            pairs.push(("page", &page));
        }
        if pairs.is_empty() {
            SITES.to_owned()
        } else {
            format!("{SITES}?{}", form_urlencode(&pairs))
        }
    }

    /// The same view on page `page`.
    pub fn on_page(&self, page: u32) -> SitesView {
        SitesView { page, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_of(url_query: &[(&str, &str)]) -> SitesView {
        SitesView::from_query(|name| url_query.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn a_view_round_trips_through_its_url() {
        let view = SitesView {
            term: "boulangerie lyon".into(),
            site_type: Some(SiteType::ClosingSoon),
            sort: Some(SiteSort::CreationDateDesc),
            page: 3,
        };
        assert_eq!(view.to_url(), "/sites?term=boulangerie+lyon&type=closing_soon&sort=-creation_date&page=3");
        let back = view_of(&[
            ("term", "boulangerie lyon"),
            ("type", "closing_soon"),
            ("sort", "-creation_date"),
            ("page", "3"),
        ]);
        assert_eq!(back, view);
        assert_eq!(SitesView::default().to_url(), "/sites");
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        assert_eq!(view_of(&[("type", "nope"), ("sort", "x"), ("page", "-2")]), SitesView::default());
    }

    #[test]
    fn searching_sorts_by_relevance_unless_told_otherwise() {
        let searching = view_of(&[("term", "lyon")]);
        assert_eq!(searching.effective_sort(), SiteSort::Relevance);
        assert_eq!(searching.to_query().term.as_deref(), Some("lyon"));
        assert_eq!(view_of(&[("term", "lyon"), ("sort", "code_site")]).effective_sort(), SiteSort::CodeSite);
        assert_eq!(view_of(&[("sort", "relevance")]).effective_sort(), SiteSort::CodeSite);
        assert_eq!(SitesView::default().to_query().term, None);
    }

    #[test]
    fn site_paths() {
        assert_eq!(site("boulangerie", SiteTab::Overview), "/sites/boulangerie");
        assert_eq!(site("boulangerie", SiteTab::Backups), "/sites/boulangerie/backups");
        assert_eq!(site_of_path("/sites/boulangerie/backups"), Some("boulangerie"));
        assert_eq!(site_of_path("/sites/boulangerie"), Some("boulangerie"));
        assert_eq!(site_of_path("/sites/new"), None);
        assert_eq!(site_of_path("/sites"), None);
        assert_eq!(site_of_path("/sitesx/a"), None);
    }
}
