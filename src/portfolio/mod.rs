//! The portfolio home's model and cards: what needs attention across sites (`alerts`, pure) by the
//! agency's thresholds, less what it put aside (`attention`, pure), the
//! cards' figures read for the session (`cards`, on `many_sites`), and the cards themselves (`cards_view`).

mod alerts;
mod attention;
mod cards;
mod cards_view;
mod settings;

pub use alerts::{alerts, figure_concerns, plan_concerns, Alert, Concern, QuotaKind, Threshold, Thresholds};
pub use attention::{readable_snoozes, set_aside, snoozed, woken, ConcernKind, Snooze, SnoozeFor, Until};
pub use cards::{use_portfolio, CardState, Portfolio, SITES_IN_FLIGHT};
pub use cards_view::{cards_layout, SiteCards};
pub use settings::ThresholdsDialog;
