//! The command palette (Ctrl+K / Cmd+K): its actions and how a query finds them (`actions`, pure), and
//! what they do (`commands`, for the switcher's dialog, in the lazy code).

mod actions;
mod commands;

pub use actions::{actions, finds, labels_found, offered, remember, Action, Context};
pub use commands::{palette_actions, PaletteActions};
