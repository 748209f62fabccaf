//! Work over many sites at once, for every feature that does it (the portfolio's cards, bulk backup
//! points, the export): the sites of a search or a selection (`listing`), the one flow of work on a
//! selection (`selection_flow`: list it, stop when its owner goes, then run), one reader of a site's
//! figures (`figures`), and one executor (`Batch`, pure: at most N sites under way, a pause under the
//! quota reserve, resume, cancel, a failure retried alone; `Runner`, which carries it out and whose
//! batch views subscribe to). Jobs are followed by `api::jobs`.

mod batch;
mod figures;
mod listing;
pub mod quota;
mod runner;
mod selection_flow;

pub use batch::{Batch, Counts, Entry, Step};
pub use figures::{read_figures, Figures, Wanted};
pub use listing::{
    every_page, every_site, matching_sites, read_view, selected_refs, selected_sites, GoOn, Listing, ViewListing,
};
pub use runner::{Runner, Task};
pub use selection_flow::{list_then, SitesListing};
