//! The words of values the pages and reports name: metrics and periods of the visit report, types
//! of activity; and a metric's figure as the user reads it.

use kiubi_wire::calendar::Day;
use kiubi_wire::enums::ActivityType;

use crate::format;
use crate::i18n::{Locale, PageKey};
use crate::visit_report::{Metric, Preset};

pub fn metric_label(metric: Metric) -> PageKey {
    match metric {
        Metric::Visitors => PageKey::MetricVisitors,
        Metric::Pageviews => PageKey::MetricPageviews,
        Metric::ApiHits => PageKey::MetricApiHits,
        Metric::Sales => PageKey::MetricSales,
    }
}

pub fn preset_label(preset: Preset) -> PageKey {
    match preset {
        Preset::Days7 => PageKey::Preset7d,
        Preset::Days30 => PageKey::Preset30d,
        Preset::Months3 => PageKey::Preset3m,
        Preset::Months12 => PageKey::Preset12m,
        Preset::ThisMonth => PageKey::PresetThisMonth,
        Preset::LastMonth => PageKey::PresetLastMonth,
    }
}

/// A chart of a metric's days, as screen readers name it: "Visitors per day from … to …".
pub fn chart_label(locale: Locale, metric: Metric, from: Option<Day>, to: Option<Day>) -> String {
    locale.tr_with(
        PageKey::ChartLabel,
        &[
            ("metric", locale.tr(metric_label(metric))),
            ("from", &format::day(locale, from)),
            ("to", &format::day(locale, to)),
        ],
    )
}

/// A figure of `metric` as the user reads it.
pub fn metric_value(locale: Locale, metric: Metric, value: f64) -> String {
    match metric {
        Metric::Sales => format::money(locale, value),
        _ => format::number(locale, value, 0),
    }
}

pub fn activity_label(kind: ActivityType) -> PageKey {
    match kind {
        ActivityType::Login => PageKey::ActivityLogin,
        ActivityType::Update => PageKey::ActivityUpdate,
        ActivityType::Comment => PageKey::ActivityComment,
        ActivityType::Checkout => PageKey::ActivityCheckout,
        ActivityType::Form => PageKey::ActivityForm,
    }
}
