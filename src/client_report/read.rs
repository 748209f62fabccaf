//! Reads what a site's report is made of: the site, the visit report of the period and of its
//! comparison, the global figures, usage, backups and the activity since the period's first day, all
//! at once and each on its own (`SiteReport`). One reader for a report of one site and for each site
//! of a document.

use futures::future::{join, join3, join4};
use kiubi_wire::calendar::Moment;
use kiubi_wire::enums::UsageExtra;
use kiubi_wire::params::{LogsQuery, ReportQuery, MAX_LIMIT};

use super::contents::SiteReport;
use crate::api::ApiClient;
use crate::many_sites::{every_page, GoOn};
use crate::places::Comparison;
use crate::visit_report::Period;

/// Pages of the activity log read at most (`MAX_LIMIT` events each): past them, the report says its
/// counts are a minimum.
const ACTIVITY_PAGES: u32 = 10;

pub async fn read_site_report(client: &ApiClient, code: &str, period: Period, comparison: Comparison) -> SiteReport {
    let visits = |period: Period| async move {
        let query = ReportQuery { start_date: period.start, end_date: period.end };
        client.report(code, &query).await.map(|reply| reply.data)
    };
    let since = Moment { day: period.start, hour: 0, minute: 0, second: 0 };
    let log_page = |page| {
        let query = LogsQuery { types: Vec::new(), since: Some(since), limit: Some(MAX_LIMIT), page: Some(page) };
        async move { client.logs(code, &query).await }
    };
    let ((site, current, compared, stats), (usage, backups, activity)) = join(
        join4(
            async { client.site(code, &[]).await.map(|reply| reply.data) },
            visits(period),
            visits(comparison.of(period)),
            async { client.stats(code).await.map(|reply| reply.data) },
        ),
        join3(
            async { client.usage(code, UsageExtra::ALL).await.map(|reply| reply.data) },
            async { client.backups(code).await.map(|reply| reply.data.items) },
            every_page(client, ACTIVITY_PAGES, None, log_page, |_| GoOn::Continue(())),
        ),
    )
    .await;
    SiteReport { site, current, comparison: compared, stats, usage, backups, activity }
}
