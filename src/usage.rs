//! Resource usage against a plan's quotas: how much is used, and when a quota is worth a warning.
//! Tested natively.

use kiubi_wire::models::Quota;

/// A quota is worth a warning when less than 15 % is free or more than 85 % used.
pub fn is_tight(used: i64, total: i64) -> bool {
    total > 0 && used as f64 > total as f64 * 0.85
}

/// Share used, 0 to 100.
pub fn used_percent(quota: &Quota) -> f64 {
    if quota.total <= 0 {
        0.0
    } else {
        (quota.used as f64 / quota.total as f64 * 100.0).clamp(0.0, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas() {
        assert!(is_tight(86, 100));
        assert!(!is_tight(85, 100));
        assert!(!is_tight(5, 0));
        assert_eq!(used_percent(&Quota { used: 50, free: 150, total: 200 }), 25.0);
        assert_eq!(used_percent(&Quota { used: 5, free: 0, total: 0 }), 0.0);
    }
}
