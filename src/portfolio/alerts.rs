//! The portfolio home's alerts: what needs attention across sites. Plan concerns come from the
//! sites' `plan` blocks (the list queries give them for free); figure concerns only from the sites
//! on screen, whose figures their cards load. Pure, so the rules are tested natively.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::{Site, Stats, Usage};

use serde::{Deserialize, Serialize};

use crate::site_plan::{plan_badges, PlanBadge, Tone, SOON_DAYS};
use crate::usage::percent_of;

/// A credits balance at or under this is low (a site's features stop when it reaches 0), unless
/// the agency set its own threshold (`Thresholds`).
const LOW_BALANCE: i64 = 2;

/// When an alert is raised. The defaults are the panel's rules before they could be tuned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// A trial that ends within this many days.
    pub trial_days: i64,
    /// A credits balance at or under this.
    pub low_credits: i64,
    /// A disk or a quota with more than this share used, in percent.
    pub full_percent: i64,
    /// More than this many orders waiting to be processed.
    pub waiting_orders: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds { trial_days: SOON_DAYS, low_credits: LOW_BALANCE, full_percent: 85, waiting_orders: 0 }
    }
}

impl Thresholds {
    /// The same, each brought into its range (a file's or a colleague's: `-1` is 0, a huge number
    /// its field's largest).
    pub fn within_ranges(self) -> Thresholds {
        let mut within = self;
        for threshold in Threshold::ALL {
            let (low, high) = threshold.range();
            let field = threshold.field(&mut within);
            *field = (*field).clamp(low, high);
        }
        within
    }
}

/// A threshold's field, with the values it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    TrialDays,
    LowCredits,
    FullPercent,
    WaitingOrders,
}

impl Threshold {
    pub const ALL: [Threshold; 4] =
        [Threshold::TrialDays, Threshold::LowCredits, Threshold::FullPercent, Threshold::WaitingOrders];

    /// The values it may take, both ends included.
    pub fn range(self) -> (i64, i64) {
        match self {
            Threshold::TrialDays => (0, 365),
            Threshold::LowCredits => (0, 100_000),
            Threshold::FullPercent => (1, 99),
            Threshold::WaitingOrders => (0, 100_000),
        }
    }

    pub fn of(self, thresholds: &Thresholds) -> i64 {
        match self {
            Threshold::TrialDays => thresholds.trial_days,
            Threshold::LowCredits => thresholds.low_credits,
            Threshold::FullPercent => thresholds.full_percent,
            Threshold::WaitingOrders => thresholds.waiting_orders,
        }
    }

    /// `thresholds` with this one at `typed`, if it is a whole number in its range.
    pub fn set(self, thresholds: Thresholds, typed: &str) -> Option<Thresholds> {
        let (low, high) = self.range();
        let value = typed.trim().parse::<i64>().ok().filter(|v| (low..=high).contains(v))?;
        let mut changed = thresholds;
        *self.field(&mut changed) = value;
        Some(changed)
    }

    /// Its field in `thresholds`.
    fn field(self, thresholds: &mut Thresholds) -> &mut i64 {
        match self {
            Threshold::TrialDays => &mut thresholds.trial_days,
            Threshold::LowCredits => &mut thresholds.low_credits,
            Threshold::FullPercent => &mut thresholds.full_percent,
            Threshold::WaitingOrders => &mut thresholds.waiting_orders,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotaKind {
    Bandwidth,
    Api,
    Forms,
    Products,
    Users,
}

/// One thing about one site that needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concern {
    Closed,
    Closing {
        days_left: i64,
    },
    TrialEnds {
        days_left: i64,
    },
    LowBalance(i64),
    /// Less of the disk free than the threshold leaves.
    DiskFull {
        free_percent: i64,
    },
    /// More of a quota used than the threshold.
    QuotaFull {
        quota: QuotaKind,
        used_percent: i64,
    },
    PendingOrders(i64),
    UnreadForms(i64),
}

impl Concern {
    pub fn tone(self) -> Tone {
        match self {
            Concern::Closed | Concern::Closing { .. } => Tone::Danger,
            Concern::PendingOrders(_) | Concern::UnreadForms(_) => Tone::Neutral,
            _ => Tone::Warning,
        }
    }

    /// Most urgent first: what stops a site, then what will, then what waits for someone.
    fn rank(self) -> (u8, i64) {
        match self {
            Concern::Closed => (0, 0),
            Concern::Closing { days_left } => (1, days_left),
            Concern::TrialEnds { days_left } => (2, days_left),
            Concern::LowBalance(balance) => (3, balance),
            Concern::DiskFull { free_percent } => (4, free_percent),
            Concern::QuotaFull { used_percent, .. } => (5, -used_percent),
            Concern::PendingOrders(count) => (6, -count),
            Concern::UnreadForms(count) => (7, -count),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alert {
    pub code_site: String,
    pub name: String,
    pub concern: Concern,
}

/// What a site's plan block says needs attention, as of `today`, by the agency's `thresholds`.
pub fn plan_concerns(site: &Site, today: Day, thresholds: &Thresholds) -> Vec<Concern> {
    let closed = site.plan.is_closed;
    plan_badges(&site.plan, today)
        .into_iter()
        .filter_map(|badge| match badge {
            PlanBadge::Closed => Some(Concern::Closed),
            PlanBadge::Closing { days_left, .. } if days_left <= SOON_DAYS => {
                Some(Concern::Closing { days_left: days_left.max(0) })
            }
            PlanBadge::Trial { days_left: Some(days), .. } if days <= thresholds.trial_days => {
                Some(Concern::TrialEnds { days_left: days.max(0) })
            }
            // A closed site's empty balance is no news.
            PlanBadge::Credits(balance) if balance <= thresholds.low_credits && !closed => {
                Some(Concern::LowBalance(balance))
            }
            _ => None,
        })
        .collect()
}

/// What a site's figures say needs attention by the agency's `thresholds`: a full disk or quota,
/// orders and responses waiting.
pub fn figure_concerns(stats: &Stats, usage: &Usage, thresholds: &Thresholds) -> Vec<Concern> {
    // Only a figure the API knows raises an alert: an unknown total is not a full disk.
    let tight_percent = |used: Option<i64>, total: Option<i64>| {
        percent_of(used, total)
            .filter(|percent| *percent > thresholds.full_percent as f64)
            .map(|percent| percent as i64)
    };
    let mut concerns = Vec::new();
    let space = usage.space;
    if let Some(used_percent) = tight_percent(space.used, space.total) {
        concerns.push(Concern::DiskFull { free_percent: 100 - used_percent });
    }
    let quotas = [
        (QuotaKind::Bandwidth, usage.bandwidth),
        (QuotaKind::Api, usage.api_pfo),
        (QuotaKind::Forms, usage.forms),
        (QuotaKind::Products, usage.products),
        (QuotaKind::Users, usage.users),
    ];
    for (quota, figures) in quotas {
        if let Some(used_percent) = figures.and_then(|q| tight_percent(q.used, q.total)) {
            concerns.push(Concern::QuotaFull { quota, used_percent });
        }
    }
    let waiting = |n: &i64| *n > 0 && *n > thresholds.waiting_orders;
    if let Some(orders) = stats.checkout.as_ref().and_then(|c| c.pending_orders).filter(waiting) {
        concerns.push(Concern::PendingOrders(orders));
    }
    if let Some(unread) = stats.forms.as_ref().and_then(|f| f.unread_responses).filter(|n| *n > 0) {
        concerns.push(Concern::UnreadForms(unread));
    }
    concerns
}

/// The alerts of `sites` (each with the concerns found for it), most urgent first, each once.
pub fn alerts<'a>(sites: impl IntoIterator<Item = (&'a Site, Vec<Concern>)>) -> Vec<Alert> {
    let mut alerts: Vec<Alert> = Vec::new();
    for (site, concerns) in sites {
        for concern in concerns {
            if !alerts.iter().any(|a| a.code_site == site.code_site && a.concern == concern) {
                alerts.push(Alert { code_site: site.code_site.clone(), name: site.name.clone(), concern });
            }
        }
    }
    alerts.sort_unstable_by(|a, b| {
        (a.concern.rank(), &a.name, &a.code_site).cmp(&(b.concern.rank(), &b.name, &b.code_site))
    });
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiubi_wire::models::{CheckoutStats, FormsStats, Quota, SitePlan, Space};

    #[test]
    fn thresholds_out_of_their_ranges_are_brought_in() {
        let odd =
            Thresholds { trial_days: -1, low_credits: 9_007_199_254_740_991, full_percent: 0, waiting_orders: 12 };
        let within = Thresholds { trial_days: 0, low_credits: 100_000, full_percent: 1, waiting_orders: 12 };
        assert_eq!(odd.within_ranges(), within);
        assert_eq!(Thresholds::default().within_ranges(), Thresholds::default());
    }

    fn today() -> Day {
        Day::parse_iso("2026-11-29").unwrap()
    }

    fn rules() -> Thresholds {
        Thresholds::default()
    }

    fn site(code: &str, plan: SitePlan) -> Site {
        Site { code_site: code.into(), name: code.to_uppercase(), plan, ..Default::default() }
    }

    #[test]
    fn plan_blocks_give_closed_closing_trial_and_low_balance() {
        let closed = SitePlan { is_closed: true, balance: Some(0), ..Default::default() };
        assert_eq!(
            plan_concerns(&site("a", closed), today(), &rules()),
            [Concern::Closed],
            "no balance news when closed"
        );
        let closing = SitePlan { closing_date: Day::parse_iso("2026-12-04"), balance: Some(1), ..Default::default() };
        assert_eq!(
            plan_concerns(&site("b", closing), today(), &rules()),
            [Concern::Closing { days_left: 5 }, Concern::LowBalance(1)]
        );
        let trial = SitePlan { is_trial: true, endtrial_date: Day::parse_iso("2026-12-02"), ..Default::default() };
        assert_eq!(plan_concerns(&site("c", trial), today(), &rules()), [Concern::TrialEnds { days_left: 3 }]);
        let calm = SitePlan {
            is_trial: true,
            endtrial_date: Day::parse_iso("2026-12-23"),
            closing_date: Day::parse_iso("2027-03-01"),
            balance: Some(3),
            ..Default::default()
        };
        assert!(plan_concerns(&site("d", calm), today(), &rules()).is_empty());
    }

    #[test]
    fn figures_give_full_disk_and_quotas_and_waiting_orders_and_responses() {
        let quota = |used, total| Some(Quota { used: Some(used), free: Some(total - used), total: Some(total) });
        let usage = Usage {
            space: Space { used: Some(90), free: Some(10), total: Some(100), ..Default::default() },
            products: quota(900, 1000),
            users: quota(3, 10),
            forms: quota(0, 0),
            ..Default::default()
        };
        let stats = Stats {
            checkout: Some(CheckoutStats { pending_orders: Some(4), ..Default::default() }),
            forms: Some(FormsStats { unread_responses: Some(0) }),
            catalog: None,
        };
        assert_eq!(
            figure_concerns(&stats, &usage, &rules()),
            [
                Concern::DiskFull { free_percent: 10 },
                Concern::QuotaFull { quota: QuotaKind::Products, used_percent: 90 },
                Concern::PendingOrders(4),
            ]
        );
        assert!(figure_concerns(&Stats::default(), &Usage::default(), &rules()).is_empty());
    }

    /// The replies as the API may send an unknown figure: `null`, `""`, no key; only `"0"` is a zero.
    fn with_unknown(blank: &str) -> (Stats, Usage) {
        let figure = |known: &str| if blank == "missing" { String::new() } else { format!("{known}: {blank},") };
        let usage = format!(
            r#"{{"space": {{{} "used": 2900000000}}, "products": {{{} "used": 990}}, "bandwidth": {{"used": 5, {} "free": 1}}}}"#,
            figure(r#""total""#),
            figure(r#""total""#),
            figure(r#""total""#).trim_end_matches(',').to_owned() + if blank == "missing" { "" } else { "," },
        );
        let stats = format!(
            r#"{{"checkout": {{{} "average_cart": 12}}, "forms": {{{} "x": 1}}}}"#,
            figure(r#""pending_orders""#),
            figure(r#""unread_responses""#)
        );
        (serde_json::from_str(&stats).unwrap(), serde_json::from_str(&usage).unwrap())
    }

    #[test]
    fn an_unknown_total_or_count_raises_no_alert() {
        for blank in ["null", r#""""#, "missing", r#""0""#] {
            let (stats, usage) = with_unknown(blank);
            assert_eq!(figure_concerns(&stats, &usage, &rules()), [], "{blank}: no full disk, no quota, no orders");
        }
        let (stats, usage) = with_unknown(r#""0""#);
        assert_eq!((usage.space.total, stats.checkout.unwrap().pending_orders), (Some(0), Some(0)), "a real zero");
        let (stats, usage) = with_unknown("null");
        assert_eq!((usage.space.total, stats.checkout.unwrap().pending_orders), (None, None));
    }

    #[test]
    fn thresholds_are_whole_numbers_in_their_range() {
        let default = Thresholds::default();
        assert_eq!(
            (default.trial_days, default.low_credits, default.full_percent, default.waiting_orders),
            (7, 2, 85, 0)
        );
        let set = Threshold::TrialDays.set(default, " 14 ").unwrap();
        assert_eq!(Threshold::TrialDays.of(&set), 14);
        for (threshold, wrong) in [
            (Threshold::TrialDays, "-1"),
            (Threshold::TrialDays, "366"),
            (Threshold::FullPercent, "0"),
            (Threshold::FullPercent, "100"),
            (Threshold::LowCredits, "2.5"),
            (Threshold::WaitingOrders, ""),
        ] {
            assert_eq!(threshold.set(default, wrong), None, "{threshold:?} {wrong}");
        }
        let partial: Thresholds = serde_json::from_str(r#"{"trial_days": 30}"#).unwrap();
        assert_eq!(partial, Thresholds { trial_days: 30, ..default }, "a missing field is its default");
    }

    #[test]
    fn the_agency_s_thresholds_decide() {
        let trial = SitePlan {
            is_trial: true,
            endtrial_date: Day::parse_iso("2026-12-13"),
            balance: Some(5),
            ..Default::default()
        };
        assert!(plan_concerns(&site("a", trial.clone()), today(), &rules()).is_empty(), "14 days, 5 credits");
        let wary = Thresholds { trial_days: 14, low_credits: 5, full_percent: 50, waiting_orders: 3 };
        assert_eq!(
            plan_concerns(&site("a", trial), today(), &wary),
            [Concern::TrialEnds { days_left: 14 }, Concern::LowBalance(5)]
        );
        let usage =
            Usage { space: Space { used: Some(60), total: Some(100), ..Default::default() }, ..Default::default() };
        let orders = |n| Stats {
            checkout: Some(CheckoutStats { pending_orders: Some(n), ..Default::default() }),
            ..Default::default()
        };
        assert_eq!(figure_concerns(&orders(3), &usage, &wary), [Concern::DiskFull { free_percent: 40 }]);
        assert_eq!(
            figure_concerns(&orders(4), &usage, &wary),
            [Concern::DiskFull { free_percent: 40 }, Concern::PendingOrders(4)]
        );
        assert!(
            figure_concerns(&orders(4), &usage, &Thresholds { full_percent: 60, ..wary }).len() == 1,
            "60 % is not over 60"
        );
    }

    #[test]
    fn alerts_are_sorted_by_urgency_and_given_once() {
        let a = site("a", SitePlan::default());
        let b = site("b", SitePlan::default());
        let found = alerts([
            (&a, vec![Concern::UnreadForms(2), Concern::TrialEnds { days_left: 6 }]),
            (&b, vec![Concern::TrialEnds { days_left: 1 }, Concern::Closed]),
            // The same site from another query: not repeated.
            (&b, vec![Concern::Closed]),
        ]);
        let order: Vec<(&str, Concern)> = found.iter().map(|a| (a.code_site.as_str(), a.concern)).collect();
        assert_eq!(
            order,
            [
                ("b", Concern::Closed),
                ("b", Concern::TrialEnds { days_left: 1 }),
                ("a", Concern::TrialEnds { days_left: 6 }),
                ("a", Concern::UnreadForms(2)),
            ]
        );
        assert_eq!(Concern::Closed.tone(), Tone::Danger);
        assert_eq!(Concern::PendingOrders(1).tone(), Tone::Neutral);
    }
}
