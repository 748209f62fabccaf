//! The home's alert settings: the agency's thresholds, edited in a dialog and kept for the account
//! (`organize`, with its labels, notes and views: they travel in its file).

use leptos::prelude::*;

use super::alerts::{Threshold, Thresholds};
use crate::components::{Modal, ToastKind, Toasts};
use crate::i18n::{tr, use_locale, PageKey};
use crate::organize::use_organizer;

fn threshold_label(threshold: Threshold) -> PageKey {
    match threshold {
        Threshold::TrialDays => PageKey::ThresholdTrialDays,
        Threshold::LowCredits => PageKey::ThresholdLowCredits,
        Threshold::FullPercent => PageKey::ThresholdFullPercent,
        Threshold::WaitingOrders => PageKey::ThresholdWaitingOrders,
    }
}

fn threshold_id(threshold: Threshold) -> &'static str {
    match threshold {
        Threshold::TrialDays => "threshold-trial-days",
        Threshold::LowCredits => "threshold-low-credits",
        Threshold::FullPercent => "threshold-full-percent",
        Threshold::WaitingOrders => "threshold-waiting-orders",
    }
}

/// The thresholds, each a whole number in its range (said on the field otherwise); saved together.
#[component]
pub fn ThresholdsDialog(open: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Modal open class="thresholds" label=Signal::derive(move || locale.get().tr(PageKey::AlertSettings).to_owned())>
            <ThresholdsForm open />
        </Modal>
    }
}

#[component]
fn ThresholdsForm(open: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let toasts = expect_context::<Toasts>();
    let kept = organizer.workspace().with_untracked(|ws| ws.thresholds);
    // What is typed, per field; a field whose text is not a threshold is marked.
    let typed = RwSignal::new(Threshold::ALL.map(|t| t.of(&kept).to_string()));
    let wrong = RwSignal::new([false; 4]);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texts = typed.get_untracked();
        let mut thresholds = Thresholds::default();
        let mut marks = [false; 4];
        for (i, threshold) in Threshold::ALL.into_iter().enumerate() {
            match threshold.set(thresholds, &texts[i]) {
                Some(set) => thresholds = set,
                None => marks[i] = true,
            }
        }
        wrong.set(marks);
        if marks.contains(&true) {
            return;
        }
        match organizer.change(|ws| ws.thresholds = thresholds) {
            Ok(()) => {
                toasts.push(ToastKind::Success, locale.get_untracked().tr(PageKey::ThresholdsSaved));
                open.set(false);
            }
            Err(_) => toasts.push(ToastKind::Error, locale.get_untracked().tr(PageKey::OrganizeRefused)),
        }
    };
    let defaults = move |_| {
        typed.set(Threshold::ALL.map(|t| t.of(&Thresholds::default()).to_string()));
        wrong.set([false; 4]);
    };
    let fields = Threshold::ALL
        .into_iter()
        .enumerate()
        .map(|(i, threshold)| {
            let id = threshold_id(threshold);
            let hint_id = format!("{id}-hint");
            let (low, high) = threshold.range();
            let range = move || {
                locale.get().tr_with(PageKey::ThresholdRange, &[("low", &low.to_string()), ("high", &high.to_string())])
            };
            view! {
                <div class="field">
                    <label for=id>{tr(threshold_label(threshold))}</label>
                    <input id=id type="number" inputmode="numeric" min=low max=high step="1" aria-describedby=hint_id.clone()
                        aria-invalid=move || wrong.with(|w| w[i]).then_some("true")
                        prop:value=move || typed.with(|t| t[i].clone())
                        on:input=move |ev| typed.update(|t| t[i] = event_target_value(&ev)) />
                    <p id=hint_id class:hint=move || !wrong.with(|w| w[i]) class:field-error=move || wrong.with(|w| w[i])>{range}</p>
                </div>
            }
        })
        .collect_view();
    view! {
            <form on:submit=save novalidate>
                <h2>{tr(PageKey::AlertSettings)}</h2>
                <p class="hint">{tr(PageKey::ThresholdsHint)}</p>
                {fields}
                <div class="actions">
                    <button type="button" class="ghost" id="default-thresholds" on:click=defaults>{tr(PageKey::ResetThresholds)}</button>
                    <button type="button" class="ghost" on:click=move |_| open.set(false)>{tr(PageKey::Cancel)}</button>
                    <button type="submit" class="primary" id="save-thresholds">{tr(PageKey::Save)}</button>
                </div>
            </form>
    }
}
