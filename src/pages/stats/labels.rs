//! The words and figures of the report's choices: metrics and periods.

use crate::format;
use crate::i18n::{Locale, PageKey};
use crate::visit_report::{Metric, Preset};

pub(super) fn metric_label(metric: Metric) -> PageKey {
    match metric {
        Metric::Visitors => PageKey::MetricVisitors,
        Metric::Pageviews => PageKey::MetricPageviews,
        Metric::ApiHits => PageKey::MetricApiHits,
        Metric::Sales => PageKey::MetricSales,
    }
}

pub(super) fn preset_label(preset: Preset) -> PageKey {
    match preset {
        Preset::Days7 => PageKey::Preset7d,
        Preset::Days30 => PageKey::Preset30d,
        Preset::Months3 => PageKey::Preset3m,
        Preset::Months12 => PageKey::Preset12m,
        Preset::ThisMonth => PageKey::PresetThisMonth,
        Preset::LastMonth => PageKey::PresetLastMonth,
    }
}

/// A figure of `metric` as the user reads it.
pub(super) fn metric_value(locale: Locale, metric: Metric, value: f64) -> String {
    match metric {
        Metric::Sales => format::money(locale, value),
        _ => format::number(locale, value, 0),
    }
}
