//! The agency's organizing of its portfolio, kept by the panel since the API has no place for it:
//! labels on sites, a note per site, saved views of the sites list (`workspace`, pure), carried as a
//! file (`file`, pure), kept for the account on the device and shared with the team through the
//! panel's server (`kept`, with `sharing` and `merge`, pure); where they show (`views`), and
//! their dialogs and the account page's settings (`dialogs`), in the lazy code; the sites list
//! filtered by them (`sites`).

mod dialogs;
mod file;
mod kept;
mod merge;
mod sharing;
mod sites;
mod views;
mod workspace;

pub use dialogs::{LabelsDialog, OrganizeSettings, SaveViewDialog, SelectionLabels};
pub use sites::FilteredSites;
pub use views::{follow_shared, row_labels, LabelChips, SavedViewsNav, SiteLabels, SiteNote, SitesListTools};

pub use file::{changes, from_file, imported, to_file, Changes, FileProblem, Import};
pub use kept::{use_organizer, Organizer};
pub use sharing::Sharing;
pub use workspace::{
    report_comment_key, Colour, Label, NameProblem, Note, SavedView, Workspace, NAME_LIMIT, NOTE_LIMIT,
};
