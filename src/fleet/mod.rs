//! Work over many sites at once, for every feature that does it (the portfolio's cards, bulk backup
//! points, the export): the sites of a search or a selection (`search`), one reader of a site's
//! figures (`figures`), and one executor (`Batch`, pure: at most N sites under way, a pause under the
//! quota reserve, resume, cancel, a failure retried alone; `Runner`, which carries it out and whose
//! batch views subscribe to). Jobs are followed by `api::jobs`.

mod batch;
mod figures;
pub mod quota;
mod runner;
mod search;

pub use batch::{Batch, Counts, Entry, Step};
pub use figures::{read_figures, Figures, Wanted};
pub use runner::{Runner, Task};
pub use search::{
    every_page, every_site, go_on_while, matching_sites, read_view, selected_refs, selected_sites, GoOn, Listing,
    ViewListing,
};
