//! The organizing as a file, so that a colleague or another browser gets the same labels, notes and
//! views: versioned JSON, read back by merging into what is there or replacing it, with what would
//! change said before anything does. Pure.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::workspace::{name_key, Workspace};

/// What the file says it is, and the one version this panel writes and reads.
const FORMAT: &str = "kiubi-admin/organize";
const VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u64,
    /// The account it was made from, for the reader (a file is not refused for another account:
    /// an agency may file its labels under two accounts).
    #[serde(default)]
    account: String,
    #[serde(flatten)]
    workspace: Workspace,
}

/// Why a file cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not JSON, or not this panel's organizing file.
    NotOurs,
    /// A version this panel does not know (made by a later one).
    Version(u64),
    /// This panel's file, but a part of it is not what its version says.
    Broken,
    /// Larger than the team's workspace may be (`FILE_LIMIT`): not read at all.
    TooLarge,
    /// More labels, notes or views than the panel takes (`MAX_LABELS`, `MAX_NOTES`, `MAX_VIEWS`).
    TooMany,
}

/// The most labels a file may bring: one per client of the largest agencies, several times over.
pub const MAX_LABELS: usize = 10_000;
/// The most notes: one per site of the largest accounts the stand-in seeds (10,000), twice over.
pub const MAX_NOTES: usize = 20_000;
/// The most saved views.
pub const MAX_VIEWS: usize = 1_000;

/// The largest file read back: the team's workspace's own limit (the server refuses more).
pub const FILE_LIMIT: usize = kiubi_wire::team::BODY_LIMIT;

/// Whether a file of `bytes` is read at all.
pub fn readable_size(bytes: f64) -> Result<(), FileProblem> {
    if bytes > FILE_LIMIT as f64 {
        Err(FileProblem::TooLarge)
    } else {
        Ok(())
    }
}

/// The file of `workspace`, made from account `account`. The alerts put aside are each user's own:
/// not in it.
pub fn to_file(workspace: &Workspace, account: &str) -> String {
    let shared = Workspace { snoozes: Vec::new(), ..workspace.clone() };
    let file = File { format: FORMAT.to_owned(), version: VERSION, account: account.to_owned(), workspace: shared };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// What a file holds, tidied as the panel would have made it.
pub fn from_file(text: &str) -> Result<Workspace, FileProblem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| FileProblem::NotOurs)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(FileProblem::NotOurs);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(VERSION) => {}
        Some(other) => return Err(FileProblem::Version(other)),
        None => return Err(FileProblem::Broken),
    }
    let file: File = serde_json::from_value(value).map_err(|_| FileProblem::Broken)?;
    let ws = &file.workspace;
    if ws.labels.len() > MAX_LABELS || ws.notes.len() > MAX_NOTES || ws.views.len() > MAX_VIEWS {
        return Err(FileProblem::TooMany);
    }
    Ok(file.workspace.tidied())
}

/// How a file is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Import {
    /// What is here stays; the file adds its labels, labels on sites, notes and views, and its
    /// version wins where both have one (a label's colour, a note, a view of the same name, the
    /// thresholds).
    Merge,
    /// The file's, in place of what is here (but the alerts put aside here).
    Replace,
}

/// The workspace after reading `incoming` into `current`.
/// The branding and the report comments come with a file when it has them: a file of before they
/// were in it leaves them as they are, whichever way it is read.
pub fn imported(current: &Workspace, incoming: &Workspace, how: Import) -> Workspace {
    let branding =
        if incoming.branding == Default::default() { current.branding.clone() } else { incoming.branding.clone() };
    if how == Import::Replace {
        let report_comments = match incoming.report_comments.is_empty() {
            true => current.report_comments.clone(),
            false => incoming.report_comments.clone(),
        };
        return Workspace { snoozes: current.snoozes.clone(), branding, report_comments, ..incoming.clone() };
    }
    let mut merged = Workspace { thresholds: incoming.thresholds, branding, ..current.clone() };
    merged.report_comments.extend(incoming.report_comments.clone());
    // Each label by its name's key: one lookup per label or site's label, in time linear in both.
    let mut at: HashMap<String, usize> =
        merged.labels.iter().enumerate().map(|(i, label)| (name_key(&label.name), i)).collect();
    for label in &incoming.labels {
        match at.entry(name_key(&label.name)) {
            Entry::Occupied(i) => merged.labels[*i.get()].colour = label.colour,
            Entry::Vacant(free) => {
                free.insert(merged.labels.len());
                merged.labels.push(label.clone());
            }
        }
    }
    for (code, names) in &incoming.site_labels {
        let known = names.iter().filter_map(|name| at.get(&name_key(name)).map(|&i| merged.labels[i].name.clone()));
        let known: BTreeSet<String> = known.collect();
        if !known.is_empty() {
            merged.site_labels.entry(code.clone()).or_default().extend(known);
        }
    }
    for (code, note) in &incoming.notes {
        merged.notes.insert(code.clone(), note.clone());
    }
    for saved in &incoming.views {
        let _ = merged.save_view(&saved.name, &saved.view);
    }
    merged
}

/// What reading a file would change, counted by kind, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changes {
    pub labels_added: usize,
    /// Recoloured.
    pub labels_changed: usize,
    pub labels_removed: usize,
    /// Sites whose set of labels changes.
    pub sites_relabelled: usize,
    pub notes_added: usize,
    pub notes_changed: usize,
    pub notes_removed: usize,
    pub views_added: usize,
    pub views_changed: usize,
    pub views_removed: usize,
    pub thresholds_changed: bool,
}

impl Changes {
    pub fn is_none(&self) -> bool {
        *self == Changes::default()
    }
}

/// Added, changed and removed: the keys only in `after`, in both but different, only in `before`.
fn counted<K: Ord, V: PartialEq>(
    before: impl Iterator<Item = (K, V)>,
    after: impl Iterator<Item = (K, V)>,
) -> (usize, usize, usize) {
    let before: std::collections::BTreeMap<K, V> = before.collect();
    let after: std::collections::BTreeMap<K, V> = after.collect();
    let added = after.keys().filter(|k| !before.contains_key(k)).count();
    let changed = after.iter().filter(|(k, v)| before.get(k).is_some_and(|b| b != *v)).count();
    let removed = before.keys().filter(|k| !after.contains_key(k)).count();
    (added, changed, removed)
}

/// What changes from `before` to `after`.
pub fn changes(before: &Workspace, after: &Workspace) -> Changes {
    let labels = |ws: &Workspace| ws.labels.iter().map(|l| (l.name.to_lowercase(), l.colour)).collect::<Vec<_>>();
    let (labels_added, labels_changed, labels_removed) = counted(labels(before).into_iter(), labels(after).into_iter());
    let sites: BTreeSet<&String> = before.site_labels.keys().chain(after.site_labels.keys()).collect();
    let sites_relabelled =
        sites.into_iter().filter(|code| before.site_labels.get(*code) != after.site_labels.get(*code)).count();
    let notes =
        |ws: &Workspace| ws.notes.iter().map(|(code, note)| (code.clone(), note.text.clone())).collect::<Vec<_>>();
    let (notes_added, notes_changed, notes_removed) = counted(notes(before).into_iter(), notes(after).into_iter());
    let views = |ws: &Workspace| ws.views.iter().map(|v| (v.name.to_lowercase(), v.view.clone())).collect::<Vec<_>>();
    let (views_added, views_changed, views_removed) = counted(views(before).into_iter(), views(after).into_iter());
    Changes {
        labels_added,
        labels_changed,
        labels_removed,
        sites_relabelled,
        notes_added,
        notes_changed,
        notes_removed,
        views_added,
        views_changed,
        views_removed,
        thresholds_changed: before.thresholds != after.thresholds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organize::workspace::{Colour, SavedView};
    use crate::places::SitesView;
    use crate::portfolio::{Alert, Concern, Snooze, SnoozeFor};
    use kiubi_wire::calendar::{Day, Moment};

    fn now() -> Moment {
        Moment { day: Day { year: 2026, month: 12, day: 6 }, hour: 9, minute: 0, second: 0 }
    }

    fn here() -> Workspace {
        let mut ws = Workspace::default();
        ws.add_label("VIP", Colour::Red).unwrap();
        ws.add_label("Shop", Colour::Green).unwrap();
        ws.set_label(&["a".into()], "VIP", true);
        ws.write_note("a", "Call back", now());
        ws.write_note("b", "Old host", now());
        ws.save_view("Mine", &SitesView { term: "x".into(), ..Default::default() }).unwrap();
        ws
    }

    fn colleague_s() -> Workspace {
        let mut ws = Workspace::default();
        ws.add_label("vip", Colour::Blue).unwrap();
        ws.add_label("Client Martin", Colour::Teal).unwrap();
        ws.set_label(&["a".into(), "c".into()], "Client Martin", true);
        ws.write_note("b", "New host since May", now());
        ws.save_view("Martin", &SitesView { labels: vec!["Client Martin".into()], ..Default::default() }).unwrap();
        ws.thresholds.trial_days = 14;
        ws
    }

    fn snooze() -> Snooze {
        let alert = Alert { code_site: "a".into(), name: "A".into(), concern: Concern::PendingOrders(3) };
        Snooze::of(&alert, SnoozeFor::UntilItChanges, now().day)
    }

    #[test]
    fn the_alerts_put_aside_stay_with_their_user() {
        let mut mine = here();
        mine.snoozes.push(snooze());
        let text = to_file(&mine, "1");
        assert!(!text.contains("snoozes"), "not in the file");
        assert!(from_file(&text).unwrap().snoozes.is_empty());
        for how in [Import::Merge, Import::Replace] {
            assert_eq!(imported(&mine, &colleague_s(), how).snoozes, [snooze()], "{how:?}");
        }
    }

    #[test]
    fn a_file_round_trips_and_says_what_it_is() {
        let ws = here();
        let text = to_file(&ws, "12345");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!((json["format"].as_str(), json["version"].as_u64()), (Some(FORMAT), Some(1)));
        assert_eq!(json["account"], "12345");
        assert_eq!(from_file(&text), Ok(ws));
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        assert_eq!(readable_size(10.5 * 1024.0 * 1024.0), Err(FileProblem::TooLarge));
        assert_eq!(readable_size(FILE_LIMIT as f64), Ok(()));
    }

    /// An organizing file of `labels` labels, each on its own site.
    fn file_of_labels(labels: usize) -> String {
        let names: Vec<_> = (0..labels).map(|i| serde_json::json!({"name": format!("Client {i}")})).collect();
        let sites: serde_json::Map<_, _> =
            (0..labels).map(|i| (format!("site-{i}"), serde_json::json!([format!("client {i}")]))).collect();
        serde_json::json!({"format": FORMAT, "version": 1, "labels": names, "site_labels": sites}).to_string()
    }

    #[test]
    fn more_labels_notes_or_views_than_the_caps_are_refused() {
        assert_eq!(from_file(&file_of_labels(MAX_LABELS)).map(|ws| ws.labels.len()), Ok(MAX_LABELS));
        assert_eq!(from_file(&file_of_labels(MAX_LABELS + 1)), Err(FileProblem::TooMany));
        let views = (0..=MAX_VIEWS).map(|i| SavedView { name: format!("V{i}"), view: SitesView::default() }).collect();
        let file = to_file(&Workspace { views, ..Workspace::default() }, "1");
        assert_eq!(from_file(&file), Err(FileProblem::TooMany));
    }

    #[test]
    fn ten_thousand_labels_merge_into_ten_thousand_others_by_name() {
        let here = from_file(&file_of_labels(MAX_LABELS)).unwrap();
        // The same names in another case, and as many new ones.
        let mut incoming = from_file(&file_of_labels(MAX_LABELS).replace("Client", "CLIENT")).unwrap();
        incoming.labels.iter_mut().for_each(|label| label.colour = Colour::Red);
        let merged = imported(&here, &incoming, Import::Merge);
        assert_eq!(merged.labels.len(), MAX_LABELS, "one label per name, case aside");
        assert_eq!((merged.labels[9].name.as_str(), merged.labels[9].colour), ("Client 9", Colour::Red));
        assert_eq!(merged.labels_of("site-9")[0].name, "Client 9");
    }

    #[test]
    fn a_file_that_is_not_one_or_of_another_version_is_refused() {
        assert_eq!(from_file("not json"), Err(FileProblem::NotOurs));
        assert_eq!(from_file(r#"{"format":"kiubi-admin/report-branding","version":1}"#), Err(FileProblem::NotOurs));
        assert_eq!(
            from_file(r#"{"format":"kiubi-admin/organize","version":2,"labels":[]}"#),
            Err(FileProblem::Version(2))
        );
        assert_eq!(from_file(r#"{"format":"kiubi-admin/organize"}"#), Err(FileProblem::Broken));
        assert_eq!(
            from_file(r#"{"format":"kiubi-admin/organize","version":1,"labels":"VIP"}"#),
            Err(FileProblem::Broken)
        );
        assert_eq!(from_file(r#"{"format":"kiubi-admin/organize","version":1}"#), Ok(Workspace::default()));
    }

    #[test]
    fn merging_keeps_what_is_here_and_the_file_wins_where_both_have_one() {
        let merged = imported(&here(), &colleague_s(), Import::Merge);
        let names: Vec<_> = merged.labels.iter().map(|l| (l.name.as_str(), l.colour)).collect();
        assert_eq!(names, [("VIP", Colour::Blue), ("Shop", Colour::Green), ("Client Martin", Colour::Teal)]);
        assert_eq!(merged.labels_of("a").len(), 2);
        assert_eq!(merged.note("a").unwrap().text, "Call back");
        assert_eq!(merged.note("b").unwrap().text, "New host since May");
        assert_eq!(merged.views.len(), 2);
        assert_eq!(
            changes(&here(), &merged),
            Changes {
                labels_added: 1,
                labels_changed: 1,
                sites_relabelled: 2,
                notes_changed: 1,
                views_added: 1,
                thresholds_changed: true,
                ..Default::default()
            }
        );
    }

    #[test]
    fn a_file_without_branding_or_comments_leaves_them_as_they_are() {
        let mut mine = here();
        mine.branding.name = "Agence".into();
        mine.set_report_comment("a.2026-11-01.2026-11-30", "Bon mois");
        for how in [Import::Merge, Import::Replace] {
            let after = imported(&mine, &colleague_s(), how);
            assert_eq!((after.branding.name.as_str(), after.report_comments.len()), ("Agence", 1), "{how:?}");
        }
        let mut theirs = colleague_s();
        theirs.branding.name = "Autre".into();
        assert_eq!(imported(&mine, &theirs, Import::Merge).branding.name, "Autre", "the file's wins when it has one");
    }

    #[test]
    fn replacing_gives_the_file_s_and_says_what_goes() {
        let replaced = imported(&here(), &colleague_s(), Import::Replace);
        assert_eq!(replaced, colleague_s());
        assert_eq!(
            changes(&here(), &replaced),
            Changes {
                labels_added: 1,
                labels_changed: 1,
                labels_removed: 1,
                sites_relabelled: 2,
                notes_changed: 1,
                notes_removed: 1,
                views_added: 1,
                views_removed: 1,
                thresholds_changed: true,
                ..Default::default()
            }
        );
        assert!(changes(&here(), &here()).is_none());
    }
}
