//! A site's client report as a printable document: two A4 sheets (the headline figures and the
//! charts; then shop, forms, usage, backups, activity, plan and the agency's comment), in the
//! report's own language, whatever the panel's. A part whose read failed reads "—"; the page above
//! says which parts and offers to read them again.

use kiubi_wire::lenient::Known;
use kiubi_wire::models::{Quota, Report};
use leptos::prelude::*;

use super::branding::Branding;
use super::contents::{
    activity_in, aligned, backups_in, change_text, footer_rules, footer_text, headlines, page_name, period_text,
    SiteReport, LISTED_BACKUPS,
};
use crate::components::{Chart, Series, Shape};
use crate::drafts::use_draft;
use crate::format;
use crate::i18n::{Locale, PageKey};
use crate::organize::{follow_shared, report_comment_key, use_organizer};
use crate::places::Comparison;
use crate::usage::percent_of;
use crate::visit_report::{Metric, Period};
use crate::wording::{activity_label, chart_label, metric_label, metric_value};

/// What a report is of: its period, what it is compared with, its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFrame {
    pub period: Period,
    pub comparison: Comparison,
    pub locale: Locale,
}

impl ReportFrame {
    /// The footer of its printed pages: the site and the period.
    pub fn footer(&self, site_name: &str) -> String {
        footer_text(site_name, &period_text(self.locale, self.period))
    }
}

/// The name a report shows for its site: its name, else its code.
pub fn site_name(report: &SiteReport, code: &str) -> String {
    report
        .site
        .as_ref()
        .ok()
        .map(|site| site.name.clone())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| code.to_owned())
}

/// A part of the report (`data-part` names it): its heading, then `body`.
fn part(name: &'static str, heading: &'static str, body: impl IntoView) -> impl IntoView {
    view! { <div class="report-part" data-part=name><h3>{heading}</h3>{body}</div> }
}

/// Figures as a list of terms and values.
fn figures(rows: Vec<(PageKey, String)>, locale: Locale) -> impl IntoView {
    view! {
        <dl class="report-list">
            {rows.into_iter().map(|(key, value)| view! {
                <div><dt>{locale.tr(key)}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// Report number `index` of its document, for site `code`.
#[component]
pub fn ReportDocument(
    code: String,
    report: SiteReport,
    frame: ReportFrame,
    branding: Branding,
    index: usize,
) -> impl IntoView {
    let locale = frame.locale;
    let name = site_name(&report, &code);
    let code = StoredValue::new(code);
    let site = report.site.as_ref().ok();
    let domain = site.map(|site| site.domain.clone()).unwrap_or_default();
    let current = report.current.as_ref().ok();
    let compared = report.comparison.as_ref().ok();
    let compared_period = frame.comparison.of(frame.period);
    let compared_label = locale.tr(match frame.comparison {
        Comparison::Previous => PageKey::PreviousPeriod,
        Comparison::YearBefore => PageKey::ReportYearBefore,
    });
    let headline = headlines(current, compared)
        .into_iter()
        .map(|line| {
            let class = match line.change {
                Some(c) if (c * 10.0).round() > 0.0 => "change up",
                Some(c) if (c * 10.0).round() < 0.0 => "change down",
                _ => "change",
            };
            view! {
                <div class="report-figure" data-metric=line.metric.as_str()>
                    <dt>{locale.tr(metric_label(line.metric))}</dt>
                    <dd class="figure">{format::known(line.total, |t| metric_value(locale, line.metric, t))}</dd>
                    <dd class=class>{change_text(locale, line.change)}</dd>
                </div>
            }
        })
        .collect_view();
    let charts = current.map(|current| {
        [Metric::Visitors, Metric::Pageviews]
            .into_iter()
            .map(|metric| daily_chart(metric, current, compared, frame, compared_label))
            .collect_view()
    });
    view! {
        <article class="client-report" lang=locale.code() data-site=code.get_value() style:page=page_name(index)
            style:--report-accent=branding.accent.clone()>
            <section class="report-sheet">
                <header class="report-head">
                    <div class="agency">
                        {branding.logo.clone().map(|logo| view! { <img class="agency-logo" src=logo alt=branding.name.clone() /> })}
                        <p class="agency-name">{branding.name.clone()}</p>
                    </div>
                    <div class="client">
                        <p class="report-kind">{locale.tr(PageKey::ReportKind)}</p>
                        <h2 class="report-site">{name.clone()}</h2>
                        <p class="report-domain">{domain}</p>
                        <p class="report-period">{period_text(locale, frame.period)}</p>
                        <p class="report-compared">
                            {locale.tr_with(PageKey::ReportComparedWith, &[("what", compared_label), ("period", &period_text(locale, compared_period))])}
                        </p>
                    </div>
                </header>
                <h3>{locale.tr(PageKey::KeyFigures)}</h3>
                <dl class="report-figures">{headline}</dl>
                {charts}
            </section>
            <section class="report-sheet">
                <ShopAndForms report=report.clone() locale />
                <ReportUsage report=report.clone() locale />
                <ReportBackups report=report.clone() period=frame.period locale />
                <ReportActivity report=report.clone() period=frame.period locale />
                <ReportPlan report=report.clone() locale />
                <AgencyComment code=code.get_value() frame />
            </section>
        </article>
    }
}

/// Gives the printed pages of the document's reports their footers (`footers[i]`: report `i`'s),
/// through a stylesheet of the document's own (CSSOM, which a strict Content-Security-Policy allows),
/// gone with the page.
pub fn use_page_footers(footers: Signal<Vec<String>>) {
    let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
    let document = document();
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    let kept = StoredValue::new_local(sheet);
    Effect::new(move |_| {
        let rules = footers.with(|f| footer_rules(f));
        kept.with_value(|sheet| sheet.replace_sync(&rules).ok());
    });
    on_cleanup(move || {
        let Some(sheet) = kept.try_get_value() else { return };
        let document = leptos::prelude::document();
        let others = js_sys::Array::new();
        for other in document
            .adopted_style_sheets()
            .iter()
            .filter(|other| other != AsRef::<wasm_bindgen::JsValue>::as_ref(&sheet))
        {
            others.push(&other);
        }
        document.set_adopted_style_sheets(&others);
    });
}

/// A metric's days in the period, and the comparison's beside them.
fn daily_chart(
    metric: Metric,
    current: &Report,
    compared: Option<&Report>,
    frame: ReportFrame,
    compared_label: &str,
) -> impl IntoView {
    let locale = frame.locale;
    let series = vec![
        Series {
            name: period_text(locale, frame.period),
            values: current.days.iter().map(|day| metric.of(day)).collect(),
            shape: Shape::Bars,
            class: "current",
        },
        Series {
            name: compared_label.to_owned(),
            values: aligned(metric, current, compared),
            shape: Shape::Line,
            class: "previous",
        },
    ];
    let labels = current.days.iter().map(|day| format::short_day(locale, day.date)).collect();
    let label = chart_label(locale, metric, Some(frame.period.start), Some(frame.period.end));
    let heading = locale.tr(match metric {
        Metric::Pageviews => PageKey::ReportPageviewsPerDay,
        _ => PageKey::ReportVisitorsPerDay,
    });
    view! {
        <div class="report-chart" data-metric=metric.as_str()>
            <h3>{heading}</h3>
            <Chart label labels series compact=true format_value=Callback::new(move |v: f64| metric_value(locale, metric, v)) />
        </div>
    }
}

#[component]
fn ShopAndForms(report: SiteReport, locale: Locale) -> impl IntoView {
    let stats = report.stats.as_ref().ok();
    let checkout = stats.and_then(|s| s.checkout.as_ref());
    let money = |v: Option<f64>| format::known(v, |v| format::money(locale, v));
    let count = |v: Option<i64>| format::known(v, |v| locale.integer(v));
    let shop = (report.has_shop() || checkout.is_some()).then(|| {
        let sales = report.current.as_ref().ok().and_then(|r| r.sales);
        let rows = vec![
            (PageKey::MetricSales, money(sales)),
            (PageKey::KpiPendingOrders, count(checkout.and_then(|c| c.pending_orders))),
            (PageKey::ReportPendingAmount, money(checkout.and_then(|c| c.pending_orders_amount))),
            (PageKey::KpiAverageCart, money(checkout.and_then(|c| c.average_cart))),
            (
                PageKey::KpiConversion,
                format::known(checkout.and_then(|c| c.monthly_transformation), |v| format::percent(locale, v)),
            ),
        ];
        part("shop", locale.tr(PageKey::ReportShop), figures(rows, locale))
    });
    let forms_quota = report.usage.as_ref().ok().and_then(|u| u.forms);
    let forms = vec![
        (PageKey::KpiUnreadForms, count(stats.and_then(|s| s.forms.as_ref()).and_then(|f| f.unread_responses))),
        (PageKey::ReportFormsQuota, used_of_total(locale, forms_quota, false)),
    ];
    view! {
        {shop}
        {part("forms", locale.tr(PageKey::ReportForms), figures(forms, locale))}
    }
}

fn used_of_total(locale: Locale, quota: Option<Quota>, in_bytes: bool) -> String {
    let amount =
        |n: Option<i64>| format::known(n, |n| if in_bytes { format::bytes(locale, n) } else { locale.integer(n) });
    let (used, total) = quota.map_or((None, None), |q| (q.used, q.total));
    locale.tr_with(PageKey::UsedOfTotal, &[("used", &amount(used)), ("total", &amount(total))])
}

#[component]
fn ReportUsage(report: SiteReport, locale: Locale) -> impl IntoView {
    let usage = report.usage.as_ref().ok();
    let disk = usage.map(|u| Quota { used: u.space.used, free: u.space.free, total: u.space.total });
    let rows = [(PageKey::SpaceTitle, disk), (PageKey::QuotaBandwidth, usage.and_then(|u| u.bandwidth))];
    let list = view! {
            <dl class="report-list">
                {rows.into_iter().map(|(key, quota)| {
                    let share = quota.and_then(|q| percent_of(q.used, q.total));
                    view! {
                        <div>
                            <dt>{locale.tr(key)}</dt>
                            <dd>
                                {used_of_total(locale, quota, true)}
                                {share.map(|s| format!(" ({})", format::percent(locale, (s * 10.0).round() / 10.0)))}
                                // An unknown share has no bar (one would read as 0 or full).
                                {match share {
                                    Some(share) => view! { <span class="report-meter" aria-hidden="true"><span style:width=format!("{share:.1}%")></span></span> }.into_any(),
                                    None => view! { <span class="report-meter unknown" aria-hidden="true"></span> }.into_any(),
                                }}
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
    };
    part("usage", locale.tr(PageKey::UsageTitle), list)
}

#[component]
fn ReportBackups(report: SiteReport, period: Period, locale: Locale) -> impl IntoView {
    let body = match &report.backups {
        Err(_) => view! { <p>{format::UNKNOWN}</p> }.into_any(),
        Ok(backups) => {
            let made = backups_in(backups, period);
            let more = made.len().saturating_sub(LISTED_BACKUPS);
            if made.is_empty() {
                view! { <p>{locale.tr(PageKey::ReportNoBackup)}</p> }.into_any()
            } else {
                view! {
                    <p>{locale.tr_count(PageKey::ReportBackupCount, made.len() as i64, &[])}</p>
                    <ul class="report-backups">
                        {made.iter().take(LISTED_BACKUPS).map(|b| view! { <li>{format::date(locale, b.creation_date)}</li> }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! {
                        <p>{locale.tr_count(PageKey::ReportMoreBackups, more as i64, &[])}</p>
                    })}
                }
                .into_any()
            }
        }
    };
    part("backups", locale.tr(PageKey::ReportBackups), body)
}

#[component]
fn ReportActivity(report: SiteReport, period: Period, locale: Locale) -> impl IntoView {
    let body = match &report.activity {
        Err(_) => view! { <p>{format::UNKNOWN}</p> }.into_any(),
        Ok(listing) => {
            let summary = activity_in(listing, period);
            let n = summary.total as i64;
            let events = if summary.complete {
                locale.tr_count(PageKey::ReportEvents, n, &[])
            } else {
                locale.tr_count(PageKey::ReportAtLeastEvents, n, &[])
            };
            let counts = summary
                .counts
                .iter()
                .map(|(kind, count)| {
                    let label = match kind {
                        Known::Value(kind) => locale.tr(activity_label(*kind)).to_owned(),
                        Known::Unknown(name) => name.clone(),
                    };
                    (label, locale.integer(*count as i64))
                })
                .collect::<Vec<_>>();
            view! {
                <p>{events}</p>
                {(!counts.is_empty()).then(|| view! {
                    <dl class="report-list counts">
                        {counts.into_iter().map(|(label, count)| view! { <div><dt>{label}</dt><dd>{count}</dd></div> }).collect_view()}
                    </dl>
                })}
                {(!summary.latest.is_empty()).then(|| view! {
                    <h4>{locale.tr(PageKey::ReportLatestEvents)}</h4>
                    <table class="report-events">
                        <tbody>
                            {summary.latest.iter().map(|event| view! {
                                <tr>
                                    <th scope="row">{format::date(locale, event.creation_date)}</th>
                                    <td>{event.text.clone()}</td>
                                    <td>{event.user_name.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
            }
            .into_any()
        }
    };
    part("activity", locale.tr(PageKey::ReportActivity), body)
}

#[component]
fn ReportPlan(report: SiteReport, locale: Locale) -> impl IntoView {
    let plan = report.site.as_ref().ok().map(|site| site.plan.clone());
    let day = |d| format::day(locale, d);
    let mut rows = vec![(
        PageKey::PlanTitle,
        plan.as_ref().map(|p| p.plan_name.clone()).unwrap_or_else(|| format::UNKNOWN.to_owned()),
    )];
    if let Some(plan) = &plan {
        if plan.is_trial || plan.endtrial_date.is_some() {
            rows.push((PageKey::TrialEnds, day(plan.endtrial_date)));
        }
        if plan.closing_date.is_some() {
            rows.push((PageKey::ClosingDate, day(plan.closing_date)));
        }
        rows.push((PageKey::CreditsBalance, format::known(plan.balance, |b| locale.integer(b))));
    }
    part("plan", locale.tr(PageKey::PlanTitle), figures(rows, locale))
}

/// The agency's comment per site and period: kept with the organizing (shared with the team) when
/// the field is left, a draft while typed; printed as text, left out when empty. A colleague's
/// comment shows in the field unless something is being typed there.
#[component]
fn AgencyComment(code: String, frame: ReportFrame) -> impl IntoView {
    let locale = frame.locale;
    let organizer = use_organizer();
    let key = report_comment_key(&code, &frame.period.start.to_iso(), &frame.period.end.to_iso());
    let shared = {
        let key = key.clone();
        move || organizer.workspace().with(|ws| ws.report_comments.get(&key).cloned().unwrap_or_default())
    };
    let initial = shared.clone();
    let comment = use_draft(&format!("report-comment.{key}"), initial).state;
    follow_shared(shared.clone(), comment, |_| {});
    // Refused by the browser, the comment stays in its field (a draft) and the sidebar says so.
    let keep = move |_| {
        let _ = organizer.change(|ws| ws.set_report_comment(&key, &comment.get_untracked()));
    };
    let id = format!("comment-{code}");
    view! {
        <div class="report-part report-comment" class:empty=move || comment.with(|c| c.trim().is_empty())>
            <h3><label for=id.clone()>{locale.tr(PageKey::ReportComment)}</label></h3>
            <textarea id=id class="no-print" rows="4" prop:value=move || comment.get()
                on:input=move |ev| comment.set(event_target_value(&ev)) on:change=keep></textarea>
            <p class="print-only comment-text">{move || comment.get()}</p>
        </div>
    }
}
