//! The statistics tab.

use super::report::VisitReport;
use crate::wording::{metric_label, preset_label};
use kiubi_wire::calendar::Day;
use leptos::prelude::*;

use crate::clock;
use crate::components::use_current_site;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, PageKey};
use crate::places::{self, ReportRange, ReportView, SiteTab};
use crate::router::{use_navigate, use_query_map, NavigateOptions};
use crate::visit_report::{Metric, Period, Preset};

/// The statistics tab: the report with its period, metric and comparison, all in the URL.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let locale = use_locale();
    use_title(PageKey::TabStatistics);
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
            <div class="tabs presets" role="group" aria-label=tr(PageKey::Period)>
                {Preset::ALL.into_iter().map(preset_button).collect_view()}
            </div>
            <form class="custom-range" on:submit=apply_custom>
                <label>{tr(PageKey::From)}
                    <input type="date" id="report-from" prop:value=move || custom_from.get() on:input=move |ev| custom_from.set(event_target_value(&ev)) />
                </label>
                <label>{tr(PageKey::To)}
                    <input type="date" id="report-to" prop:value=move || custom_to.get() on:input=move |ev| custom_to.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="ghost">{tr(PageKey::Apply)}</button>
            </form>
            <label>{tr(PageKey::Metric)}
                <select id="report-metric" on:change=on_metric prop:value=move || view_state.get().metric.as_str()>
                    {Metric::ALL.into_iter().filter(|m| *m != Metric::Sales || has_sales.get_untracked()).map(|m| view! {
                        <option value=m.as_str()>{move || locale.get().tr(metric_label(m))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" id="report-compare" prop:checked=move || view_state.get().compare on:change=on_compare />
                {tr(PageKey::ComparePrevious)}
            </label>
        </div>
        {move || view! { <VisitReport code=code() view=view_state explore=true /> }}
    }
}
