//! Preferences kept on the device: language, theme, in the panel's `PanelStorage` (on its own page
//! `kiubi.locale` and `kiubi.theme`). A browser that refuses storage (private mode, disabled) only
//! loses the memory of the choice.

use crate::i18n::Locale;
use crate::storage::{KeptFor, PanelStorage};

pub const LOCALE: &str = "locale";
pub const THEME: &str = "theme";

pub fn load(storage: &PanelStorage, name: &str) -> Option<String> {
    storage.read(KeptFor::Device, name)
}

/// Refused, the preference lasts for the session (the switch shows what is in force).
pub fn save(storage: &PanelStorage, name: &str, value: &str) {
    let _ = storage.write(KeptFor::Device, name, value);
}

/// The language of the interface: the one chosen before, else the configured one, else the browser's.
pub fn initial_locale(storage: &PanelStorage, configured: Option<&str>) -> Locale {
    load(storage, LOCALE)
        .or_else(|| configured.map(str::to_owned))
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(value: &str) -> Theme {
        match value {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The next one in the toggle's cycle.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn themes_cycle_and_round_trip() {
        for theme in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), theme);
        }
        assert_eq!(Theme::System.next().next().next(), Theme::System);
        assert_eq!(Theme::parse("purple"), Theme::System);
    }
}
