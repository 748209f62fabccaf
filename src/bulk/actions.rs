//! What the user asks of many sites at once, through the signed-in frame: the selected sites (they
//! outlive the pages), the action asked for (its dialog open), and whether a run of backup points is
//! kept, so that the frame shows the dock (in the lazy code) only when there is something to show.

use leptos::prelude::*;

use crate::selection::Selection;
use crate::session::Session;
use crate::storage::KeptFor;

/// Where the run of backup points is kept, in the account's data for the tab (`Session::user_data`).
pub const RUN_KEY: &str = "bulk.backups";

/// What the user asked for: backup points on the selection, or on one site (code, name: the
/// palette's action on the current site), or the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    Backup,
    BackupOf(String, String),
    Export,
    /// The agency's labels, put on or taken off the selection.
    Labels,
}

/// The session's actions on many sites, provided by the signed-in frame.
#[derive(Clone, Copy)]
pub struct BulkActions {
    pub selection: RwSignal<Selection>,
    /// The action asked for, while its dialog is open.
    pub asked: RwSignal<Option<BulkAction>>,
    pub has_run: RwSignal<bool>,
}

impl BulkActions {
    /// Nothing selected nor asked; `has_run`, whether a run is kept (`kept_run`).
    pub fn new(has_run: bool) -> BulkActions {
        BulkActions {
            selection: RwSignal::new(Selection::default()),
            asked: RwSignal::new(None),
            has_run: RwSignal::new(has_run),
        }
    }
}

/// Whether the session's tab keeps a run (from before a reload).
pub fn kept_run(session: Session) -> bool {
    session.user_data().is_some_and(|user| user.read(KeptFor::Tab, RUN_KEY).is_some())
}

pub fn use_bulk_actions() -> BulkActions {
    expect_context::<BulkActions>()
}
