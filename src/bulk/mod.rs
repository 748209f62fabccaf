//! Actions on many sites at once: what is selected and asked (`actions`, with the frame), a run of
//! backup points (`backups`, on `many_sites`), and the dock that shows them (`dock`, in the lazy code).

mod actions;
mod backups;
mod dock;

pub use actions::{kept_run, use_bulk_actions, BulkAction, BulkActions, RUN_KEY};
pub use dock::BulkDock;
