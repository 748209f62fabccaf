//! One module per page. Pages ask `crate::api` for data; none talks HTTP itself.

pub mod account;
pub mod activity;
pub mod backups;
pub mod home;
mod lazy_pages;
pub mod new_site;
pub mod not_found;
pub mod plans;
pub mod reports;
pub mod sign_in;
pub mod site;
pub mod sites;
pub mod stats;
pub mod subscription;

pub use lazy_pages::{is_lazy, preload_at_start, LAZY};
