//! Attention the agency tunes (beside its thresholds, `alerts::Thresholds`): alerts put aside for a
//! site, snoozed for some days or until their figure changes. Pure: kept per account in the
//! workspace (`organize`), applied by the home.

use kiubi_wire::calendar::Day;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::alerts::{Alert, Concern, QuotaKind};

/// What an alert is about, whatever its figure: what a snooze is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcernKind {
    Closed,
    Closing,
    TrialEnds,
    LowBalance,
    DiskFull,
    QuotaFull(QuotaKind),
    PendingOrders,
    UnreadForms,
}

impl ConcernKind {
    const ALL: [ConcernKind; 12] = [
        ConcernKind::Closed,
        ConcernKind::Closing,
        ConcernKind::TrialEnds,
        ConcernKind::LowBalance,
        ConcernKind::DiskFull,
        ConcernKind::QuotaFull(QuotaKind::Bandwidth),
        ConcernKind::QuotaFull(QuotaKind::Api),
        ConcernKind::QuotaFull(QuotaKind::Forms),
        ConcernKind::QuotaFull(QuotaKind::Products),
        ConcernKind::QuotaFull(QuotaKind::Users),
        ConcernKind::PendingOrders,
        ConcernKind::UnreadForms,
    ];

    /// Its name, kept with a snooze and on the alert's element.
    pub fn as_str(self) -> &'static str {
        match self {
            ConcernKind::Closed => "closed",
            ConcernKind::Closing => "closing",
            ConcernKind::TrialEnds => "trial",
            ConcernKind::LowBalance => "low-balance",
            ConcernKind::DiskFull => "disk",
            ConcernKind::QuotaFull(QuotaKind::Bandwidth) => "quota-bandwidth",
            ConcernKind::QuotaFull(QuotaKind::Api) => "quota-api",
            ConcernKind::QuotaFull(QuotaKind::Forms) => "quota-forms",
            ConcernKind::QuotaFull(QuotaKind::Products) => "quota-products",
            ConcernKind::QuotaFull(QuotaKind::Users) => "quota-users",
            ConcernKind::PendingOrders => "orders",
            ConcernKind::UnreadForms => "forms",
        }
    }

    fn parse(name: &str) -> Option<ConcernKind> {
        ConcernKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

impl Concern {
    pub fn kind(self) -> ConcernKind {
        match self {
            Concern::Closed => ConcernKind::Closed,
            Concern::Closing { .. } => ConcernKind::Closing,
            Concern::TrialEnds { .. } => ConcernKind::TrialEnds,
            Concern::LowBalance(_) => ConcernKind::LowBalance,
            Concern::DiskFull { .. } => ConcernKind::DiskFull,
            Concern::QuotaFull { quota, .. } => ConcernKind::QuotaFull(quota),
            Concern::PendingOrders(_) => ConcernKind::PendingOrders,
            Concern::UnreadForms(_) => ConcernKind::UnreadForms,
        }
    }

    /// Its figure, as of `today`, for "until it changes": a date for what happens on a day (the
    /// days left change daily, the day does not), else the count or share.
    fn figure(self, today: Day) -> i64 {
        match self {
            Concern::Closed => 0,
            Concern::Closing { days_left } | Concern::TrialEnds { days_left } => {
                today.plus_days(days_left).days_since_epoch()
            }
            Concern::LowBalance(balance) => balance,
            Concern::DiskFull { free_percent } => free_percent,
            Concern::QuotaFull { used_percent, .. } => used_percent,
            Concern::PendingOrders(count) | Concern::UnreadForms(count) => count,
        }
    }
}

/// Until when an alert is put aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Shown again from this day on.
    Day(Day),
    /// Shown again when its figure is no longer this one.
    Changes(i64),
}

/// For how long the user puts an alert aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozeFor {
    OneDay,
    SevenDays,
    UntilItChanges,
}

/// One site's alert of one kind, put aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    pub code_site: String,
    pub kind: ConcernKind,
    pub until: Until,
}

impl Snooze {
    /// `alert` put aside `how` long, from `today`.
    pub fn of(alert: &Alert, how: SnoozeFor, today: Day) -> Snooze {
        let until = match how {
            SnoozeFor::OneDay => Until::Day(today.plus_days(1)),
            SnoozeFor::SevenDays => Until::Day(today.plus_days(7)),
            SnoozeFor::UntilItChanges => Until::Changes(alert.concern.figure(today)),
        };
        Snooze { code_site: alert.code_site.clone(), kind: alert.concern.kind(), until }
    }

    /// Whether it is site `code_site`'s, for alerts of `kind`.
    pub fn is_for(&self, code_site: &str, kind: ConcernKind) -> bool {
        self.code_site == code_site && self.kind == kind
    }

    fn covers(&self, alert: &Alert, today: Day) -> bool {
        self.is_for(&alert.code_site, alert.concern.kind())
            && match self.until {
                Until::Day(day) => today < day,
                Until::Changes(figure) => alert.concern.figure(today) == figure,
            }
    }

    /// Whether it may still hide something: a day's snooze goes once its day has come.
    pub fn is_over(&self, today: Day) -> bool {
        matches!(self.until, Until::Day(day) if today >= day)
    }
}

/// `alerts` in two: those shown, and those snoozed, as of `today`.
pub fn set_aside(alerts: Vec<Alert>, snoozes: &[Snooze], today: Day) -> (Vec<Alert>, Vec<Alert>) {
    alerts.into_iter().partition(|alert| !snoozes.iter().any(|snooze| snooze.covers(alert, today)))
}

/// `snoozes` with `snooze` in place of one for the same site and kind, and without those over.
pub fn snoozed(snoozes: &[Snooze], snooze: Snooze, today: Day) -> Vec<Snooze> {
    let mut kept: Vec<Snooze> =
        snoozes.iter().filter(|s| !s.is_over(today) && !s.is_for(&snooze.code_site, snooze.kind)).cloned().collect();
    kept.push(snooze);
    kept
}

/// `snoozes` without the one of `alert` (woken by the user).
pub fn woken(snoozes: &[Snooze], alert: &Alert) -> Vec<Snooze> {
    snoozes.iter().filter(|s| !s.is_for(&alert.code_site, alert.concern.kind())).cloned().collect()
}

/// A snooze as kept: `{"code_site", "kind", "until": "YYYY-MM-DD"}` or `{…, "while": figure}`.
#[derive(Serialize, Deserialize)]
struct Kept {
    code_site: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    #[serde(default, rename = "while", skip_serializing_if = "Option::is_none")]
    while_figure: Option<i64>,
}

impl Serialize for Snooze {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (until, while_figure) = match self.until {
            Until::Day(day) => (Some(day.to_iso()), None),
            Until::Changes(figure) => (None, Some(figure)),
        };
        Kept { code_site: self.code_site.clone(), kind: self.kind.as_str().to_owned(), until, while_figure }
            .serialize(s)
    }
}

/// The snoozes that can be read; another one (a kind a later version added, a broken day) is
/// dropped, the alert shows again.
pub fn readable_snoozes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Snooze>, D::Error> {
    let kept = Vec::<serde_json::Value>::deserialize(d).unwrap_or_default();
    Ok(kept
        .into_iter()
        .filter_map(|value| serde_json::from_value::<Kept>(value).ok())
        .filter_map(|kept| {
            let kind = ConcernKind::parse(&kept.kind)?;
            let until = match (kept.until.as_deref().map(Day::parse_iso), kept.while_figure) {
                (Some(Some(day)), None) => Until::Day(day),
                (None, Some(figure)) => Until::Changes(figure),
                _ => return None,
            };
            Some(Snooze { code_site: kept.code_site, kind, until })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Day {
        Day::parse_iso(iso).unwrap()
    }

    fn alert(code: &str, concern: Concern) -> Alert {
        Alert { code_site: code.into(), name: code.to_uppercase(), concern }
    }

    #[test]
    fn snoozed_for_days_it_comes_back_on_its_day() {
        let today = day("2026-12-06");
        let trial = alert("a", Concern::TrialEnds { days_left: 5 });
        let snoozes = snoozed(&[], Snooze::of(&trial, SnoozeFor::SevenDays, today), today);
        let (shown, put_aside) = set_aside(vec![trial.clone()], &snoozes, today);
        assert_eq!((shown.len(), put_aside.len()), (0, 1));
        // Six days later the trial has one day left: still snoozed; on the seventh, back.
        let later = alert("a", Concern::TrialEnds { days_left: 0 });
        assert_eq!(set_aside(vec![later.clone()], &snoozes, today.plus_days(6)).1.len(), 1);
        assert_eq!(set_aside(vec![later], &snoozes, today.plus_days(7)).0.len(), 1);
        // Another site's or another kind's alert is not snoozed with it.
        let others = vec![alert("b", Concern::TrialEnds { days_left: 5 }), alert("a", Concern::LowBalance(1))];
        assert_eq!(set_aside(others, &snoozes, today).0.len(), 2);
        assert!(snoozes[0].is_over(today.plus_days(7)) && !snoozes[0].is_over(today.plus_days(6)));
    }

    #[test]
    fn snoozed_until_it_changes_it_comes_back_when_its_figure_does() {
        let today = day("2026-12-06");
        let orders = alert("a", Concern::PendingOrders(4));
        let snoozes = vec![Snooze::of(&orders, SnoozeFor::UntilItChanges, today)];
        assert_eq!(set_aside(vec![orders], &snoozes, today.plus_days(30)).1.len(), 1, "the same four orders");
        assert_eq!(set_aside(vec![alert("a", Concern::PendingOrders(5))], &snoozes, today).0.len(), 1);
        // A trial's day, not its days left: the next day it is the same trial end.
        let trial = alert("b", Concern::TrialEnds { days_left: 5 });
        let snoozes = vec![Snooze::of(&trial, SnoozeFor::UntilItChanges, today)];
        let next_day = alert("b", Concern::TrialEnds { days_left: 4 });
        assert_eq!(set_aside(vec![next_day], &snoozes, today.plus_days(1)).1.len(), 1);
        let extended = alert("b", Concern::TrialEnds { days_left: 6 });
        assert_eq!(set_aside(vec![extended], &snoozes, today.plus_days(1)).0.len(), 1, "the trial was extended");
    }

    #[test]
    fn a_snooze_replaces_the_same_one_drops_those_over_and_is_woken() {
        let today = day("2026-12-06");
        let a = alert("a", Concern::DiskFull { free_percent: 10 });
        let old = Snooze { code_site: "z".into(), kind: ConcernKind::Closed, until: Until::Day(today) };
        let once = snoozed(&[old], Snooze::of(&a, SnoozeFor::OneDay, today), today);
        let twice = snoozed(&once, Snooze::of(&a, SnoozeFor::SevenDays, today), today);
        assert_eq!(
            twice,
            [Snooze { code_site: "a".into(), kind: ConcernKind::DiskFull, until: Until::Day(today.plus_days(7)) }]
        );
        assert!(woken(&twice, &a).is_empty());
    }

    #[test]
    fn snoozes_are_kept_as_json_and_an_unreadable_one_is_dropped() {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "readable_snoozes")]
            snoozes: Vec<Snooze>,
        }
        let today = day("2026-12-06");
        let kept = vec![
            Snooze::of(
                &alert("a", Concern::QuotaFull { quota: QuotaKind::Api, used_percent: 90 }),
                SnoozeFor::OneDay,
                today,
            ),
            Snooze::of(&alert("b", Concern::UnreadForms(3)), SnoozeFor::UntilItChanges, today),
        ];
        let json = serde_json::to_value(&kept).unwrap();
        assert_eq!(json[0], serde_json::json!({"code_site": "a", "kind": "quota-api", "until": "2026-12-07"}));
        assert_eq!(json[1], serde_json::json!({"code_site": "b", "kind": "forms", "while": 3}));
        let mut with_broken = json.as_array().unwrap().clone();
        with_broken.push(serde_json::json!({"code_site": "c", "kind": "mystery", "until": "2026-12-07"}));
        with_broken.push(serde_json::json!({"code_site": "d", "kind": "closed", "until": "soon"}));
        with_broken.push(serde_json::json!("nonsense"));
        let read: Holder = serde_json::from_value(serde_json::json!({ "snoozes": with_broken })).unwrap();
        assert_eq!(read.snoozes, kept);
    }
}
