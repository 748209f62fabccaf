//! The state badges of a site's plan.

use leptos::prelude::*;

use crate::clock;
use crate::format;
use crate::i18n::{use_locale, Key, Locale};
use crate::site_plan::{plan_badges, PlanBadge};

/// The words of a plan badge.
pub fn badge_label(locale: Locale, badge: PlanBadge) -> String {
    let day = |d: kiubi_wire::calendar::Day| format::day(locale, Some(d));
    match badge {
        PlanBadge::Closed => locale.tr(Key::BadgeClosed).to_owned(),
        PlanBadge::Closing { on, .. } => locale.tr_with(Key::BadgeClosingOn, &[("date", &day(on))]),
        PlanBadge::Trial { until: Some(until), .. } => locale.tr_with(Key::BadgeTrialUntil, &[("date", &day(until))]),
        PlanBadge::Trial { until: None, .. } => locale.tr(Key::BadgeTrial).to_owned(),
        PlanBadge::Demo => locale.tr(Key::BadgeDemo).to_owned(),
        PlanBadge::Free => locale.tr(Key::BadgeFree).to_owned(),
        PlanBadge::Credits(n) => locale.tr_count(Key::BadgeCredits, n, &[]),
    }
}

/// The state badges of a site's plan (trial until…, closed, closes on…, demo, free, credits).
#[component]
pub fn PlanBadges(plan: kiubi_wire::models::SitePlan) -> impl IntoView {
    let locale = use_locale();
    let badges = plan_badges(&plan, clock::today());
    view! {
        <span class="badges">
            {badges
                .into_iter()
                .map(|badge| view! { <span class=badge.tone().class()>{move || badge_label(locale.get(), badge)}</span> })
                .collect_view()}
        </span>
    }
}
