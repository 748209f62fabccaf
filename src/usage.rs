//! Resource usage against a plan's quotas: how much is used, and when a quota is worth a warning.
//! An unknown figure (the API sent `null`, `""` or nothing) gives no share and no warning: it never
//! reads as an empty or a full disk. Tested natively.

/// Share of `total` that `part` is, 0 to 100; `None` when either is unknown or the total is not
/// above 0 (a quota the plan does not have).
pub fn percent_of(part: Option<i64>, total: Option<i64>) -> Option<f64> {
    match (part, total) {
        (Some(part), Some(total)) if total > 0 => Some((part as f64 / total as f64 * 100.0).clamp(0.0, 100.0)),
        _ => None,
    }
}

/// A quota is worth a warning when more than 85 % is used; never when a figure is unknown.
pub fn is_tight(used: Option<i64>, total: Option<i64>) -> bool {
    percent_of(used, total).is_some_and(|percent| percent > 85.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas() {
        assert!(is_tight(Some(86), Some(100)));
        assert!(!is_tight(Some(85), Some(100)));
        assert!(!is_tight(Some(5), Some(0)));
        assert_eq!(percent_of(Some(50), Some(200)), Some(25.0));
        assert_eq!(percent_of(Some(500), Some(200)), Some(100.0));
        assert_eq!(percent_of(Some(5), Some(0)), None);
    }

    #[test]
    fn an_unknown_figure_is_neither_empty_nor_full() {
        for (used, total) in [(Some(2_900_000_000), None), (None, Some(100)), (None, None)] {
            assert_eq!(percent_of(used, total), None);
            assert!(!is_tight(used, total));
        }
        assert_eq!(percent_of(Some(0), Some(100)), Some(0.0), "a real zero is a zero");
    }
}
