//! Disk space and quotas (`stats/usage.json`).

use kiubi_wire::enums::UsageExtra;
use kiubi_wire::models::{Quota, Usage};
use leptos::prelude::*;

use crate::components::{loaded_with, page_resource};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};
use crate::usage::{is_tight, percent_of};

/// Disk space as a stacked bar, then each quota the plan has (total above 0) as used of total.
#[component]
pub(super) fn UsagePanel(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let usage =
        page_resource(
            move |client| async move { client.usage(&code.get_value(), UsageExtra::ALL).await.map(|r| r.data) },
        );
    // While loading: the disk's block and every quota's row, empty.
    let placeholder = || {
        view! {
            <div class="space placeholder" aria-busy="true">
                <p class="quota-head"><span>"\u{a0}"</span></p>
                <div class="stack"></div>
                <ul class="legend"><li>"\u{a0}"</li></ul>
            </div>
            {(0..QUOTAS).map(|_| empty_quota("placeholder")).collect_view()}
        }
    };
    view! {
        <section class="card usage">
            <h2>{tr(PageKey::UsageTitle)}</h2>
            {loaded_with(usage, placeholder, usage_view)}
        </section>
    }
}

/// The quotas a plan may have.
const QUOTAS: usize = UsageExtra::ALL.len();

/// A quota's row drawn empty: its place while loading (`placeholder`), or the place of one the plan
/// lacks (`filler`, unseen), so that the card has one height whatever the plan has.
fn empty_quota(class: &'static str) -> impl IntoView {
    view! {
        <div class=format!("quota {class}") aria-hidden="true">
            <p class="quota-head"><span>"\u{a0}"</span></p>
            <span class="meter unknown"></span>
        </div>
    }
}

fn usage_view(usage: Usage) -> impl IntoView {
    let locale = use_locale();
    let space = usage.space;
    let tight = is_tight(space.used, space.total);
    let bytes = move |count: Option<i64>| format::known(count, |n| format::bytes(locale.get(), n));
    let parts = [
        (PageKey::SpaceMedias, space.medias, "medias"),
        (PageKey::SpaceDatas, space.datas, "datas"),
        (PageKey::SpaceFtp, space.ftp, "ftp"),
        (PageKey::SpaceFree, space.free, "free"),
    ];
    let quotas: Vec<(PageKey, Quota, bool)> = [
        (PageKey::QuotaBandwidth, usage.bandwidth, true),
        (PageKey::QuotaApi, usage.api_pfo, false),
        (PageKey::QuotaForms, usage.forms, false),
        (PageKey::QuotaProducts, usage.products, false),
        (PageKey::QuotaUsers, usage.users, false),
    ]
    .into_iter()
    .filter_map(|(key, quota, in_bytes)| quota.filter(has_quota).map(|q| (key, q, in_bytes)))
    .collect();
    let fillers = QUOTAS.saturating_sub(quotas.len());
    view! {
        <div class="space" class:tight=tight>
            <p class="quota-head">
                <span>{tr(PageKey::SpaceTitle)}</span>
                <span>{move || {
                    locale.get().tr_with(PageKey::UsedOfTotal, &[("used", &bytes(space.used)), ("total", &bytes(space.total))])
                }}</span>
            </p>
            // A part of unknown size, or all of them when the total is unknown, is not drawn.
            <div class="stack" class:unknown=percent_of(space.used, space.total).is_none() role="img" aria-label=move || {
                parts.iter().map(|(key, count, _)| format!("{} {}", locale.get().tr(*key), bytes(*count))).collect::<Vec<_>>().join(", ")
            }>
                {parts.iter().filter_map(|(_, count, class)| percent_of(*count, space.total).map(|share| {
                    view! { <span class=format!("part {class}") style:width=format!("{share:.2}%")></span> }
                })).collect_view()}
            </div>
            <ul class="legend">
                {parts.into_iter().map(|(key, count, class)| view! {
                    <li class=class><span class="swatch"></span>{move || locale.get().tr(key)} " " {move || bytes(count)}</li>
                }).collect_view()}
            </ul>
        </div>
        {quotas
            .into_iter()
            .map(|(key, quota, in_bytes)| view! { <QuotaBar label=key quota in_bytes /> })
            .collect_view()}
        {(0..fillers).map(|_| empty_quota("filler")).collect_view()}
    }
}

/// The plan has the quota unless its total is a known 0 (an unknown total is shown as unknown).
fn has_quota(quota: &Quota) -> bool {
    quota.total != Some(0)
}

#[component]
fn QuotaBar(label: PageKey, quota: Quota, in_bytes: bool) -> impl IntoView {
    let locale = use_locale();
    let tight = is_tight(quota.used, quota.total);
    let percent = percent_of(quota.used, quota.total);
    let amount = move |count: Option<i64>| {
        format::known(count, |n| if in_bytes { format::bytes(locale.get(), n) } else { locale.get().integer(n) })
    };
    view! {
        <div class="quota" class:tight=tight data-quota=move || locale.get().tr(label)>
            <p class="quota-head">
                <span>{move || locale.get().tr(label)}</span>
                <span>{move || locale.get().tr_with(PageKey::UsedOfTotal, &[("used", &amount(quota.used)), ("total", &amount(quota.total))])}</span>
            </p>
            // An unknown share has no meter (a meter without a value reads as 0): an empty track instead.
            {match percent {
                Some(percent) => view! {
                    <meter min="0" max="100" low="85" high="85" optimum="0" value=format!("{percent:.1}")
                        aria-label=move || locale.get().tr(label)></meter>
                }.into_any(),
                None => view! { <span class="meter unknown" aria-hidden="true"></span> }.into_any(),
            }}
        </div>
    }
}
