//! One reader of a site's figures, for the portfolio's cards and the export: statistics, live
//! visitors, the last 30 days' visitors and resource usage, each read on its own, so one failed read
//! leaves only its own figures unknown.

use futures::future::join4;
use kiubi_wire::enums::UsageExtra;
use kiubi_wire::models::{Stats, Usage};
use kiubi_wire::params::ReportQuery;

use crate::api::{ApiClient, ApiError};
use crate::clock;
use crate::visit_report::{Period, Preset};

/// Which reads: each is a request, so a feature asks only for what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    pub live: bool,
    /// The usage's optional quotas (`extra_fields`).
    pub usage_extras: &'static [UsageExtra],
}

impl Wanted {
    /// A card: live visitors, and every quota for the alerts.
    pub const CARD: Wanted = Wanted { live: true, usage_extras: UsageExtra::ALL };
    /// An export's row: no live visitors, the disk only.
    pub const EXPORT: Wanted = Wanted { live: false, usage_extras: &[] };
}

/// A site's figures: `None` where the read failed (or was not wanted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub live: Option<i64>,
    pub stats: Option<Stats>,
    pub usage: Option<Usage>,
    /// Visitors per day over the last 30 days; a day's `None`: the API did not know.
    pub visitors: Option<Vec<Option<i64>>>,
    /// The first failure among the reads.
    pub failure: Option<ApiError>,
}

impl Figures {
    /// Visitors over the last 30 days; unknown when any day is.
    pub fn visitors_total(&self) -> Option<i64> {
        self.visitors.as_ref().and_then(|days| days.iter().copied().sum())
    }
}

/// The `wanted` figures of site `code`, their reads sent together.
pub async fn read_figures(client: &ApiClient, code: &str, wanted: Wanted) -> Figures {
    let period = Period::preset(Preset::Days30, clock::today());
    let last_30_days = ReportQuery { start_date: period.start, end_date: period.end };
    let live = async {
        match wanted.live {
            true => Some(client.live(code).await),
            false => None,
        }
    };
    let (stats, live, report, usage) =
        join4(client.stats(code), live, client.report(code, &last_30_days), client.usage(code, wanted.usage_extras))
            .await;
    let mut failure = None;
    let stats = kept(stats.map(|reply| reply.data), &mut failure);
    let live = live.and_then(|live| kept(live.map(|reply| reply.data.visitors), &mut failure)).flatten();
    let visitors = kept(report.map(|reply| reply.data.days.iter().map(|day| day.visitors).collect()), &mut failure);
    let usage = kept(usage.map(|reply| reply.data), &mut failure);
    Figures { live, stats, usage, visitors, failure }
}

/// A read's value, or `None` with its error noted in `failure` (the first one kept).
fn kept<T>(result: Result<T, ApiError>, failure: &mut Option<ApiError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            failure.get_or_insert(error);
            None
        }
    }
}
