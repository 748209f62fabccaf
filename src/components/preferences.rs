//! The language and theme switches.

use leptos::prelude::*;

use crate::i18n::{tr, use_locale, Key, Locale};
use crate::prefs::Theme;

/// Language and theme switches, on every screen.
#[component]
pub fn PreferenceSwitches() -> impl IntoView {
    let locale = use_locale();
    let chosen = expect_context::<RwSignal<Locale>>();
    let theme = expect_context::<RwSignal<Theme>>();
    let language = move |choice: Locale, label: &'static str| {
        view! {
            <button type="button" class="tab" lang=choice.code()
                aria-pressed=move || (locale.get() == choice).to_string()
                on:click=move |_| chosen.set(choice)>
                {label}
            </button>
        }
    };
    let theme_label = move || {
        locale.get().tr(match theme.get() {
            Theme::System => Key::ThemeSystem,
            Theme::Light => Key::ThemeLight,
            Theme::Dark => Key::ThemeDark,
        })
    };
    view! {
        <div class="prefs">
            <div class="tabs" role="group" aria-label=tr(Key::Language)>
                {language(Locale::Fr, "FR")}
                {language(Locale::En, "EN")}
            </div>
            <button type="button" class="ghost theme-toggle" title=theme_label aria-label=theme_label
                on:click=move |_| theme.update(|t| *t = t.next())>
                {move || match theme.get() { Theme::System => "◐", Theme::Light => "☀", Theme::Dark => "☾" }}
            </button>
        </div>
    }
}
