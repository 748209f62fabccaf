//! Which sites the user has selected in the sites list (or the home's cards), for the actions on many
//! sites at once (bulk backups). A selection is of sites, not of rows on screen: it survives paging
//! and is either sites picked one by one, or every site matching a search ("select all N matching"),
//! bar those unticked since. Pure; the signed-in frame owns one per session (`bulk::BulkActions`).
//! Plain vectors, not ordered sets: a selection is picked by hand (a search is one `Matching`), and
//! their code is a fraction of a B-tree's in the first visit's module.

use kiubi_wire::models::Site;

use crate::places::SitesView;

/// Every site a search matches, as the list showed it (its page aside), bar `except`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub view: SitesView,
    /// How many sites the search matched when they were selected.
    pub total: u32,
    pub except: Vec<String>,
}

/// How the sites of a page stand: for the page's own checkbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageState {
    None,
    Some,
    All,
}

/// A site as a selection knows it: its code and name.
pub type SiteRef = (String, String);

/// The sites of a page of the list, as the selection knows them.
pub fn site_refs(sites: &[Site]) -> Vec<SiteRef> {
    sites.iter().map(|site| (site.code_site.clone(), site.name.clone())).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// In the order picked.
    picked: Vec<SiteRef>,
    matching: Option<Matching>,
    /// The site last ticked or unticked alone: a shift-click selects the range from it.
    anchor: Option<String>,
}

impl Selection {
    pub fn is_selected(&self, code: &str) -> bool {
        match &self.matching {
            Some(matching) => !matching.except.iter().any(|c| c == code),
            None => self.picked.iter().any(|(c, _)| c == code),
        }
    }

    /// How many sites are selected.
    pub fn count(&self) -> u32 {
        match &self.matching {
            Some(matching) => matching.total.saturating_sub(matching.except.len() as u32),
            None => self.picked.len() as u32,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// The search whose sites are all selected, if the selection is one.
    pub fn matching(&self) -> Option<&Matching> {
        self.matching.as_ref()
    }

    /// The sites picked one by one, in the order picked (none when the selection is a search's).
    pub fn picked(&self) -> impl Iterator<Item = &SiteRef> {
        self.matching.is_none().then_some(&self.picked).into_iter().flatten()
    }

    fn set(&mut self, site: &SiteRef, on: bool) {
        if self.is_selected(&site.0) == on {
            return;
        }
        match &mut self.matching {
            Some(matching) if on => matching.except.retain(|code| *code != site.0),
            Some(matching) => matching.except.push(site.0.clone()),
            None if on => self.picked.push(site.clone()),
            None => self.picked.retain(|(code, _)| *code != site.0),
        }
        if self.count() == 0 {
            self.matching = None;
        }
    }

    /// Ticks or unticks one site; it becomes the anchor of a range.
    pub fn toggle(&mut self, site: &SiteRef) {
        let on = !self.is_selected(&site.0);
        self.set(site, on);
        self.anchor = Some(site.0.clone());
    }

    /// A shift-click on `code` among the sites of a page (`page`, in their order): every site from the
    /// anchor to it takes the state `code` takes. Without an anchor on this page, a plain toggle.
    pub fn toggle_range(&mut self, page: &[SiteRef], site: &SiteRef) {
        let position = |code: &str| page.iter().position(|(c, _)| c == code);
        let (Some(from), Some(to)) = (self.anchor.as_deref().and_then(position), position(&site.0)) else {
            return self.toggle(site);
        };
        let on = !self.is_selected(&site.0);
        for site in &page[from.min(to)..=from.max(to)] {
            self.set(site, on);
        }
    }

    /// How the sites of `page` stand.
    pub fn page_state(&self, page: &[SiteRef]) -> PageState {
        let selected = page.iter().filter(|(code, _)| self.is_selected(code)).count();
        match selected {
            0 => PageState::None,
            n if n == page.len() => PageState::All,
            _ => PageState::Some,
        }
    }

    /// The page's own checkbox: ticks every site of `page`, or unticks them all when all are ticked.
    pub fn toggle_page(&mut self, page: &[SiteRef]) {
        let on = self.page_state(page) != PageState::All;
        for site in page {
            self.set(site, on);
        }
        self.anchor = None;
    }

    /// Every site `view` matches (`total` of them), whatever page is shown.
    pub fn select_matching(&mut self, view: &SitesView, total: u32) {
        let view = SitesView { page: 0, ..view.clone() };
        self.picked.clear();
        self.matching = (total > 0).then(|| Matching { view, total, except: Vec::new() });
        self.anchor = None;
    }

    pub fn clear(&mut self) {
        *self = Selection::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(code: &str) -> SiteRef {
        (code.to_owned(), format!("Site {code}"))
    }

    fn page(codes: &[&str]) -> Vec<SiteRef> {
        codes.iter().map(|c| site(c)).collect()
    }

    fn picked(s: &Selection) -> Vec<&str> {
        s.picked().map(|(code, _)| code.as_str()).collect()
    }

    #[test]
    fn sites_are_ticked_one_by_one_across_pages() {
        let mut s = Selection::default();
        s.toggle(&site("a"));
        s.toggle(&site("z"));
        assert!(s.is_selected("a") && s.is_selected("z") && !s.is_selected("b"));
        assert_eq!(s.count(), 2);
        s.toggle(&site("a"));
        assert_eq!((s.count(), picked(&s)), (1, vec!["z"]));
        assert_eq!(s.picked().next().map(|(_, name)| name.as_str()), Some("Site z"), "names are kept");
        s.clear();
        assert!(s.is_empty());
    }

    #[test]
    fn a_shift_click_sets_the_range_from_the_anchor_to_the_state_of_the_clicked_site() {
        let shown = page(&["a", "b", "c", "d", "e"]);
        let mut s = Selection::default();
        s.toggle(&site("b"));
        s.toggle_range(&shown, &site("d"));
        assert_eq!(picked(&s), vec!["b", "c", "d"]);
        // Backwards, and unticking: "c" is ticked, so the range from "d" (the anchor) up to it unticks.
        s.toggle(&site("d"));
        s.toggle(&site("d"));
        s.toggle_range(&shown, &site("c"));
        assert_eq!(picked(&s), vec!["b"]);
        // An anchor on another page: a plain toggle.
        s.toggle(&site("x"));
        s.toggle_range(&shown, &site("e"));
        assert_eq!(picked(&s), vec!["b", "x", "e"], "in the order picked");
    }

    #[test]
    fn the_page_checkbox_ticks_the_page_then_unticks_it() {
        let shown = page(&["a", "b", "c"]);
        let mut s = Selection::default();
        assert_eq!(s.page_state(&shown), PageState::None);
        s.toggle(&site("b"));
        assert_eq!(s.page_state(&shown), PageState::Some);
        s.toggle_page(&shown);
        assert_eq!(s.page_state(&shown), PageState::All);
        s.toggle_page(&shown);
        assert_eq!((s.page_state(&shown), s.count()), (PageState::None, 0));
    }

    #[test]
    fn all_matching_is_a_search_minus_what_is_unticked_since() {
        let view = SitesView { term: "atelier".into(), page: 3, ..Default::default() };
        let mut s = Selection::default();
        s.toggle(&site("a"));
        s.select_matching(&view, 40);
        assert_eq!(s.count(), 40);
        assert_eq!(s.matching().map(|m| m.view.page), Some(0), "the search, not the page it was on");
        assert!(s.is_selected("anything-on-another-page"));
        assert_eq!(s.picked().count(), 0);
        s.toggle(&site("b"));
        assert!(!s.is_selected("b"));
        assert_eq!(s.count(), 39);
        s.toggle(&site("b"));
        assert_eq!(s.count(), 40);
        // Unticking every site leaves nothing selected, not a search of none.
        let mut few = Selection::default();
        few.select_matching(&view, 1);
        few.toggle(&site("only"));
        assert!(few.is_empty() && few.matching().is_none());
        few.select_matching(&view, 0);
        assert!(few.matching().is_none());
    }
}
