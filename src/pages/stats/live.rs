//! Live visitors (`stats/live.json`), read again every 30 s while the page is visible.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::clock;
use crate::components::{page_resource, use_polling};
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};

/// Live visitors are read again this often while the page is visible.
const LIVE_EVERY: Duration = Duration::from_secs(30);

/// What the widget shows: the latest figure, its change since the one before, and when it was read.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    /// `None` when the API did not know.
    visitors: Option<i64>,
    /// Up or down since the previous reading; `None` on the first, when unchanged or unknown.
    change: Option<i64>,
    /// `HH:MM:SS`.
    time: String,
}

impl Reading {
    fn after(previous: Option<&Reading>, visitors: Option<i64>, (hour, minute, second): (u32, u32, u32)) -> Reading {
        Reading {
            visitors,
            change: previous.and_then(|p| Some(visitors? - p.visitors?)).filter(|d| *d != 0),
            time: format!("{hour:02}:{minute:02}:{second:02}"),
        }
    }
}

/// Visitors on the site now, read every 30 s while the tab is visible and again on return to it.
#[component]
pub(super) fn LiveVisitors(code: String) -> impl IntoView {
    let locale = use_locale();
    let code = StoredValue::new(code);
    let reads = RwSignal::new(0u32);
    let live = page_resource(move |client| {
        reads.track();
        async move { client.live(&code.get_value()).await.map(|r| r.data.visitors) }
    });
    // The last reading stays on screen while the next one loads or if it fails.
    let reading = RwSignal::new(None::<Reading>);
    Effect::new(move |_| {
        if let Some(Ok(visitors)) = live.get() {
            let now = clock::now();
            reading.update(|r| *r = Some(Reading::after(r.as_ref(), visitors, (now.hour, now.minute, now.second))));
        }
    });
    use_polling(LIVE_EVERY, move || reads.update(|n| *n += 1));
    let failure = move || match live.get() {
        Some(Err(error)) if !matches!(error, ApiError::Aborted) => Some(error.user_message(locale.get())),
        _ => None,
    };
    view! {
        <section class="kpi live" aria-live="polite">
            <p class="kpi-label"><span class="pulse" aria-hidden="true"></span>{tr(PageKey::LiveVisitors)}</p>
            {move || match reading.get() {
                None => view! { <p class="kpi-value">"…"</p> }.into_any(),
                Some(Reading { visitors, change, time }) => {
                    view! {
                        <p class="kpi-value" id="live-visitors">{move || format::known(visitors, |n| locale.get().integer(n))}</p>
                        {change.map(|d| view! {
                            <span class="change" class:up={d > 0} class:down={d < 0}>{if d > 0 { format!("▲ +{d}") } else { format!("▼ {d}") }}</span>
                        })}
                        <p class="kpi-detail">{move || locale.get().tr_with(PageKey::UpdatedAt, &[("time", &time)])}</p>
                    }
                    .into_any()
                }
            }}
            {move || failure().map(|message| view! { <p class="field-error">{message}</p> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_says_its_change_since_the_one_before() {
        let first = Reading::after(None, Some(12), (9, 5, 7));
        assert_eq!(first, Reading { visitors: Some(12), change: None, time: "09:05:07".into() });
        let second = Reading::after(Some(&first), Some(9), (9, 5, 37));
        assert_eq!(second.change, Some(-3));
        assert_eq!(Reading::after(Some(&second), Some(9), (9, 6, 7)).change, None, "unchanged: no arrow");
        let unknown = Reading::after(Some(&second), None, (9, 6, 37));
        assert_eq!((unknown.visitors, unknown.change), (None, None), "unknown: no made-up change");
        assert_eq!(Reading::after(Some(&unknown), Some(4), (9, 7, 7)).change, None);
    }
}
