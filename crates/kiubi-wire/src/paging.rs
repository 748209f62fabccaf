//! Paging arithmetic from `meta`, so list components never compute pages themselves.

use crate::Meta;

/// Where a list stands, derived from a reply's `meta` and the page size asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 0-based.
    pub current: u32,
    pub total_items: u64,
    pub page_size: u32,
}

impl Paging {
    pub fn from_meta(meta: &Meta, page_size: u32) -> Paging {
        Paging {
            current: meta.current_page.unwrap_or(0).max(0) as u32,
            total_items: meta.items_count.unwrap_or(0).max(0) as u64,
            page_size: page_size.max(1),
        }
    }

    /// Number of pages; an empty list still has one (empty) page.
    pub fn page_count(&self) -> u32 {
        (self.total_items.div_ceil(u64::from(self.page_size)) as u32).max(1)
    }

    pub fn last(&self) -> u32 {
        self.page_count() - 1
    }

    pub fn previous(&self) -> Option<u32> {
        self.current.checked_sub(1)
    }

    pub fn next(&self) -> Option<u32> {
        (self.current < self.last()).then_some(self.current + 1)
    }

    /// 1-based range of the items shown, for "21–40 of 53"; `None` when the list is empty.
    pub fn shown_range(&self) -> Option<(u64, u64)> {
        let first = u64::from(self.current) * u64::from(self.page_size) + 1;
        (first <= self.total_items).then(|| (first, (first + u64::from(self.page_size) - 1).min(self.total_items)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paging(current: i64, count: i64) -> Paging {
        let meta = Meta { current_page: Some(current), items_count: Some(count), ..Default::default() };
        Paging::from_meta(&meta, 20)
    }

    #[test]
    fn middle_page() {
        let p = paging(1, 53);
        assert_eq!((p.page_count(), p.previous(), p.next(), p.last()), (3, Some(0), Some(2), 2));
        assert_eq!(p.shown_range(), Some((21, 40)));
    }

    #[test]
    fn edges() {
        assert_eq!(paging(0, 53).previous(), None);
        assert_eq!(paging(2, 53).next(), None);
        assert_eq!(paging(2, 53).shown_range(), Some((41, 53)));
        assert_eq!(paging(0, 40).page_count(), 2);
    }

    #[test]
    fn empty_list_has_one_empty_page() {
        let p = paging(0, 0);
        assert_eq!((p.page_count(), p.next(), p.previous(), p.shown_range()), (1, None, None, None));
    }
}
