//! The portfolio home's model and cards: what needs attention across sites (`alerts`, pure), the
//! cards' figures read for the session (`cards`, on `fleet`), and the cards themselves (`cards_view`).

mod alerts;
mod cards;
mod cards_view;

pub use alerts::{alerts, figure_concerns, plan_concerns, Alert, Concern, QuotaKind, LOW_BALANCE};
pub use cards::{use_portfolio, CardState, Portfolio, SITES_IN_FLIGHT};
pub use cards_view::{cards_layout, SiteCards};
