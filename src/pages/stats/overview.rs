//! A site's figures at a glance, on its overview.

use super::kpis::KpiCards;
use super::live::LiveVisitors;
use super::report::VisitReport;
use super::usage::UsagePanel;
use leptos::prelude::*;

use crate::i18n::{tr, PageKey};
use crate::places::{self, ReportView, SiteTab};

/// The figures of a site on its overview: KPIs, live visitors, the last 30 days, usage. Their
/// requests start together.
#[component]
pub fn SiteFigures(code: String) -> impl IntoView {
    let report_link = places::site(&code, SiteTab::Statistics);
    view! {
        <div class="figures">
            <KpiCards code=code.clone() />
            <LiveVisitors code=code.clone() />
        </div>
        <section class="card report-card">
            <div class="card-head">
                <h2>{tr(PageKey::Last30Days)}</h2>
                <a href=report_link>{tr(PageKey::SeeStatistics)}</a>
                <a href=places::report_of(&code) id="client-report">{tr(PageKey::ClientReport)}</a>
            </div>
            <VisitReport code=code.clone() view=Signal::stored(ReportView::default()) />
        </section>
        <UsagePanel code />
    }
}
