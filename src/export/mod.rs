//! The portfolio as CSV: its rows (`rows`, pure) and the dialog that reads and downloads them
//! (`dialog`, in the lazy code).

mod dialog;
mod rows;

pub use dialog::ExportDialog;
pub use rows::{csv, missing, Separator, SiteRow, COLUMNS};
