//! The Kiubi admin panel: a Leptos client-side app. Pages ask the fetch layer (`api`) for data;
//! nothing else talks HTTP.

pub mod api;
pub mod app;
pub mod chart;
pub mod clock;
pub mod components;
pub mod config;
pub mod drafts;
pub mod embed;
pub mod fatal;
pub mod format;
pub mod host;
pub mod i18n;
pub mod owner;
pub mod pages;
pub mod permissions;
pub mod places;
pub mod portfolio;
pub mod prefs;
pub mod recent;
pub mod router;
pub mod session;
pub mod site_state;
pub mod storage;
