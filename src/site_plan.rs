//! What a site's `plan` block means for the user: the badges shown beside it, and how urgent they are.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::{SitePlan, Subscription};

/// Closing or trial ends within this many days: a warning.
pub const SOON_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanBadge {
    Closed,
    /// Will close on `on`, `days_left` from today.
    Closing {
        on: Day,
        days_left: i64,
    },
    /// In trial, until `until` when the API says.
    Trial {
        until: Option<Day>,
        days_left: Option<i64>,
    },
    Demo,
    Free,
    /// Credits balance.
    Credits(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Warning,
    Danger,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge",
            Tone::Warning => "badge warning",
            Tone::Danger => "badge danger",
        }
    }
}

impl PlanBadge {
    pub fn tone(self) -> Tone {
        let soon = |days: i64| days <= SOON_DAYS;
        match self {
            PlanBadge::Closed => Tone::Danger,
            PlanBadge::Closing { days_left, .. } if soon(days_left) => Tone::Danger,
            PlanBadge::Trial { days_left: Some(days), .. } if soon(days) => Tone::Warning,
            PlanBadge::Closing { .. } => Tone::Warning,
            _ => Tone::Neutral,
        }
    }
}

/// The badges of a plan, most urgent first. A closed site has no closing date to announce.
pub fn plan_badges(plan: &SitePlan, today: Day) -> Vec<PlanBadge> {
    let days_from_today = |day: Day| day.days_since_epoch() - today.days_since_epoch();
    let mut badges = Vec::new();
    if plan.is_closed {
        badges.push(PlanBadge::Closed);
    } else if let Some(on) = plan.closing_date {
        badges.push(PlanBadge::Closing { on, days_left: days_from_today(on) });
    }
    if plan.is_trial {
        let until = plan.endtrial_date;
        badges.push(PlanBadge::Trial { until, days_left: until.map(days_from_today) });
    }
    if plan.is_demo {
        badges.push(PlanBadge::Demo);
    }
    if plan.is_free {
        badges.push(PlanBadge::Free);
    }
    if let Some(balance) = plan.balance {
        badges.push(PlanBadge::Credits(balance));
    }
    badges
}

/// Days until the site closes, when that is within [`SOON_DAYS`] (the site page then warns).
pub fn closes_soon(plan: &SitePlan, today: Day) -> Option<i64> {
    plan_badges(plan, today).into_iter().find_map(|badge| match badge {
        PlanBadge::Closing { days_left, .. } if days_left <= SOON_DAYS => Some(days_left.max(0)),
        _ => None,
    })
}

/// The plan block a subscription amounts to, so both read the same. Empty dates are no dates.
pub fn plan_of_subscription(subscription: &Subscription) -> SitePlan {
    SitePlan {
        plan_id: subscription.plan_id,
        plan_name: subscription.plan_name.clone(),
        balance: subscription.balance,
        is_closed: false,
        is_trial: subscription.is_trial,
        is_demo: subscription.is_demo,
        is_free: subscription.is_free,
        closing_date: subscription.closing_date,
        endtrial_date: subscription.endtrial_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day { year: 2026, month: 11, day: 29 };

    fn plan() -> SitePlan {
        SitePlan { plan_id: 1, plan_name: "Pro".into(), ..Default::default() }
    }

    #[test]
    fn a_subscription_reads_like_a_plan() {
        let subscription = Subscription {
            plan_name: "Pro".into(),
            balance: Some(3),
            is_trial: true,
            endtrial_date: Day::parse_iso("2026-12-01"),
            ..Default::default()
        };
        let plan = plan_of_subscription(&subscription);
        assert_eq!(plan.closing_date, None);
        assert_eq!(
            plan_badges(&plan, TODAY),
            [
                PlanBadge::Trial { until: Some(Day { year: 2026, month: 12, day: 1 }), days_left: Some(2) },
                PlanBadge::Credits(3)
            ]
        );
    }

    #[test]
    fn an_open_paid_site_has_no_badge() {
        assert!(plan_badges(&plan(), TODAY).is_empty());
    }

    #[test]
    fn closing_within_a_week_is_urgent() {
        let closing = SitePlan { closing_date: Day::parse_iso("2026-12-03"), ..plan() };
        let badges = plan_badges(&closing, TODAY);
        assert_eq!(badges, [PlanBadge::Closing { on: Day { year: 2026, month: 12, day: 3 }, days_left: 4 }]);
        assert_eq!(badges[0].tone(), Tone::Danger);
        assert_eq!(closes_soon(&closing, TODAY), Some(4));
        let later = SitePlan { closing_date: Day::parse_iso("2027-03-01"), ..plan() };
        assert_eq!(plan_badges(&later, TODAY)[0].tone(), Tone::Warning);
        assert_eq!(closes_soon(&later, TODAY), None);
    }

    #[test]
    fn a_closed_site_says_closed_not_closing() {
        let closed = SitePlan { is_closed: true, closing_date: Day::parse_iso("2026-10-01"), ..plan() };
        assert_eq!(plan_badges(&closed, TODAY), [PlanBadge::Closed]);
        assert_eq!(closes_soon(&closed, TODAY), None);
    }

    #[test]
    fn trial_demo_free_and_credits() {
        let trial = SitePlan {
            is_trial: true,
            endtrial_date: Day::parse_iso("2026-12-01"),
            is_free: true,
            balance: Some(12),
            ..plan()
        };
        let badges = plan_badges(&trial, TODAY);
        assert_eq!(
            badges,
            [
                PlanBadge::Trial { until: Some(Day { year: 2026, month: 12, day: 1 }), days_left: Some(2) },
                PlanBadge::Free,
                PlanBadge::Credits(12)
            ]
        );
        assert_eq!(badges[0].tone(), Tone::Warning);
        let demo = SitePlan { is_demo: true, is_trial: true, ..plan() };
        assert_eq!(plan_badges(&demo, TODAY), [PlanBadge::Trial { until: None, days_left: None }, PlanBadge::Demo]);
    }
}
