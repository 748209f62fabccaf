//! A site's figures: KPI cards (`stats.json`), live visitors (`stats/live.json`, every 30 s while the
//! tab is visible), the visit report (`stats/report.json`) as a chart with its totals, table and CSV,
//! and resource usage (`stats/usage.json`). The overview shows them all at a glance; the statistics
//! tab explores the report (periods, metric, comparison), its choices in the URL. One module per
//! widget.

mod kpis;
mod live;
mod overview;
mod page;
mod report;
mod usage;

pub use overview::SiteFigures;
pub use page::StatisticsPage;
