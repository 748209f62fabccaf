//! A site's figures: KPI cards (`stats.json`), live visitors (`stats/live.json`, every 30 s while the
//! tab is visible), the visit report (`stats/report.json`) as a chart with its totals, table and CSV,
//! and resource usage (`stats/usage.json`). The overview shows them all at a glance; the statistics
//! tab explores the report (periods, metric, comparison), its choices in the URL.

use std::time::Duration;

use crate::router::{use_navigate, use_query_map, NavigateOptions};
use kiubi_wire::models::{Quota, Report, Stats, Usage};
use kiubi_wire::params::{Day, ReportQuery, UsageExtra};
use leptos::prelude::*;

use crate::api::{page_resource, ApiError};
use crate::chart::{days_csv, is_tight, percent_change, used_percent, Metric, Period, Preset};
use crate::clock;
use crate::components::{loaded, Chart, ErrorPanel, Series, Shape};
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale};
use crate::i18n::{Key, Locale};
use crate::pages::site::use_current_site;
use crate::places::{self, ReportRange, ReportView, SiteTab};

/// Live visitors are read again this often while the tab is visible.
const LIVE_EVERY: Duration = Duration::from_secs(30);

fn metric_label(metric: Metric) -> Key {
    match metric {
        Metric::Visitors => Key::MetricVisitors,
        Metric::Pageviews => Key::MetricPageviews,
        Metric::ApiHits => Key::MetricApiHits,
        Metric::Sales => Key::MetricSales,
    }
}

fn preset_label(preset: Preset) -> Key {
    match preset {
        Preset::Days7 => Key::Preset7d,
        Preset::Days30 => Key::Preset30d,
        Preset::Months3 => Key::Preset3m,
        Preset::Months12 => Key::Preset12m,
        Preset::ThisMonth => Key::PresetThisMonth,
        Preset::LastMonth => Key::PresetLastMonth,
    }
}

/// A figure of `metric` as the user reads it.
fn metric_value(locale: Locale, metric: Metric, value: f64) -> String {
    match metric {
        Metric::Sales => format::money(locale, value),
        _ => format::number(locale, value, 0),
    }
}

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
                <h2>{tr(Key::Last30Days)}</h2>
                <a href=report_link>{tr(Key::SeeStatistics)}</a>
            </div>
            <VisitReport code=code.clone() view=Signal::stored(ReportView::default()) />
        </section>
        <UsagePanel code />
    }
}

/// One KPI: a label, a figure, and an optional line under it.
#[component]
fn Kpi(
    label: Key,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] detail: Option<Signal<String>>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="kpi">
            <p class="kpi-label">{move || locale.get().tr(label)}</p>
            <p class="kpi-value">{move || value.get()}</p>
            {detail.map(|detail| view! { <p class="kpi-detail">{move || detail.get()}</p> })}
        </div>
    }
}

/// Orders, cart, conversion, stock and forms; a section the site lacks is left out, not shown as zero.
#[component]
fn KpiCards(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let stats = page_resource(move |client| async move { client.stats(&code.get_value()).await.map(|r| r.data) });
    loaded(stats, kpis)
}

fn kpis(stats: Stats) -> impl IntoView {
    let locale = use_locale();
    let number = move |n: i64| Signal::derive(move || format::number(locale.get(), n as f64, 0));
    let money = move |amount: f64| Signal::derive(move || format::money(locale.get(), amount));
    let empty = stats.checkout.is_none() && stats.catalog.is_none() && stats.forms.is_none();
    view! {
        <div class="kpis">
            {stats.checkout.map(|c| {
                let rate = c.monthly_transformation;
                view! {
                    <Kpi label=Key::KpiPendingOrders value=number(c.pending_orders) detail=money(c.pending_orders_amount) />
                    <Kpi label=Key::KpiAverageCart value=money(c.average_cart) />
                    <Kpi label=Key::KpiConversion value=Signal::derive(move || format!("{}\u{a0}%", format::number(locale.get(), rate, if rate.fract() == 0.0 { 0 } else { 2 }))) />
                }
            })}
            {stats.catalog.map(|c| view! {
                <Kpi label=Key::KpiOutOfStock value=number(c.stock_shortage_count) />
                <Kpi label=Key::KpiToRestock value=number(c.refillable_count) />
            })}
            {stats.forms.map(|f| view! { <Kpi label=Key::KpiUnreadForms value=number(f.unread_responses) /> })}
            {empty.then(|| view! { <p class="muted">{tr(Key::NoShopNoForms)}</p> })}
        </div>
    }
}

fn page_is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Visitors on the site now, read every 30 s while the tab is visible and again on return to it.
#[component]
fn LiveVisitors(code: String) -> impl IntoView {
    let locale = use_locale();
    let code = StoredValue::new(code);
    let reads = RwSignal::new(0u32);
    let live = page_resource(move |client| {
        reads.track();
        async move { client.live(&code.get_value()).await.map(|r| r.data.visitors) }
    });
    // The last reading stays on screen while the next one loads or if it fails.
    let reading = RwSignal::new(None::<(i64, Option<i64>, String)>);
    Effect::new(move |_| {
        if let Some(Ok(visitors)) = live.get() {
            let now = clock::now();
            let time = format!("{:02}:{:02}:{:02}", now.hour, now.minute, now.second);
            reading.update(|r| *r = Some((visitors, r.as_ref().map(|(v, ..)| *v), time)));
        }
    });
    let timer = set_interval_with_handle(
        move || {
            if page_is_visible() {
                reads.update(|n| *n += 1);
            }
        },
        LIVE_EVERY,
    )
    .ok();
    let on_return = window_event_listener_untyped("visibilitychange", move |_| {
        if page_is_visible() {
            reads.update(|n| *n += 1);
        }
    });
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
        on_return.remove();
    });
    let failure = move || match live.get() {
        Some(Err(error)) if !matches!(error, ApiError::Aborted) => Some(error.user_message(locale.get())),
        _ => None,
    };
    view! {
        <section class="kpi live" aria-live="polite">
            <p class="kpi-label"><span class="pulse" aria-hidden="true"></span>{tr(Key::LiveVisitors)}</p>
            {move || match reading.get() {
                None => view! { <p class="kpi-value">"…"</p> }.into_any(),
                Some((visitors, before, time)) => {
                    let change = before.map(|b| visitors - b).filter(|d| *d != 0);
                    view! {
                        <p class="kpi-value" id="live-visitors">{move || format::number(locale.get(), visitors as f64, 0)}</p>
                        {change.map(|d| view! {
                            <span class="change" class:up={d > 0} class:down={d < 0}>{if d > 0 { format!("▲ +{d}") } else { format!("▼ {d}") }}</span>
                        })}
                        <p class="kpi-detail">{move || locale.get().tr_with(Key::UpdatedAt, &[("time", &time)])}</p>
                    }
                    .into_any()
                }
            }}
            {move || failure().map(|message| view! { <p class="field-error">{message}</p> })}
        </section>
    }
}

/// Disk space as a stacked bar, then each quota the plan has (total above 0) as used of total.
#[component]
fn UsagePanel(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let usage =
        page_resource(
            move |client| async move { client.usage(&code.get_value(), UsageExtra::ALL).await.map(|r| r.data) },
        );
    view! {
        <section class="card usage">
            <h2>{tr(Key::UsageTitle)}</h2>
            {loaded(usage, usage_view)}
        </section>
    }
}

fn usage_view(usage: Usage) -> impl IntoView {
    let locale = use_locale();
    let space = usage.space;
    let total = space.total.max(1) as f64;
    let tight = is_tight(space.used, space.total);
    let parts = [
        (Key::SpaceMedias, space.medias, "medias"),
        (Key::SpaceDatas, space.datas, "datas"),
        (Key::SpaceFtp, space.ftp, "ftp"),
        (Key::SpaceFree, space.free, "free"),
    ];
    let quotas = [
        (Key::QuotaBandwidth, usage.bandwidth, true),
        (Key::QuotaApi, usage.api_pfo, false),
        (Key::QuotaForms, usage.forms, false),
        (Key::QuotaProducts, usage.products, false),
        (Key::QuotaUsers, usage.users, false),
    ];
    view! {
        <div class="space" class:tight=tight>
            <p class="quota-head">
                <span>{tr(Key::SpaceTitle)}</span>
                <span>{move || {
                    let locale = locale.get();
                    locale.tr_with(Key::UsedOfTotal, &[("used", &format::bytes(locale, space.used)), ("total", &format::bytes(locale, space.total))])
                }}</span>
            </p>
            <div class="stack" role="img" aria-label=move || {
                let locale = locale.get();
                parts.iter().map(|(key, bytes, _)| format!("{} {}", locale.tr(*key), format::bytes(locale, *bytes))).collect::<Vec<_>>().join(", ")
            }>
                {parts.iter().map(|(_, bytes, class)| {
                    view! { <span class=format!("part {class}") style:width=format!("{:.2}%", *bytes as f64 / total * 100.0)></span> }
                }).collect_view()}
            </div>
            <ul class="legend">
                {parts.into_iter().map(|(key, bytes, class)| view! {
                    <li class=class><span class="swatch"></span>{move || locale.get().tr(key)} " " {move || format::bytes(locale.get(), bytes)}</li>
                }).collect_view()}
            </ul>
        </div>
        {quotas
            .into_iter()
            .filter_map(|(key, quota, in_bytes)| quota.filter(|q| q.total > 0).map(|q| (key, q, in_bytes)))
            .map(|(key, quota, in_bytes)| view! { <QuotaBar label=key quota in_bytes /> })
            .collect_view()}
    }
}

#[component]
fn QuotaBar(label: Key, quota: Quota, in_bytes: bool) -> impl IntoView {
    let locale = use_locale();
    let tight = is_tight(quota.used, quota.total);
    let percent = used_percent(&quota);
    let amount =
        move |n: i64| if in_bytes { format::bytes(locale.get(), n) } else { format::number(locale.get(), n as f64, 0) };
    view! {
        <div class="quota" class:tight=tight data-quota=move || locale.get().tr(label)>
            <p class="quota-head">
                <span>{move || locale.get().tr(label)}</span>
                <span>{move || locale.get().tr_with(Key::UsedOfTotal, &[("used", &amount(quota.used)), ("total", &amount(quota.total))])}</span>
            </p>
            <meter min="0" max="100" low="85" high="85" optimum="0" value=format!("{percent:.1}")
                aria-label=move || locale.get().tr(label)></meter>
        </div>
    }
}

/// The report for a site and a view: chart, totals; with `explore`, the controls, the previous
/// period overlay, the table of days and the CSV export.
#[component]
pub fn VisitReport(
    code: String,
    #[prop(into)] view: Signal<ReportView>,
    #[prop(optional)] explore: bool,
) -> impl IntoView {
    let locale = use_locale();
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
    move || match report.get() {
        None => {
            view! { <div class="chart-placeholder" aria-busy="true">{locale.get().tr(Key::Loading)}</div> }.into_any()
        }
        Some(Err(error)) => view! {
            <ErrorPanel message=error.user_message(locale.get()) on_retry=move |_| report.refetch() />
        }
        .into_any(),
        Some(Ok(report)) => {
            let previous = previous.get().and_then(Result::ok).flatten();
            view! { <ReportBody report previous view=view.get() explore code=code.get_value() /> }.into_any()
        }
    }
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
                name: locale.tr(Key::PreviousPeriod).to_owned(),
                values: values(previous),
                shape: Shape::Line,
                class: "previous",
            });
        }
        let labels = report.days.iter().map(|d| format::short_day(locale, &d.date)).collect();
        let label = locale.tr_with(
            Key::ChartLabel,
            &[
                ("metric", locale.tr(metric_label(metric))),
                ("from", &format::date(locale, &report.start_date)),
                ("to", &format::date(locale, &report.end_date)),
            ],
        );
        view! {
            <Chart label labels series compact=!explore
                format_value=Callback::new(move |v: f64| metric_value(locale, metric, v)) />
        }
    };
    let totals = {
        let report = report.clone();
        let previous = previous.clone();
        move || {
            let total_of = |r: &Report, m: Metric| match m {
                Metric::Visitors => Some(r.visitors as f64),
                Metric::Pageviews => Some(r.pageviews as f64),
                Metric::ApiHits => Some(r.api_hits as f64),
                Metric::Sales => r.sales,
            };
            Metric::ALL
                .into_iter()
                .filter_map(|m| total_of(&report, m).map(|t| (m, t)))
                .map(|(m, total)| {
                    let change = previous.as_ref().and_then(|p| total_of(p, m)).and_then(|p| percent_change(total, p));
                    let locale = locale.get();
                    view! {
                        <div class="total" class:selected=m == metric data-metric=m.as_str()>
                            <p class="kpi-label">{locale.tr(metric_label(m))}</p>
                            <p class="kpi-value">{metric_value(locale, m, total)}</p>
                            {change.map(|c| view! {
                                <p class="change" class:up={c > 0.0} class:down={c < 0.0}>
                                    {format!("{}{} %", if c > 0.0 { "+" } else { "" }, format::number(locale, c, 1))}
                                    " " {locale.tr(Key::VsPreviousPeriod)}
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
    let metrics: Vec<Metric> =
        Metric::ALL.into_iter().filter(|m| *m != Metric::Sales || report.sales.is_some()).collect();
    let csv_href = {
        let (report, metrics) = (report.clone(), metrics.clone());
        move || {
            let locale = locale.get();
            let columns: Vec<(Metric, &str)> = metrics.iter().map(|m| (*m, locale.tr(metric_label(*m)))).collect();
            let csv = days_csv(&report.days, &columns, locale.tr(Key::ColDate));
            format!("data:text/csv;charset=utf-8,{}", kiubi_wire::params::encode_component(&csv, false))
        }
    };
    let file = format!("visits-{code}-{}-{}.csv", report.start_date, report.end_date);
    let heading = move |key: Key| view! { <th scope="col">{move || locale.get().tr(key)}</th> };
    let days = report.days.clone();
    let metrics_for_rows = metrics.clone();
    view! {
        <div class="report-tools">
            <a class="button" id="csv-export" href=csv_href download=file>{tr(Key::ExportCsv)}</a>
        </div>
        <details class="report-table">
            <summary>{tr(Key::TableOfDays)}</summary>
            <table class="options days">
                <thead>
                    <tr>
                        {heading(Key::ColDate)}
                        {metrics.iter().map(|m| heading(metric_label(*m))).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {days
                        .into_iter()
                        .map(|day| {
                            let date = day.date.clone();
                            let cells = metrics_for_rows
                                .iter()
                                .map(|m| {
                                    let (m, value) = (*m, m.of(&day));
                                    view! { <td class="money">{move || value.map(|v| metric_value(locale.get(), m, v)).unwrap_or_default()}</td> }
                                })
                                .collect_view();
                            view! { <tr><th scope="row">{move || format::date(locale.get(), &date)}</th>{cells}</tr> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// The statistics tab: the report with its period, metric and comparison, all in the URL.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::TabStatistics);
    let current = use_current_site();
    let query = use_query_map();
    let view_state = Memo::new(move |_| query.with(|q| ReportView::from_query(|name| q.get(name))));
    let navigate = use_navigate();
    let show = move |view: ReportView| {
        let base = places::site(&current.code.get_untracked(), SiteTab::Statistics);
        navigate(&places::with_query(&base, &view.to_query()), NavigateOptions { scroll: false, ..Default::default() });
    };
    let has_sales = Memo::new(move |_| {
        current
            .site
            .get()
            .and_then(Result::ok)
            .and_then(|s| s.features)
            .is_some_and(|f| f.0.iter().any(|x| x == "checkout"))
    });
    let custom_from = RwSignal::new(String::new());
    let custom_to = RwSignal::new(String::new());
    Effect::new(move |_| {
        let period = view_state.get().period(clock::today());
        custom_from.set(period.start.to_iso());
        custom_to.set(period.end.to_iso());
    });
    let preset_button = {
        let show = show.clone();
        move |preset: Preset| {
            let show = show.clone();
            view! {
                <button type="button" class="tab" aria-pressed=move || (view_state.get().range == ReportRange::Preset(preset)).to_string()
                    on:click=move |_| show(ReportView { range: ReportRange::Preset(preset), ..view_state.get_untracked() })>
                    {move || locale.get().tr(preset_label(preset))}
                </button>
            }
        }
    };
    let apply_custom = {
        let show = show.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let (Some(from), Some(to)) =
                (Day::parse_iso(&custom_from.get_untracked()), Day::parse_iso(&custom_to.get_untracked()))
            {
                show(ReportView {
                    range: ReportRange::Custom(Period::between(from, to)),
                    ..view_state.get_untracked()
                });
            }
        }
    };
    let on_metric = {
        let show = show.clone();
        move |ev| {
            if let Some(metric) = Metric::parse(&event_target_value(&ev)) {
                show(ReportView { metric, ..view_state.get_untracked() });
            }
        }
    };
    let on_compare = move |ev| show(ReportView { compare: event_target_checked(&ev), ..view_state.get_untracked() });
    let code = move || current.code.get();
    view! {
        <div class="report-controls">
            <div class="tabs presets" role="group" aria-label=tr(Key::Period)>
                {Preset::ALL.into_iter().map(preset_button).collect_view()}
            </div>
            <form class="custom-range" on:submit=apply_custom>
                <label>{tr(Key::From)}
                    <input type="date" id="report-from" prop:value=move || custom_from.get() on:input=move |ev| custom_from.set(event_target_value(&ev)) />
                </label>
                <label>{tr(Key::To)}
                    <input type="date" id="report-to" prop:value=move || custom_to.get() on:input=move |ev| custom_to.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="ghost">{tr(Key::Apply)}</button>
            </form>
            <label>{tr(Key::Metric)}
                <select id="report-metric" on:change=on_metric prop:value=move || view_state.get().metric.as_str()>
                    {Metric::ALL.into_iter().filter(|m| *m != Metric::Sales || has_sales.get_untracked()).map(|m| view! {
                        <option value=m.as_str()>{move || locale.get().tr(metric_label(m))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" id="report-compare" prop:checked=move || view_state.get().compare on:change=on_compare />
                {tr(Key::ComparePrevious)}
            </label>
        </div>
        {move || view! { <VisitReport code=code() view=view_state explore=true /> }}
    }
}
