//! The agency's own organizing of its portfolio, which the API has no place for: labels put on
//! sites, a note per site, saved views of the sites list, the attention it pays (the thresholds of
//! the home's alerts, the alerts put aside: `portfolio::attention`). Pure: kept for the device by
//! `organize::kept`, carried to another browser by `organize::file`.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use kiubi_wire::calendar::{DateTime, Moment};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::client_report::branding::Branding;
use crate::matching::holds;
use crate::places::SitesView;
use crate::portfolio::{readable_snoozes, Snooze, Thresholds};
use crate::router::Query;

/// The longest name of a label or a view, in characters.
pub const NAME_LIMIT: usize = 40;
/// The longest note, in characters.
pub const NOTE_LIMIT: usize = 5_000;

/// A label's colour, from a palette whose every colour reads with its text in both themes (the
/// stylesheet's `.label-<colour>`). A colour this panel does not know (a later version's file) is
/// grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    #[default]
    Grey,
    Red,
    Orange,
    Green,
    Teal,
    Blue,
    Purple,
    Pink,
}

impl Colour {
    pub const ALL: [Colour; 8] = [
        Colour::Grey,
        Colour::Red,
        Colour::Orange,
        Colour::Green,
        Colour::Teal,
        Colour::Blue,
        Colour::Purple,
        Colour::Pink,
    ];

    /// Its name in the stylesheet's classes and in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Grey => "grey",
            Colour::Red => "red",
            Colour::Orange => "orange",
            Colour::Green => "green",
            Colour::Teal => "teal",
            Colour::Blue => "blue",
            Colour::Purple => "purple",
            Colour::Pink => "pink",
        }
    }

    pub fn parse(name: &str) -> Colour {
        Colour::ALL.into_iter().find(|c| c.as_str() == name).unwrap_or_default()
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Colour, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(value.as_str().map(Colour::parse).unwrap_or_default())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
    #[serde(default)]
    pub colour: Colour,
}

impl Label {
    /// Its chip's classes in the stylesheet (its colour).
    pub fn chip_class(&self) -> String {
        format!("label label-{}", self.colour.as_str())
    }
}

/// A site's note: plain text, and when it last changed (the browser's local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    #[serde(default, with = "date_time_text")]
    pub changed: Option<DateTime>,
    /// Another text written at the same time by a colleague (`organize::merge`), kept until someone
    /// chooses between the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also: Option<String>,
}

/// A named set of the sites list's choices (search, type, sort, labels), opened from the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    /// Kept as the sites list's URL query, which `SitesView` reads leniently.
    #[serde(with = "view_query")]
    pub view: SitesView,
}

/// Why a name cannot be a label's or a view's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
    /// The sites list's URL lists labels separated by commas.
    Comma,
    /// Another label or view has this name (case aside).
    Taken,
}

/// Everything the agency organizes, for one account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Workspace {
    /// In the order they were made.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The names of the labels on each site, by `code_site`.
    #[serde(default)]
    pub site_labels: BTreeMap<String, BTreeSet<String>>,
    /// By `code_site`.
    #[serde(default)]
    pub notes: BTreeMap<String, Note>,
    #[serde(default)]
    pub views: Vec<SavedView>,
    /// When the home raises an alert.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// The agency's branding on its reports.
    #[serde(default)]
    pub branding: Branding,
    /// The agency's comment on a site's report of a period, by `report_comment_key`.
    #[serde(default)]
    pub report_comments: BTreeMap<String, String>,
    /// The alerts put aside, each the user's own: not in the file (`organize::file`).
    #[serde(default, deserialize_with = "readable_snoozes", skip_serializing_if = "Vec::is_empty")]
    pub snoozes: Vec<Snooze>,
}

/// Whether two names of labels or views are the same, case aside (around spaces too).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// What tells two names of labels or views apart: their text trimmed, case aside.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// `name` as kept (trimmed), if it may be one.
fn checked_name(name: &str, comma_allowed: bool) -> Result<String, NameProblem> {
    let name = name.trim();
    if name.is_empty() {
        Err(NameProblem::Empty)
    } else if name.chars().count() > NAME_LIMIT {
        Err(NameProblem::TooLong)
    } else if !comma_allowed && name.contains(',') {
        Err(NameProblem::Comma)
    } else {
        Ok(name.to_owned())
    }
}

impl Workspace {
    /// The label named `name`, case aside.
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|label| same_name(&label.name, name))
    }

    /// Makes a label; its name as kept.
    pub fn add_label(&mut self, name: &str, colour: Colour) -> Result<String, NameProblem> {
        let name = checked_name(name, false)?;
        if self.label(&name).is_some() {
            return Err(NameProblem::Taken);
        }
        self.labels.push(Label { name: name.clone(), colour });
        Ok(name)
    }

    /// Renames and recolours label `old`, on every site and in every view that has it.
    pub fn edit_label(&mut self, old: &str, name: &str, colour: Colour) -> Result<(), NameProblem> {
        let name = checked_name(name, false)?;
        if self.labels.iter().any(|label| same_name(&label.name, &name) && !same_name(&label.name, old)) {
            return Err(NameProblem::Taken);
        }
        let Some(label) = self.labels.iter_mut().find(|label| same_name(&label.name, old)) else {
            return Ok(());
        };
        let old = std::mem::replace(&mut label.name, name.clone());
        label.colour = colour;
        self.rename_everywhere(&old, Some(&name));
        Ok(())
    }

    /// Deletes label `name`, from every site and view too.
    pub fn delete_label(&mut self, name: &str) {
        self.labels.retain(|label| !same_name(&label.name, name));
        self.rename_everywhere(name, None);
    }

    fn rename_everywhere(&mut self, old: &str, new: Option<&str>) {
        for names in self.site_labels.values_mut() {
            if names.remove(old) {
                names.extend(new.map(str::to_owned));
            }
        }
        self.site_labels.retain(|_, names| !names.is_empty());
        for saved in &mut self.views {
            let labels = &mut saved.view.labels;
            match new {
                Some(new) => labels.iter_mut().filter(|l| same_name(l, old)).for_each(|l| *l = new.to_owned()),
                None => labels.retain(|l| !same_name(l, old)),
            }
        }
    }

    /// The labels on site `code`, in the labels' order.
    pub fn labels_of(&self, code: &str) -> Vec<&Label> {
        let Some(names) = self.site_labels.get(code) else { return Vec::new() };
        self.labels.iter().filter(|label| names.contains(&label.name)).collect()
    }

    /// How many sites have label `name`.
    pub fn sites_with(&self, name: &str) -> usize {
        self.site_labels.values().filter(|names| names.contains(name)).count()
    }

    /// Puts label `name` on the sites `codes` (`on`), or takes it off them.
    pub fn set_label(&mut self, codes: &[String], name: &str, on: bool) {
        let Some(name) = self.label(name).map(|label| label.name.clone()) else { return };
        for code in codes {
            let names = self.site_labels.entry(code.clone()).or_default();
            if on {
                names.insert(name.clone());
            } else {
                names.remove(&name);
            }
        }
        self.site_labels.retain(|_, names| !names.is_empty());
    }

    /// Whether site `code` has any of `wanted` (every one when `every`); no label wanted, any site.
    pub fn has_labels(&self, code: &str, wanted: &[String], every: bool) -> bool {
        if wanted.is_empty() {
            return true;
        }
        let Some(names) = self.site_labels.get(code) else { return false };
        let has = |w: &String| names.iter().any(|name| same_name(name, w));
        if every {
            wanted.iter().all(has)
        } else {
            wanted.iter().any(has)
        }
    }

    pub fn note(&self, code: &str) -> Option<&Note> {
        self.notes.get(code)
    }

    /// Site `code`'s note becomes `text` (cut to `NOTE_LIMIT`), changed `now`; blank, it goes.
    pub fn write_note(&mut self, code: &str, text: &str, now: Moment) {
        if text.trim().is_empty() {
            self.notes.remove(code);
            return;
        }
        let text: String = text.trim_end().chars().take(NOTE_LIMIT).collect();
        if self.notes.get(code).is_some_and(|note| note.text == text) {
            return;
        }
        let also = self.notes.get(code).and_then(|note| note.also.clone());
        self.notes.insert(code.to_owned(), Note { text, changed: Some(now.date_time()), also });
    }

    /// Site `code`'s note becomes `text`, written over `seen`, the text it was edited from: a text
    /// a colleague wrote meanwhile is kept beside it (`Note::also`), or stays if `text` is blank.
    pub fn write_note_over(&mut self, code: &str, text: &str, seen: &str, now: Moment) {
        let meanwhile =
            self.notes.get(code).map(|note| note.text.clone()).filter(|t| t != seen.trim_end() && t != text.trim_end());
        match meanwhile {
            Some(_) if text.trim().is_empty() => {}
            Some(other) => {
                self.write_note(code, text, now);
                if let Some(note) = self.notes.get_mut(code) {
                    note.also = Some(other);
                }
            }
            None => self.write_note(code, text, now),
        }
    }

    /// Settles site `code`'s two texts: the other one becomes the note (`take_other`), or goes.
    pub fn settle_note(&mut self, code: &str, take_other: bool, now: Moment) {
        let Some(note) = self.notes.get_mut(code) else { return };
        let Some(other) = note.also.take() else { return };
        if take_other {
            note.text = other;
            note.changed = Some(now.date_time());
        }
    }

    /// Whether site `code`'s note holds `term` (accents and case aside).
    pub fn note_holds(&self, code: &str, term: &str) -> bool {
        !term.trim().is_empty() && self.notes.get(code).is_some_and(|note| holds(&note.text, term))
    }

    /// The comment of `key` (`report_comment_key`); blank, it goes. Cut to `NOTE_LIMIT`.
    pub fn set_report_comment(&mut self, key: &str, text: &str) {
        let text: String = text.trim_end().chars().take(NOTE_LIMIT).collect();
        if text.trim().is_empty() {
            self.report_comments.remove(key);
        } else {
            self.report_comments.insert(key.to_owned(), text);
        }
    }

    /// Keeps `view` (its first page) as `name`, in place of a view of that name.
    pub fn save_view(&mut self, name: &str, view: &SitesView) -> Result<(), NameProblem> {
        let name = checked_name(name, true)?;
        let saved = SavedView { name: name.clone(), view: SitesView { page: 0, ..view.clone() } };
        match self.views.iter_mut().find(|v| same_name(&v.name, &name)) {
            Some(existing) => *existing = saved,
            None => self.views.push(saved),
        }
        Ok(())
    }

    pub fn delete_view(&mut self, name: &str) {
        self.views.retain(|v| v.name != name);
    }

    /// The same, as this panel would have made it: names checked and unique, no site label that is
    /// not a label, no blank note, no view without a name, thresholds in their ranges. What a file
    /// or a server brings goes through it; in time linear in its size (3,000 labels included).
    pub fn tidied(self) -> Workspace {
        let mut tidy = Workspace::default();
        // Each label's name as kept, by its name case aside.
        let mut names: HashMap<String, String> = HashMap::new();
        for label in self.labels {
            if let Ok(name) = checked_name(&label.name, false) {
                if let Entry::Vacant(free) = names.entry(name_key(&name)) {
                    free.insert(name.clone());
                    tidy.labels.push(Label { name, colour: label.colour });
                }
            }
        }
        for (code, on_site) in self.site_labels {
            let kept: BTreeSet<String> =
                on_site.iter().filter_map(|name| names.get(&name_key(name)).cloned()).collect();
            if !kept.is_empty() {
                tidy.site_labels.insert(code, kept);
            }
        }
        for (code, note) in self.notes {
            if !note.text.trim().is_empty() {
                let text = note.text.trim_end().chars().take(NOTE_LIMIT).collect();
                tidy.notes.insert(code, Note { text, ..note });
            }
        }
        let mut views: HashMap<String, usize> = HashMap::new();
        for saved in self.views {
            let Ok(name) = checked_name(&saved.name, true) else { continue };
            let saved = SavedView { name: name.clone(), view: SitesView { page: 0, ..saved.view } };
            match views.entry(name_key(&name)) {
                Entry::Occupied(at) => tidy.views[*at.get()] = saved,
                Entry::Vacant(free) => {
                    free.insert(tidy.views.len());
                    tidy.views.push(saved);
                }
            }
        }
        for (key, text) in self.report_comments {
            tidy.set_report_comment(&key, &text);
        }
        tidy.branding = self.branding.tidied();
        tidy.thresholds = self.thresholds.within_ranges();
        tidy.snoozes = self.snoozes;
        tidy
    }
}

/// Where a report's comment is kept: its site and period (`YYYY-MM-DD`).
pub fn report_comment_key(code: &str, from: &str, to: &str) -> String {
    format!("{code}.{from}.{to}")
}

/// A note's date as `YYYY-MM-DD HH:mm:ss`; one that cannot be read is unknown.
mod date_time_text {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
        date.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime>, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(value.as_str().and_then(DateTime::parse_iso))
    }
}

/// A view as the sites list's URL query (`term=…&labels=…`).
mod view_query {
    use super::*;

    pub fn serialize<S: Serializer>(view: &SitesView, s: S) -> Result<S::Ok, S::Error> {
        let url = view.url_at("");
        s.serialize_str(url.strip_prefix('?').unwrap_or(&url))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SitesView, D::Error> {
        let query = Query::of(&format!("?{}", String::deserialize(d)?));
        Ok(SitesView::from_query(|name| query.get(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiubi_wire::calendar::Day;

    fn at(hour: u32) -> Moment {
        Moment { day: Day { year: 2026, month: 12, day: 6 }, hour, minute: 5, second: 0 }
    }

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    fn with_labels() -> Workspace {
        let mut ws = Workspace::default();
        ws.add_label("Client Dupont", Colour::Blue).unwrap();
        ws.add_label(" e-commerce ", Colour::Green).unwrap();
        ws.set_label(&codes(&["a", "b"]), "client dupont", true);
        ws.set_label(&codes(&["b", "c"]), "E-COMMERCE", true);
        ws
    }

    #[test]
    fn a_label_s_name_is_checked_and_unique_case_aside() {
        let mut ws = with_labels();
        assert_eq!(ws.labels[1].name, "e-commerce", "trimmed");
        assert_eq!(ws.add_label("  ", Colour::Red), Err(NameProblem::Empty));
        assert_eq!(ws.add_label(&"x".repeat(NAME_LIMIT + 1), Colour::Red), Err(NameProblem::TooLong));
        assert_eq!(ws.add_label(&"é".repeat(NAME_LIMIT), Colour::Red).map(|n| n.chars().count()), Ok(NAME_LIMIT));
        assert_eq!(ws.add_label("a, b", Colour::Red), Err(NameProblem::Comma));
        assert_eq!(ws.add_label("CLIENT dupont", Colour::Red), Err(NameProblem::Taken));
        assert_eq!(ws.edit_label("e-commerce", "Client Dupont", Colour::Red), Err(NameProblem::Taken));
        assert_eq!(ws.edit_label("e-commerce", "E-Commerce", Colour::Red), Ok(()), "its own name, recased");
    }

    #[test]
    fn labels_on_sites_and_the_filter_by_any_or_every_label() {
        let ws = with_labels();
        let names = |code| ws.labels_of(code).iter().map(|l| l.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("b"), ["Client Dupont", "e-commerce"]);
        assert_eq!(names("z"), Vec::<String>::new());
        assert_eq!(ws.sites_with("e-commerce"), 2);
        let both = codes(&["client dupont", "e-commerce"]);
        let matching =
            |every| ["a", "b", "c", "z"].into_iter().filter(|c| ws.has_labels(c, &both, every)).collect::<Vec<_>>();
        assert_eq!(matching(false), ["a", "b", "c"]);
        assert_eq!(matching(true), ["b"]);
        assert!(ws.has_labels("z", &[], true), "no label wanted: every site");
        assert!(!ws.has_labels("a", &codes(&["unknown"]), false));
    }

    #[test]
    fn renaming_or_deleting_a_label_follows_on_sites_and_views() {
        let mut ws = with_labels();
        let view = SitesView { labels: codes(&["e-commerce", "Client Dupont"]), ..Default::default() };
        ws.save_view("Shops", &view).unwrap();
        ws.edit_label("e-commerce", "Shop", Colour::Pink).unwrap();
        assert_eq!(ws.label("shop"), Some(&Label { name: "Shop".into(), colour: Colour::Pink }));
        assert!(ws.has_labels("c", &codes(&["Shop"]), true));
        assert_eq!(ws.views[0].view.labels, ["Shop", "Client Dupont"]);
        ws.delete_label("Client Dupont");
        assert_eq!(ws.site_labels.keys().collect::<Vec<_>>(), ["b", "c"], "a has no label left");
        assert_eq!(ws.views[0].view.labels, ["Shop"]);
        ws.set_label(&codes(&["b", "c"]), "shop", false);
        assert!(ws.site_labels.is_empty());
        ws.set_label(&codes(&["b"]), "no such label", true);
        assert!(ws.site_labels.is_empty(), "only a label that exists is put on a site");
    }

    #[test]
    fn notes_are_written_dated_cut_and_searched() {
        let mut ws = Workspace::default();
        ws.write_note("a", "Relancer le client à Noël\nDevis signé  \n", at(9));
        assert_eq!(ws.note("a").unwrap().text, "Relancer le client à Noël\nDevis signé");
        ws.write_note("a", "Relancer le client à Noël\nDevis signé", at(10));
        assert_eq!(ws.note("a").unwrap().changed, Some(at(9).date_time()), "the same text is no change");
        assert!(ws.note_holds("a", "noel") && ws.note_holds("a", "DEVIS"));
        assert!(!ws.note_holds("a", "") && !ws.note_holds("b", "noel"));
        ws.write_note("b", &"x".repeat(NOTE_LIMIT + 10), at(9));
        assert_eq!(ws.note("b").unwrap().text.len(), NOTE_LIMIT);
        ws.write_note("a", "  \n ", at(11));
        assert_eq!(ws.note("a"), None, "a blank note goes");
    }

    #[test]
    fn a_note_written_over_a_colleague_s_text_keeps_it_beside() {
        let mut ws = Workspace::default();
        ws.write_note("a", "Seen", at(9));
        ws.write_note("a", "Colleague's", at(10));
        ws.write_note_over("a", "Mine", "Seen", at(11));
        assert_eq!(
            (ws.note("a").unwrap().text.as_str(), ws.note("a").unwrap().also.as_deref()),
            ("Mine", Some("Colleague's"))
        );
        ws.settle_note("a", true, at(12));
        assert_eq!((ws.note("a").unwrap().text.as_str(), ws.note("a").unwrap().also.as_deref()), ("Colleague's", None));
        ws.write_note_over("a", "", "Seen", at(13));
        assert_eq!(ws.note("a").unwrap().text, "Colleague's", "not removed over a text it did not see");
        ws.write_note_over("a", "Edited", "Colleague's", at(14));
        assert_eq!(ws.note("a").unwrap().also, None, "written over what it saw");
    }

    #[test]
    fn a_view_is_saved_by_name_without_its_page_and_kept_as_its_query() {
        let mut ws = with_labels();
        let view = SitesView { term: "lyon".into(), labels: codes(&["e-commerce"]), page: 4, ..Default::default() };
        ws.save_view("Lyon, shops", &view).unwrap();
        ws.save_view("lyon, SHOPS", &SitesView { page: 0, ..view.clone() }).unwrap();
        assert_eq!(ws.views.len(), 1, "same name: replaced");
        assert_eq!(ws.views[0].view.page, 0);
        assert_eq!(ws.save_view(" ", &view), Err(NameProblem::Empty));
        let json = serde_json::to_value(&ws).unwrap();
        assert_eq!(json["views"][0]["view"], "term=lyon&labels=e-commerce");
        let back: Workspace = serde_json::from_value(json).unwrap();
        assert_eq!(back, ws);
    }

    #[test]
    fn thousands_of_labels_are_tidied_at_once() {
        let labels: Vec<_> = (0..3_000).map(|i| serde_json::json!({"name": format!("Client {i}")})).collect();
        let sites: serde_json::Map<_, _> =
            (0..3_000).map(|i| (format!("site-{i}"), serde_json::json!([format!("client {i}")]))).collect();
        let json = serde_json::json!({"labels": labels, "site_labels": sites, "thresholds": {"trial_days": -1}});
        let ws = serde_json::from_value::<Workspace>(json).unwrap().tidied();
        assert_eq!((ws.labels.len(), ws.site_labels.len()), (3_000, 3_000));
        assert_eq!(ws.labels_of("site-7")[0].name, "Client 7", "the label's own case");
        assert_eq!(ws.thresholds.trial_days, 0, "brought into its range");
    }

    #[test]
    fn what_a_file_brings_is_tidied() {
        let json = serde_json::json!({
            "labels": [
                {"name": " VIP ", "colour": "gold"},
                {"name": "vip", "colour": "red"},
                {"name": "a,b"},
                {"name": ""}
            ],
            "site_labels": {"a": ["VIP", "ghost"], "b": ["ghost"]},
            "notes": {"a": {"text": "ok", "changed": "2026-12-06 09:05:00"}, "b": {"text": "  "},
                      "c": {"text": "when?", "changed": "yesterday"}},
            "views": [{"name": "", "view": "term=x"}, {"name": "All VIP", "view": "labels=VIP&page=3"}]
        });
        let ws = serde_json::from_value::<Workspace>(json).unwrap().tidied();
        assert_eq!(ws.labels, [Label { name: "VIP".into(), colour: Colour::Grey }], "an unknown colour is grey");
        assert_eq!(ws.site_labels.len(), 1);
        assert!(ws.has_labels("a", &codes(&["vip"]), true));
        assert_eq!(ws.notes.keys().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(ws.notes["a"].changed, Some(at(9).date_time()));
        assert_eq!(ws.notes["c"].changed, None, "an unreadable date is unknown");
        assert_eq!(ws.views.len(), 1);
        assert_eq!(ws.views[0].view.page, 0);
    }
}
