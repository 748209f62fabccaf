//! One module per page. Pages ask `crate::api` for data; none talks HTTP itself.

pub mod new_site;
pub mod not_found;
pub mod sign_in;
pub mod site;
pub mod sites;
