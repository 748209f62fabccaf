//! Two people's changes to the organizing, put together: what was changed here (`mine`) and what a
//! colleague wrote meanwhile (`theirs`), both made from the last version both had (`base`). Each
//! label, label on a site, note, view, report comment, the branding and the thresholds is taken from
//! the side that changed it; one
//! that both changed is taken from this side, but for a note: both texts are kept, the later shown
//! and the other beside it (`Note::also`) until someone settles it. An edit wins over a removal, so
//! nothing written is lost. Pure.

use std::collections::{BTreeMap, BTreeSet};

use super::workspace::{name_key, Label, Note, SavedView, Workspace};

/// The value of one thing, from the side that changed it (this one when both did).
fn pick<T: PartialEq + Clone>(base: Option<&T>, mine: Option<&T>, theirs: Option<&T>) -> Option<T> {
    if mine == base {
        theirs.cloned()
    } else {
        mine.cloned()
    }
}

/// The keys of three maps, in `theirs`' order, then `mine`'s (what is new here comes last).
fn keys_in_order<'a>(theirs: &'a [String], mine: &'a [String]) -> Vec<&'a String> {
    let mut seen = BTreeSet::new();
    theirs.iter().chain(mine).filter(|key| seen.insert(key.as_str())).collect()
}

fn labels_by_name(ws: &Workspace) -> (Vec<String>, BTreeMap<String, Label>) {
    let keys = ws.labels.iter().map(|l| name_key(&l.name)).collect();
    (keys, ws.labels.iter().map(|l| (name_key(&l.name), l.clone())).collect())
}

fn views_by_name(ws: &Workspace) -> (Vec<String>, BTreeMap<String, SavedView>) {
    let keys = ws.views.iter().map(|v| name_key(&v.name)).collect();
    (keys, ws.views.iter().map(|v| (name_key(&v.name), v.clone())).collect())
}

/// Which sites carry which labels, as (site, label's name in lower case).
fn carried(ws: &Workspace) -> BTreeSet<(String, String)> {
    ws.site_labels.iter().flat_map(|(code, names)| names.iter().map(|n| (code.clone(), name_key(n)))).collect()
}

/// A note both sides changed: the later one shown, the other kept beside it.
fn both_notes(mine: &Note, theirs: &Note) -> Note {
    let (shown, other) = if mine.changed >= theirs.changed { (mine, theirs) } else { (theirs, mine) };
    Note { also: Some(other.text.clone()), ..shown.clone() }
}

fn merged_note(base: Option<&Note>, mine: Option<&Note>, theirs: Option<&Note>) -> Option<Note> {
    match (mine, theirs) {
        // An edit wins over a removal.
        (Some(mine), None) if base != Some(mine) => Some(mine.clone()),
        (None, Some(theirs)) if base != Some(theirs) => Some(theirs.clone()),
        (Some(mine), Some(theirs)) if base != Some(mine) && base != Some(theirs) && mine.text != theirs.text => {
            Some(both_notes(mine, theirs))
        }
        _ => pick(base, mine, theirs),
    }
}

/// `mine` and `theirs` put together, both made from `base`. The alerts put aside are this user's own
/// (never shared): `mine`'s.
pub fn merge(base: &Workspace, mine: &Workspace, theirs: &Workspace) -> Workspace {
    let mut merged = Workspace { snoozes: mine.snoozes.clone(), ..Workspace::default() };
    let ((_, base_labels), (mine_keys, mine_labels), (their_keys, their_labels)) =
        (labels_by_name(base), labels_by_name(mine), labels_by_name(theirs));
    for key in keys_in_order(&their_keys, &mine_keys) {
        if let Some(label) = pick(base_labels.get(key), mine_labels.get(key), their_labels.get(key)) {
            merged.labels.push(label);
        }
    }
    let (base_on, mine_on, their_on) = (carried(base), carried(mine), carried(theirs));
    for pair in mine_on.union(&their_on).chain(base_on.iter()).collect::<BTreeSet<_>>() {
        let on = if mine_on.contains(pair) != base_on.contains(pair) {
            mine_on.contains(pair)
        } else {
            their_on.contains(pair)
        };
        if on {
            merged.set_label(std::slice::from_ref(&pair.0), &pair.1, true);
        }
    }
    let codes: BTreeSet<&String> = base.notes.keys().chain(mine.notes.keys()).chain(theirs.notes.keys()).collect();
    for code in codes {
        if let Some(note) = merged_note(base.notes.get(code), mine.notes.get(code), theirs.notes.get(code)) {
            merged.notes.insert(code.clone(), note);
        }
    }
    let ((_, base_views), (mine_keys, mine_views), (their_keys, their_views)) =
        (views_by_name(base), views_by_name(mine), views_by_name(theirs));
    for key in keys_in_order(&their_keys, &mine_keys) {
        if let Some(view) = pick(base_views.get(key), mine_views.get(key), their_views.get(key)) {
            merged.views.push(view);
        }
    }
    merged.thresholds =
        pick(Some(&base.thresholds), Some(&mine.thresholds), Some(&theirs.thresholds)).unwrap_or_default();
    merged.branding = pick(Some(&base.branding), Some(&mine.branding), Some(&theirs.branding)).unwrap_or_default();
    let keys: BTreeSet<&String> =
        base.report_comments.keys().chain(mine.report_comments.keys()).chain(theirs.report_comments.keys()).collect();
    for key in keys {
        let (b, m, t) = (base.report_comments.get(key), mine.report_comments.get(key), theirs.report_comments.get(key));
        if let Some(text) = pick(b, m, t) {
            merged.report_comments.insert(key.clone(), text);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organize::workspace::Colour;
    use crate::places::SitesView;
    use kiubi_wire::calendar::{Day, Moment};

    fn at(hour: u32) -> Moment {
        Moment { day: Day { year: 2026, month: 12, day: 7 }, hour, minute: 0, second: 0 }
    }

    fn code(c: &str) -> Vec<String> {
        vec![c.to_owned()]
    }

    fn base() -> Workspace {
        let mut ws = Workspace::default();
        ws.add_label("Client Dupont", Colour::Blue).unwrap();
        ws.set_label(&code("a"), "Client Dupont", true);
        ws.write_note("a", "Call back in May", at(8));
        ws.save_view("Lyon", &SitesView { term: "lyon".into(), ..Default::default() }).unwrap();
        ws
    }

    fn label_names(ws: &Workspace) -> Vec<&str> {
        ws.labels.iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn what_each_side_added_is_kept() {
        let (mut mine, mut theirs) = (base(), base());
        mine.add_label("VIP", Colour::Red).unwrap();
        mine.set_label(&code("b"), "VIP", true);
        mine.write_note("b", "Mine", at(9));
        theirs.add_label("e-commerce", Colour::Green).unwrap();
        theirs.set_label(&code("a"), "e-commerce", true);
        theirs.write_note("c", "Theirs", at(9));
        theirs.save_view("Shops", &SitesView::default()).unwrap();
        let merged = merge(&base(), &mine, &theirs);
        assert_eq!(label_names(&merged), ["Client Dupont", "e-commerce", "VIP"]);
        assert_eq!(merged.labels_of("a").len(), 2);
        assert_eq!(merged.labels_of("b")[0].name, "VIP");
        assert_eq!(merged.notes.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(merged.views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Lyon", "Shops"]);
        assert_eq!(merge(&base(), &theirs, &mine).labels.len(), 3, "either way round");
    }

    #[test]
    fn a_removal_or_a_rename_on_one_side_follows() {
        let mut mine = base();
        mine.edit_label("Client Dupont", "Dupont SA", Colour::Teal).unwrap();
        let mut theirs = base();
        theirs.delete_view("Lyon");
        theirs.set_label(&code("z"), "Client Dupont", true);
        let merged = merge(&base(), &mine, &theirs);
        assert_eq!(label_names(&merged), ["Dupont SA"]);
        assert_eq!(merged.labels_of("a")[0].name, "Dupont SA", "the rename followed on the site");
        assert!(merged.labels_of("z").is_empty(), "their new use of the old name went with it");
        assert!(merged.views.is_empty(), "their removal");
    }

    #[test]
    fn the_same_note_written_on_both_sides_keeps_both_texts() {
        let (mut mine, mut theirs) = (base(), base());
        mine.write_note("a", "Call back in June", at(10));
        theirs.write_note("a", "Signed the quote", at(11));
        let merged = merge(&base(), &mine, &theirs);
        let note = merged.note("a").unwrap();
        assert_eq!(note.text, "Signed the quote", "the later one shown");
        assert_eq!(note.also.as_deref(), Some("Call back in June"), "the earlier one kept beside it");
        // The same text on both sides is no conflict.
        theirs.write_note("a", "Call back in June", at(11));
        assert_eq!(merge(&base(), &mine, &theirs).note("a").unwrap().also, None);
    }

    #[test]
    fn an_edit_wins_over_a_removal() {
        let (mut mine, mut theirs) = (base(), base());
        mine.write_note("a", "Still a client", at(10));
        theirs.write_note("a", "", at(10));
        assert_eq!(merge(&base(), &mine, &theirs).note("a").unwrap().text, "Still a client");
        assert_eq!(merge(&base(), &theirs, &mine).note("a").unwrap().text, "Still a client");
    }

    #[test]
    fn thresholds_branding_and_comments_from_the_side_that_changed_them() {
        let (mut mine, mut theirs) = (base(), base());
        theirs.thresholds.trial_days = 14;
        theirs.branding.name = "Agence".into();
        theirs.set_report_comment("a.2026-11-01.2026-11-30", "Bon mois");
        mine.set_report_comment("b.2026-11-01.2026-11-30", "Trafic en hausse");
        let merged = merge(&base(), &mine, &theirs);
        assert_eq!((merged.thresholds.trial_days, merged.branding.name.as_str()), (14, "Agence"));
        assert_eq!(merged.report_comments.len(), 2);
        assert_eq!(merge(&base(), &base(), &base()), base(), "nothing changed, nothing changes");
    }
}
