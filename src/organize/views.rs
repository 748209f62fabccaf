//! The organizing where it shows: a site's labels (chips), the sites list's filters by label and
//! note and its "Save the view", the saved views in the sidebar, a site's labels and note on its
//! pages.

use leptos::prelude::*;

use super::dialogs::{LabelsDialog, SaveViewDialog, SharingLine};
use super::kept::use_organizer;
use super::sharing::Sharing;
use super::workspace::{same_name, Colour, Label, NOTE_LIMIT};
use crate::clock;
use crate::components::{RowLabels, SiteListing};
use crate::drafts::use_draft;
use crate::format;
use crate::i18n::{tr, use_locale, PageKey};
use crate::places::{self, SitesView};
use crate::router::{use_navigate, NavigateOptions, A};
use crate::selection::Selection;

/// The labels on site `code`, as chips; nothing when it has none.
#[component]
pub fn LabelChips(#[prop(into)] code: String) -> impl IntoView {
    let workspace = use_organizer().workspace();
    move || {
        let labels: Vec<Label> = workspace.with(|ws| ws.labels_of(&code).into_iter().cloned().collect());
        (!labels.is_empty()).then(|| {
            view! {
                <ul class="site-labels" aria-label=tr(PageKey::Labels)>
                    {labels.into_iter().map(|label| view! { <li class=label.chip_class()><bdi>{label.name.clone()}</bdi></li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// The labels of a row of the sites table (`components::RowLabels`).
pub fn row_labels(code: String) -> AnyView {
    view! { <LabelChips code /> }.into_any()
}

/// A site's labels on its pages, and the button that edits them.
#[component]
pub fn SiteLabels(code: String, name: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let mut one = Selection::default();
    one.toggle(&(code.clone(), name));
    view! {
        <div class="site-labels-row">
            <LabelChips code />
            <button type="button" class="ghost small" id="edit-site-labels" on:click=move |_| open.set(true)>
                {tr(PageKey::EditLabels)}
            </button>
            {move || open.get().then(|| view! { <LabelsDialog open sites=one.clone() /> })}
        </div>
    }
}

/// The sites list's filters by the agency's labels (any or every one) and in its notes, and the
/// button that saves the view; each only once there is something to filter by.
#[component]
pub fn SitesListTools() -> impl IntoView {
    let SiteListing { at, view: view_state, .. } = expect_context::<SiteListing>();
    // The rows' labels are drawn from now on.
    if let Some(RowLabels(draw)) = use_context::<RowLabels>() {
        draw.set(Some(row_labels));
    }
    let workspace = use_organizer().workspace();
    let navigate = use_navigate();
    let show = move |change: &dyn Fn(&mut SitesView)| {
        let mut view = SitesView { page: 0, ..view_state.get_untracked() };
        change(&mut view);
        navigate(&view.url_at(at), NavigateOptions { scroll: false, ..Default::default() });
    };
    let saving = RwSignal::new(false);
    let labels = move || workspace.with(|ws| ws.labels.clone());
    let label_filter = {
        let show = show.clone();
        move || {
            let labels = labels();
            let wanted = view_state.with(|v| v.labels.clone());
            (!labels.is_empty() || !wanted.is_empty()).then(|| {
                // Every label, and a wanted one this account does not have (deleted, or from a link
                // of another's): pressed, so that it can be taken off.
                let unknown = wanted.iter().filter(|w| !labels.iter().any(|l| same_name(&l.name, w)));
                let shown: Vec<(Label, bool)> = labels
                    .iter()
                    .map(|label| (label.clone(), wanted.iter().any(|w| same_name(w, &label.name))))
                    .chain(unknown.map(|name| (Label { name: name.clone(), colour: Colour::Grey }, true)))
                    .collect();
                let show = show.clone();
                let toggles = shown
                    .into_iter()
                    .map(|(label, on)| {
                        let show = show.clone();
                        let name = label.name.clone();
                        let toggle = move |_| {
                            show(&|view: &mut SitesView| {
                                let before = view.labels.len();
                                view.labels.retain(|w| !same_name(w, &name));
                                if view.labels.len() == before {
                                    view.labels.push(name.clone());
                                }
                            })
                        };
                        view! {
                            <button type="button" class=label.chip_class() aria-pressed=on.to_string()
                                data-label=label.name.clone() on:click=toggle>
                                <bdi>{label.name.clone()}</bdi>
                            </button>
                        }
                    })
                    .collect_view();
                let every = view_state.with(|v| v.every_label);
                let choose_match = move |ev| {
                    let every = event_target_value(&ev) == "all";
                    show(&|view: &mut SitesView| view.every_label = every)
                };
                view! {
                    <div class="label-filter" role="group" aria-labelledby="label-filter-name">
                        <span id="label-filter-name">{tr(PageKey::Labels)}</span>
                        {toggles}
                        {(wanted.len() > 1).then(|| view! {
                            <label>
                                <span class="visually-hidden">{tr(PageKey::MatchLabels)}</span>
                                <select id="label-match" on:change=choose_match prop:value=if every { "all" } else { "any" }>
                                    <option value="any">{tr(PageKey::MatchAny)}</option>
                                    <option value="all">{tr(PageKey::MatchAll)}</option>
                                </select>
                            </label>
                        })}
                    </div>
                }
            })
        }
    };
    let notes_option = move || {
        let in_notes = view_state.with(|v| v.in_notes);
        let has_notes = workspace.with(|ws| !ws.notes.is_empty());
        let show = show.clone();
        (has_notes || in_notes).then(|| {
            view! {
                <label class="check">
                    <input type="checkbox" id="search-notes" prop:checked=in_notes
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            show(&|view: &mut SitesView| view.in_notes = on)
                        } />
                    {tr(PageKey::SearchNotes)}
                </label>
            }
        })
    };
    let differs = Memo::new(move |_| view_state.with(|v| SitesView { page: 0, ..v.clone() } != SitesView::default()));
    view! {
        <div class="sites-tools">
            {label_filter}
            {notes_option}
            {move || differs.get().then(|| view! {
                <button type="button" class="ghost" id="save-view" on:click=move |_| saving.set(true)>{tr(PageKey::SaveView)}</button>
            })}
            {move || saving.get().then(|| view! { <SaveViewDialog open=saving view=view_state.get_untracked() /> })}
        </div>
    }
}

/// The saved views in the sidebar, each a link to the sites list as it was saved.
#[component]
pub fn SavedViewsNav() -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let views = move || organizer.workspace().with(|ws| ws.views.clone());
    // Said on every page while the team's server or this browser does not take the changes made here.
    let waiting = move || {
        (organizer.refused().get() || matches!(organizer.sharing().get(), Sharing::Waiting | Sharing::Refused(_)))
            .then(|| view! { <SharingLine id="sidebar-sharing" /> })
    };
    let views = move || {
        let views = views();
        (!views.is_empty()).then(|| {
            view! {
                <div class="saved-views" role="group" aria-labelledby="saved-views-name">
                    <p class="nav-heading" id="saved-views-name">{tr(PageKey::SavedViews)}</p>
                    {views
                        .into_iter()
                        .map(|saved| {
                            let name = saved.name.clone();
                            let shown = saved.name.clone();
                            let delete_label = move || locale.get().tr_with(PageKey::DeleteView, &[("name", &shown)]);
                            let delete_title = delete_label.clone();
                            view! {
                                <div class="saved-view">
                                    <A href=saved.view.url_at(places::SITES)><bdi>{saved.name.clone()}</bdi></A>
                                    <button type="button" class="ghost small" aria-label=delete_label title=delete_title
                                        on:click=move |ev| {
                                            // Not the sidebar's click, which folds it on phones.
                                            ev.stop_propagation();
                                            let _ = organizer.change(|ws| ws.delete_view(&name));
                                        }>"×"</button>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
    };
    (waiting, views)
}

/// Puts `shared()` (a text of the organizing) in `field` each time it changes, unless something
/// else is being typed there, and tells `followed`: a colleague's change shows in an open form.
pub fn follow_shared(
    shared: impl Fn() -> String + 'static,
    field: RwSignal<String>,
    followed: impl Fn(&str) + 'static,
) {
    Effect::new(move |previous: Option<String>| {
        let now = shared();
        let untouched = previous.as_ref().is_some_and(|p| field.with_untracked(|text| text.trim_end() == p));
        if untouched && previous.as_deref() != Some(now.as_str()) {
            field.set(now.clone());
            followed(&now);
        }
        now
    });
}

/// A site's note on its overview: edited in place, kept as a draft while typed, saved for the
/// account.
#[component]
pub fn SiteNote(code: String) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let kept = {
        let code = code.clone();
        move || organizer.workspace().with(|ws| ws.note(&code).cloned())
    };
    let initial = kept.clone();
    let draft = use_draft(&format!("note.{code}"), move || initial().map(|note| note.text).unwrap_or_default());
    let saved = RwSignal::new(false);
    // The kept text the field was last in step with: what a save writes over.
    let seen = StoredValue::new(kept().map(|note| note.text).unwrap_or_default());
    // A colleague's change, or the other text taken.
    follow_shared(
        {
            let kept = kept.clone();
            move || kept().map(|note| note.text).unwrap_or_default()
        },
        draft.state,
        move |now| seen.set_value(now.to_owned()),
    );
    let unsaved = {
        let kept = kept.clone();
        move || draft.state.with(|text| kept().map(|note| note.text).unwrap_or_default() != text.trim_end())
    };
    let other = {
        let kept = kept.clone();
        let code = code.clone();
        move || {
            let also = kept().and_then(|note| note.also)?;
            let (take, dismiss) = (code.clone(), code.clone());
            Some(view! {
                <div class="note-also" role="group" aria-labelledby="note-also-title">
                    <p id="note-also-title">{tr(PageKey::NoteAlso)}</p>
                    <p class="note-also-text">{also}</p>
                    <button type="button" class="ghost small" id="note-take-other" on:click=move |_| {
                        let _ = organizer.change(|ws| ws.settle_note(&take, true, clock::now()));
                    }>{tr(PageKey::NoteTakeOther)}</button>
                    <button type="button" class="ghost small" id="note-dismiss-other" on:click=move |_| {
                        let _ = organizer.change(|ws| ws.settle_note(&dismiss, false, clock::now()));
                    }>{tr(PageKey::NoteDismissOther)}</button>
                </div>
            })
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.state.get_untracked();
        // Refused by the browser, the text stays in the field as typed (a draft), never "saved".
        if organizer.change(|ws| ws.write_note_over(&code, &text, &seen.get_value(), clock::now())).is_ok() {
            seen.set_value(text.trim_end().to_owned());
            draft.discard();
            saved.set(true);
        }
    };
    let changed = move || {
        kept().and_then(|note| note.changed).map(|date| {
            locale.get().tr_with(PageKey::NoteChanged, &[("date", &format::date(locale.get(), Some(date)))])
        })
    };
    view! {
        <section class="card site-note">
            <form on:submit=save>
                <h2><label for="site-note">{tr(PageKey::Note)}</label></h2>
                <p class="hint" id="site-note-hint">{tr(PageKey::NoteHint)}</p>
                <textarea id="site-note" rows="4" maxlength=NOTE_LIMIT.to_string() aria-describedby="site-note-hint"
                    prop:value=move || draft.state.get()
                    on:input=move |ev| {
                        saved.set(false);
                        draft.state.set(event_target_value(&ev));
                    }></textarea>
                {other}
                <div class="actions">
                    <span class="hint" role="status">
                        {move || if saved.get() { Some(locale.get().tr(PageKey::NoteSaved).to_owned()) } else { changed() }}
                    </span>
                    <button type="submit" id="save-note" disabled=move || !unsaved()>{tr(PageKey::SaveNote)}</button>
                </div>
            </form>
        </section>
    }
}
