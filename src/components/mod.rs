//! Components shared by several pages.

mod async_view;
mod breadcrumbs;
mod chart;
mod current_site;
mod debounce;
mod files;
mod form;
mod lazy;
mod listing_line;
mod modal;
mod page_data;
mod pager;
mod paused_note;
mod picking;
mod plan_badges;
mod polling;
mod preferences;
mod region;
mod seen;
mod sentence;
mod sign_out;
mod site_browser;
mod site_job;
mod site_search;
mod toasts;
mod unreadable;

pub use async_view::{async_view, failure_of, loaded, loaded_with, ErrorPanel};
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use chart::{Chart, ChartPlaceholder, Series, Shape};
pub use current_site::{use_current_site, CurrentSite};
pub use debounce::use_debounced;
pub use files::{bytes_of, chosen_file, json_href, text_of, FileOutcome, FileOutcomeLine};
pub use form::{civility_label, civility_options, invalid_message, Field, FieldKind, FormState, SelectField};
pub use lazy::{poll_once, prefetch_when_idle, Lazy, LazyCode, LazyView, SplitLoaderError};
pub use listing_line::ListingLine;
pub use modal::Modal;
pub use page_data::{page_action, page_resource};
pub use pager::{counted_sites, Pager};
pub use paused_note::{Paused, PausedNote};
pub use picking::{BarContent, PageCheckbox, SelectionBar, SiteCheckbox};
pub use plan_badges::{badge_label, PlanBadges};
pub use polling::use_polling;
pub use preferences::PreferenceSwitches;
pub use region::region;
pub use seen::use_seen;
pub use sentence::{column_heading, SentenceWith};
pub use sign_out::sign_out;
pub use site_browser::{
    listed_sites, table_layout, DrawLabels, RowLabels, SiteBrowser, SiteListing, SitesLayout, SitesSkeleton, SitesTable,
};
pub use site_job::{JobProgress, KeptJob, SiteJob};
pub use site_search::{SiteSearch, SiteSwitcher, SwitcherDialog};
pub use toasts::{use_toasts, ToastKind, ToastRegion, Toasts};
pub use unreadable::UnreadableItems;
