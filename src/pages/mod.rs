//! One module per page. Pages ask `crate::api` for data; none talks HTTP itself.

pub mod not_found;
pub mod sign_in;
pub mod sites;
