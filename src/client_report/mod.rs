//! Client reports: a site's month (or any period) for the agency's client, printable to PDF, alone or
//! one per site of a selection. `contents` (what a report says, pure), `read` (the one reader of a
//! site's replies), `branding` (the agency's name, logo and colour), `document` (a report as a
//! printable page, in the lazy code), `branding_dialog`.

pub mod branding;
pub mod branding_dialog;
pub mod contents;
pub mod document;
mod read;

pub use read::read_site_report;
