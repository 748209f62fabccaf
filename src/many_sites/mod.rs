//! Work over many sites at once, for every feature that does it (the portfolio's cards, bulk backup
//! points, the export): the sites of a search or a selection (`search`), the one flow of work on a
//! selection (`selection_flow`: list it, stop when its owner goes, then run), one reader of a site's
//! figures (`figures`), and one executor (`Batch`, pure: at most N sites under way, a pause under the
//! quota reserve, resume, cancel, a failure retried alone; `Runner`, which carries it out and whose
//! batch views subscribe to). Jobs are followed by `api::jobs`.

mod batch;
mod figures;
pub mod quota;
mod runner;
mod search;
mod selection_flow;

pub use batch::{Batch, Counts, Entry, Step};
pub use figures::{read_figures, Figures, Wanted};
pub use runner::{Runner, Task};
pub use search::{
    every_page, every_site, matching_sites, read_view, selected_refs, selected_sites, GoOn, Listing, ViewListing,
};
pub use selection_flow::{list_then, SitesListing};
