//! Disk space and quotas (`stats/usage.json`).

use kiubi_wire::enums::UsageExtra;
use kiubi_wire::models::{Quota, Usage};
use leptos::prelude::*;

use crate::components::{loaded, page_resource};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};
use crate::usage::{is_tight, used_percent};

/// Disk space as a stacked bar, then each quota the plan has (total above 0) as used of total.
#[component]
pub(super) fn UsagePanel(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let usage =
        page_resource(
            move |client| async move { client.usage(&code.get_value(), UsageExtra::ALL).await.map(|r| r.data) },
        );
    view! {
        <section class="card usage">
            <h2>{tr(PageKey::UsageTitle)}</h2>
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
        (PageKey::SpaceMedias, space.medias, "medias"),
        (PageKey::SpaceDatas, space.datas, "datas"),
        (PageKey::SpaceFtp, space.ftp, "ftp"),
        (PageKey::SpaceFree, space.free, "free"),
    ];
    let quotas = [
        (PageKey::QuotaBandwidth, usage.bandwidth, true),
        (PageKey::QuotaApi, usage.api_pfo, false),
        (PageKey::QuotaForms, usage.forms, false),
        (PageKey::QuotaProducts, usage.products, false),
        (PageKey::QuotaUsers, usage.users, false),
    ];
    view! {
        <div class="space" class:tight=tight>
            <p class="quota-head">
                <span>{tr(PageKey::SpaceTitle)}</span>
                <span>{move || {
                    let locale = locale.get();
                    locale.tr_with(PageKey::UsedOfTotal, &[("used", &format::bytes(locale, space.used)), ("total", &format::bytes(locale, space.total))])
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
fn QuotaBar(label: PageKey, quota: Quota, in_bytes: bool) -> impl IntoView {
    let locale = use_locale();
    let tight = is_tight(quota.used, quota.total);
    let percent = used_percent(&quota);
    let amount =
        move |n: i64| if in_bytes { format::bytes(locale.get(), n) } else { format::number(locale.get(), n as f64, 0) };
    view! {
        <div class="quota" class:tight=tight data-quota=move || locale.get().tr(label)>
            <p class="quota-head">
                <span>{move || locale.get().tr(label)}</span>
                <span>{move || locale.get().tr_with(PageKey::UsedOfTotal, &[("used", &amount(quota.used)), ("total", &amount(quota.total))])}</span>
            </p>
            <meter min="0" max="100" low="85" high="85" optimum="0" value=format!("{percent:.1}")
                aria-label=move || locale.get().tr(label)></meter>
        </div>
    }
}
