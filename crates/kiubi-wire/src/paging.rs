//! Paging arithmetic from `meta`, so list components never compute pages themselves.

use crate::Meta;

/// Where a list stands: the page asked for (the page shown is the page requested), and what the
/// reply says about the others. The reference promises neither `current_page` nor `items_count`, so
/// next and previous come from `meta.link` (a path, or `false`) when the reply has it, else from
/// `items_count` when present, else from whether the page is full; `current_page` is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 0-based.
    pub current: u32,
    /// Items of the whole list, when the reply says.
    pub total_items: Option<u64>,
    pub page_size: u32,
    /// Items on the page shown.
    pub shown: u32,
    has_previous: bool,
    has_next: bool,
    last: Option<u32>,
}

/// The `page` parameter of a link's query (`/v1/sites.json?limit=20&page=3`).
fn page_of(link: &str) -> Option<u32> {
    let query = link.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix("page=")?.parse().ok())
}

impl Paging {
    /// `requested`: the page asked for; `shown`: how many items the reply holds.
    pub fn of(meta: &Meta, requested: u32, page_size: u32, shown: usize) -> Paging {
        let page_size = page_size.max(1);
        let shown = u32::try_from(shown).unwrap_or(u32::MAX);
        let total_items = meta.items_count.and_then(|n| u64::try_from(n).ok());
        let counted_last = total_items.map(|n| (n.div_ceil(u64::from(page_size)).max(1) - 1) as u32);
        let link = meta.link.as_ref();
        let has_next = match (link, counted_last) {
            (Some(link), _) => link.next_page.is_some(),
            (None, Some(last)) => requested < last,
            (None, None) => shown >= page_size,
        };
        let has_previous = match link {
            Some(link) => link.previous_page.is_some() && requested > 0,
            None => requested > 0,
        };
        let linked_last = link.and_then(|l| l.last_page.as_deref()).and_then(page_of);
        Paging {
            current: requested,
            total_items,
            page_size,
            shown,
            has_previous,
            has_next,
            last: counted_last.or(linked_last).filter(|last| *last >= requested),
        }
    }

    /// Page `requested` of a list held whole, of `total` items (filtered by the panel itself).
    pub fn local(total: usize, requested: u32, page_size: u32) -> Paging {
        let page_size = page_size.max(1);
        let total = total as u64;
        let last = (total.div_ceil(u64::from(page_size)).max(1) - 1) as u32;
        let start = u64::from(requested) * u64::from(page_size);
        let shown = total.saturating_sub(start).min(u64::from(page_size)) as u32;
        Paging {
            current: requested,
            total_items: Some(total),
            page_size,
            shown,
            has_previous: requested > 0,
            has_next: requested < last,
            last: Some(last).filter(|last| *last >= requested),
        }
    }

    /// The items of page `current` of a list held whole.
    pub fn range(&self) -> std::ops::Range<usize> {
        let start = self.current as usize * self.page_size as usize;
        start..start + self.shown as usize
    }

    /// The last page, when the reply tells it (by a count or a link).
    pub fn last(&self) -> Option<u32> {
        self.last
    }

    pub fn previous(&self) -> Option<u32> {
        self.has_previous.then(|| self.current - 1)
    }

    pub fn next(&self) -> Option<u32> {
        self.has_next.then_some(self.current + 1)
    }

    /// 1-based range of the items shown, for "21–40 of 53"; `None` when the page is empty.
    pub fn shown_range(&self) -> Option<(u64, u64)> {
        let first = u64::from(self.current) * u64::from(self.page_size) + 1;
        (self.shown > 0).then(|| (first, first + u64::from(self.shown) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_held_whole_is_paged_here() {
        let paging = Paging::local(45, 2, 20);
        assert_eq!((paging.shown, paging.previous(), paging.next(), paging.last()), (5, Some(1), None, Some(2)));
        assert_eq!(paging.range(), 40..45);
        assert_eq!(paging.shown_range(), Some((41, 45)));
        let first = Paging::local(45, 0, 20);
        assert_eq!((first.range(), first.previous(), first.next()), (0..20, None, Some(1)));
        let empty = Paging::local(0, 0, 20);
        assert_eq!((empty.range(), empty.next(), empty.last()), (0..0, None, Some(0)));
        let beyond = Paging::local(45, 7, 20);
        assert_eq!((beyond.range(), beyond.last(), beyond.previous()), (140..140, None, Some(6)));
    }
    use crate::Links;

    fn link(page: u32) -> String {
        format!("/v1/sites.json?limit=20&page={page}")
    }

    /// The stand-in's meta: links, `current_page` and `items_count`.
    fn full_meta(current: u32, count: u64) -> Meta {
        let last = (count.div_ceil(20).max(1) - 1) as u32;
        Meta {
            current_page: Some(i64::from(current)),
            items_count: Some(count as i64),
            link: Some(Links {
                first_page: Some(link(0)),
                previous_page: (current > 0).then(|| link(current - 1)),
                next_page: (current < last).then(|| link(current + 1)),
                last_page: Some(link(last)),
            }),
            ..Default::default()
        }
    }

    fn shown_on(page: u32, count: u64) -> usize {
        count.saturating_sub(u64::from(page) * 20).min(20) as usize
    }

    #[test]
    fn middle_page() {
        let p = Paging::of(&full_meta(1, 53), 1, 20, 20);
        assert_eq!((p.previous(), p.next(), p.last()), (Some(0), Some(2), Some(2)));
        assert_eq!((p.shown_range(), p.total_items), (Some((21, 40)), Some(53)));
    }

    #[test]
    fn edges() {
        assert_eq!(Paging::of(&full_meta(0, 53), 0, 20, 20).previous(), None);
        let last = Paging::of(&full_meta(2, 53), 2, 20, 13);
        assert_eq!((last.next(), last.shown_range()), (None, Some((41, 53))));
        assert_eq!(Paging::of(&full_meta(0, 40), 0, 20, 20).last(), Some(1));
    }

    #[test]
    fn empty_list_has_one_empty_page() {
        let p = Paging::of(&full_meta(0, 0), 0, 20, 0);
        assert_eq!((p.last(), p.next(), p.previous(), p.shown_range()), (Some(0), None, None, None));
    }

    #[test]
    fn the_page_shown_is_the_page_asked_for() {
        // A reply that says another page (or none) does not move the pager.
        let mut meta = full_meta(1, 53);
        meta.current_page = Some(7);
        assert_eq!(Paging::of(&meta, 1, 20, 20).current, 1);
        meta.current_page = None;
        assert_eq!(Paging::of(&meta, 1, 20, 20), Paging::of(&full_meta(1, 53), 1, 20, 20));
    }

    #[test]
    fn without_current_page_and_items_count_the_links_decide() {
        for count in [0u64, 1, 20, 21, 53, 60] {
            let pages = count.div_ceil(20).max(1) as u32;
            for page in 0..pages {
                let mut meta = full_meta(page, count);
                meta.current_page = None;
                meta.items_count = None;
                let p = Paging::of(&meta, page, 20, shown_on(page, count));
                let full = Paging::of(&full_meta(page, count), page, 20, shown_on(page, count));
                assert_eq!(
                    (p.previous(), p.next(), p.last()),
                    (full.previous(), full.next(), full.last()),
                    "{count} {page}"
                );
                assert_eq!((p.shown_range(), p.total_items), (full.shown_range(), None), "{count} {page}");
            }
        }
    }

    #[test]
    fn links_of_false_mean_no_such_page() {
        let meta = Meta { link: Some(Links::default()), ..Default::default() };
        let p = Paging::of(&meta, 0, 20, 20);
        assert_eq!((p.previous(), p.next(), p.last()), (None, None, None), "a full page, but no next link");
    }

    #[test]
    fn with_nothing_but_the_items_a_full_page_may_have_a_next() {
        let bare = Meta::default();
        assert_eq!(Paging::of(&bare, 0, 20, 20).next(), Some(1));
        assert_eq!(Paging::of(&bare, 3, 20, 7).next(), None);
        assert_eq!(Paging::of(&bare, 3, 20, 7).previous(), Some(2));
        assert_eq!(Paging::of(&bare, 3, 20, 7).last(), None);
        // Only a count: arithmetic.
        let counted = Meta { items_count: Some(53), ..Default::default() };
        assert_eq!((Paging::of(&counted, 1, 20, 20).next(), Paging::of(&counted, 2, 20, 13).next()), (Some(2), None));
    }

    #[test]
    fn the_last_page_read_from_its_link() {
        assert_eq!(page_of("/v1/sites.json?limit=20&page=12"), Some(12));
        assert_eq!(page_of("/v1/sites.json?page=3&limit=20"), Some(3));
        assert_eq!(page_of("/v1/sites.json?limit=20"), None);
        let meta = Meta {
            link: Some(Links { last_page: Some(link(4)), next_page: Some(link(2)), ..Default::default() }),
            ..Default::default()
        };
        assert_eq!(Paging::of(&meta, 1, 20, 20).last(), Some(4));
    }
}
