//! The visit report (`stats/report.json`): chart, totals, and when explored, the previous period,
//! the table of days and the CSV export.

use kiubi_wire::calendar::Day;
use kiubi_wire::models::Report;
use kiubi_wire::params::ReportQuery;
use leptos::prelude::*;

use crate::clock;
use crate::components::{async_view, column_heading, page_resource, Chart, ChartPlaceholder, Series, Shape};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};
use crate::places::ReportView;
use crate::visit_report::{days_csv, percent_change, Metric, Period};
use crate::wording::{chart_label, metric_label, metric_value};

/// The report for a site and a view: chart, totals; with `explore`, the controls, the previous
/// period overlay, the table of days and the CSV export.
#[component]
pub fn VisitReport(
    code: String,
    #[prop(into)] view: Signal<ReportView>,
    #[prop(optional)] explore: bool,
) -> impl IntoView {
    let code = StoredValue::new(code);
    let period = Memo::new(move |_| view.get().period(clock::today()));
    let fetch = move |client: crate::api::ApiClient, period: Period| async move {
        let query = ReportQuery { start_date: period.start, end_date: period.end };
        client.report(&code.get_value(), &query).await.map(|r| r.data)
    };
    let report = page_resource(move |client| fetch(client, period.get()));
    // Asked at the same time as the report, only when the comparison is on.
    let previous = page_resource(move |client| {
        let wanted = view.with(|v| v.compare).then(|| period.get().previous());
        async move {
            match wanted {
                Some(previous) => fetch(client, previous).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // While loading: the totals' boxes and the chart's place, the comparison's included.
    let placeholder = move || {
        let compare = view.with_untracked(|v| v.compare);
        view! {
            <div aria-busy="true">
                <div class="totals">
                    {(0..4).map(|_| view! {
                        <div class="total placeholder">
                            <p class="kpi-label">"\u{a0}"</p>
                            <p class="kpi-value">"\u{a0}"</p>
                            {compare.then(|| view! { <p class="change">"\u{a0}"</p> })}
                        </div>
                    }).collect_view()}
                </div>
                <ChartPlaceholder compact=!explore legend=compare />
            </div>
        }
    };
    // With the comparison on, both periods are shown together (the second would move the page).
    let both = move || {
        let report = report.get()?;
        let compare = view.with(|v| v.compare);
        match (report, previous.get()) {
            (Err(error), _) => Some(Err(error)),
            (Ok(report), Some(previous)) => Some(Ok((report, previous.ok().flatten()))),
            (Ok(report), None) if !compare => Some(Ok((report, None))),
            (Ok(_), None) => None,
        }
    };
    async_view(both, Callback::new(move |_| report.refetch()), placeholder, move |(report, previous)| {
        view! { <ReportBody report previous view=view.get() explore code=code.get_value() /> }
    })
}

#[component]
fn ReportBody(
    report: Report,
    previous: Option<Report>,
    view: ReportView,
    explore: bool,
    code: String,
) -> impl IntoView {
    let locale = use_locale();
    let has_sales = report.sales.is_some();
    let metric = if view.metric == Metric::Sales && !has_sales { Metric::Visitors } else { view.metric };
    let values = move |r: &Report| r.days.iter().map(|d| metric.of(d)).collect::<Vec<_>>();
    let shape = if report.days.len() <= 31 { Shape::Bars } else { Shape::Line };
    let table = explore.then(|| view! { <DaysTable report=report.clone() code /> });
    let (report_for_chart, previous_for_chart) = (report.clone(), previous.clone());
    let chart = move || {
        let (report, previous) = (&report_for_chart, &previous_for_chart);
        let locale = locale.get();
        let mut series = vec![Series {
            name: locale.tr(metric_label(metric)).to_owned(),
            values: values(report),
            shape,
            class: "current",
        }];
        if let Some(previous) = previous {
            series.push(Series {
                name: locale.tr(PageKey::PreviousPeriod).to_owned(),
                values: values(previous),
                shape: Shape::Line,
                class: "previous",
            });
        }
        let labels = report.days.iter().map(|d| format::short_day(locale, d.date)).collect();
        let label = chart_label(locale, metric, report.start_date, report.end_date);
        view! {
            <Chart label labels series compact=!explore
                format_value=Callback::new(move |v: f64| metric_value(locale, metric, v)) />
        }
    };
    let totals = {
        let report = report.clone();
        let previous = previous.clone();
        move || {
            Metric::of_report(&report)
                .into_iter()
                .map(|m| (m, m.total(&report)))
                .map(|(m, total)| {
                    let change =
                        total.zip(previous.as_ref().and_then(|p| m.total(p))).and_then(|(t, p)| percent_change(t, p));
                    let locale = locale.get();
                    view! {
                        <div class="total" class:selected=m == metric data-metric=m.as_str()>
                            <p class="kpi-label">{locale.tr(metric_label(m))}</p>
                            <p class="kpi-value">{format::known(total, |t| metric_value(locale, m, t))}</p>
                            {change.map(|c| view! {
                                <p class="change" class:up={c > 0.0} class:down={c < 0.0}>
                                    {format!("{}{} %", if c > 0.0 { "+" } else { "" }, format::number(locale, c, 1))}
                                    " " {locale.tr(PageKey::VsPreviousPeriod)}
                                </p>
                            })}
                        </div>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <div class="totals">{totals}</div>
        {chart}
        {table}
    }
}

/// The same days as a table (screen readers, copying) and as a CSV file.
#[component]
fn DaysTable(report: Report, code: String) -> impl IntoView {
    let locale = use_locale();
    let metrics = Metric::of_report(&report);
    let csv_href = {
        let (report, metrics) = (report.clone(), metrics.clone());
        move || {
            let locale = locale.get();
            let columns: Vec<(Metric, &str)> = metrics.iter().map(|m| (*m, locale.tr(metric_label(*m)))).collect();
            let csv = days_csv(&report.days, &columns, locale.tr(PageKey::ColDate));
            format!("data:text/csv;charset=utf-8,{}", kiubi_wire::encoding::encode_component(&csv, false))
        }
    };
    let iso = |day: Option<Day>| day.map_or_else(String::new, Day::to_iso);
    let file = format!("visits-{code}-{}-{}.csv", iso(report.start_date), iso(report.end_date));
    let days = report.days.clone();
    let metrics_for_rows = metrics.clone();
    view! {
        <div class="report-tools">
            <a class="button" id="csv-export" href=csv_href download=file>{tr(PageKey::ExportCsv)}</a>
        </div>
        <details class="report-table">
            <summary>{tr(PageKey::TableOfDays)}</summary>
            <table class="options days">
                <thead>
                    <tr>
                        {column_heading(locale, PageKey::ColDate)}
                        {metrics.iter().map(|m| column_heading(locale, metric_label(*m))).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {days
                        .into_iter()
                        .map(|day| {
                            let date = day.date;
                            let cells = metrics_for_rows
                                .iter()
                                .map(|m| {
                                    let (m, value) = (*m, m.of(&day));
                                    view! { <td class="money">{move || format::known(value, |v| metric_value(locale.get(), m, v))}</td> }
                                })
                                .collect_view();
                            view! { <tr><th scope="row">{move || format::day(locale.get(), date)}</th>{cells}</tr> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}
