//! The organizing's dialogs and settings: labels put on sites (one, a selection, every site of a
//! search), a view saved by name, and the account page's section (the labels edited, the file
//! exported and imported with a preview, the organizing removed from the device).

use leptos::prelude::*;

use super::file::{changes, from_file, imported, readable_size, to_file, Changes, FileProblem, Import};
use super::kept::use_organizer;
use super::sharing::Sharing;
use super::workspace::{same_name, Colour, Label, NameProblem, Workspace, NAME_LIMIT};
use crate::api::ApiError;
use crate::bulk::use_bulk_actions;
use crate::components::{
    chosen_file, json_href, text_of, FileOutcome, FileOutcomeLine, ListingLine, Modal, ToastKind, Toasts,
};
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::many_sites::quota::QuotaPause;
use crate::many_sites::{list_then, selected_refs, GoOn, SitesListing};
use crate::places::SitesView;
use crate::selection::Selection;
use crate::session::Session;
use crate::storage::Refused;
use kiubi_wire::team;

fn name_problem(locale: Locale, problem: NameProblem) -> String {
    match problem {
        NameProblem::Empty => locale.tr(PageKey::NameEmpty).to_owned(),
        NameProblem::TooLong => locale.tr_with(PageKey::NameTooLong, &[("limit", &NAME_LIMIT.to_string())]),
        NameProblem::Comma => locale.tr(PageKey::NameComma).to_owned(),
        NameProblem::Taken => locale.tr(PageKey::NameTaken).to_owned(),
    }
}

fn colour_label(colour: Colour) -> PageKey {
    match colour {
        Colour::Grey => PageKey::ColourGrey,
        Colour::Red => PageKey::ColourRed,
        Colour::Orange => PageKey::ColourOrange,
        Colour::Green => PageKey::ColourGreen,
        Colour::Teal => PageKey::ColourTeal,
        Colour::Blue => PageKey::ColourBlue,
        Colour::Purple => PageKey::ColourPurple,
        Colour::Pink => PageKey::ColourPink,
    }
}

/// A choice of colour, `chosen` as it changes.
#[component]
fn ColourSelect(#[prop(into)] id: String, chosen: RwSignal<Colour>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <select id=id prop:value=move || chosen.get().as_str() on:change=move |ev| chosen.set(Colour::parse(&event_target_value(&ev)))>
            {Colour::ALL
                .into_iter()
                .map(|colour| view! { <option value=colour.as_str()>{move || locale.get().tr(colour_label(colour))}</option> })
                .collect_view()}
        </select>
    }
}

/// A name's field with its error, as the forms here show it.
#[component]
fn NameField(
    #[prop(into)] id: String,
    label: PageKey,
    name: RwSignal<String>,
    problem: RwSignal<Option<NameProblem>>,
) -> impl IntoView {
    let locale = use_locale();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <label for=id.clone()>{tr(label)}</label>
        <input id=id type="text" maxlength=NAME_LIMIT.to_string() autocomplete="off"
            aria-invalid=move || problem.with(Option::is_some).then_some("true")
            aria-describedby=move || problem.with(Option::is_some).then(|| described.clone())
            prop:value=move || name.get()
            on:input=move |ev| {
                problem.set(None);
                name.set(event_target_value(&ev));
            } />
        {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone() role="alert">{name_problem(locale.get(), p)}</p> })}
    }
}

/// The labels of `sites`, each put on or taken off all of them at a click (a label some of them
/// have shows so), and a new label made and put on them. Every site of a search is listed first.
#[component]
pub fn LabelsDialog(open: RwSignal<bool>, sites: Selection) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Modal open class="labels-dialog" label=Signal::derive(move || locale.get().tr(PageKey::Labels).to_owned())>
            <LabelsForm open sites=sites.clone() />
        </Modal>
    }
}

#[component]
fn LabelsForm(open: RwSignal<bool>, sites: Selection) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let count = sites.count();
    let codes = RwSignal::new(None::<Vec<String>>);
    let listing = RwSignal::new(SitesListing::NotStarted);
    let pause = QuotaPause::new();
    if sites.matching().is_none() {
        codes.set(Some(sites.picked().map(|(code, _)| code.clone()).collect()));
    } else if let Some(client) = expect_context::<Session>().client() {
        let workspace = organizer.workspace().get_untracked();
        let selection = sites.clone();
        // Closing the dialog stops the listing.
        let list =
            async move |read: &dyn Fn(usize) -> GoOn| selected_refs(&client, &selection, &workspace, pause, read).await;
        list_then(
            listing,
            move || open.try_get_untracked(),
            list,
            move |refs| {
                codes.set(Some(refs.into_iter().map(|(code, _)| code).collect()));
            },
        );
    }
    let who = match sites.picked().next().filter(|_| count == 1) {
        Some((_, name)) => view! { <p class="labels-of"><bdi>{name.clone()}</bdi></p> }.into_any(),
        None => {
            view! { <p class="labels-of">{move || locale.get().tr_count(PageKey::SelectedSites, count.into(), &[])}</p> }
                .into_any()
        }
    };
    let choices = move || {
        let codes = codes.get()?;
        let labels = organizer.workspace().with(|ws| {
            ws.labels
                .iter()
                .map(|label| {
                    let on = codes
                        .iter()
                        .filter(|code| ws.has_labels(code, std::slice::from_ref(&label.name), true))
                        .count();
                    (label.clone(), on)
                })
                .collect::<Vec<(Label, usize)>>()
        });
        if labels.is_empty() {
            return Some(view! { <p class="muted">{tr(PageKey::NoLabelsYet)}</p> }.into_any());
        }
        let total = codes.len();
        let codes = StoredValue::new(codes);
        Some(
            view! {
                <ul class="label-choices">
                    {labels
                        .into_iter()
                        .map(|(label, on)| {
                            let name = label.name.clone();
                            let toggle = move |ev| {
                                let put = event_target_checked(&ev);
                                // Refused by the browser, the sidebar says so (`SharingLine`).
                                let _ = organizer.change(|ws| ws.set_label(&codes.get_value(), &name, put));
                            };
                            view! {
                                <li>
                                    <label>
                                        <input type="checkbox" data-label=label.name.clone()
                                            prop:checked={on == total && total > 0} prop:indeterminate={on > 0 && on < total}
                                            on:change=toggle />
                                        <span class=label.chip_class()><bdi>{label.name.clone()}</bdi></span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        )
    };
    let new_name = RwSignal::new(String::new());
    let new_colour = RwSignal::new(Colour::Blue);
    let problem = RwSignal::new(None::<NameProblem>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let codes = codes.get_untracked().unwrap_or_default();
        let added = organizer.change(|ws| {
            let name = ws.add_label(&new_name.get_untracked(), new_colour.get_untracked())?;
            ws.set_label(&codes, &name, true);
            Ok(name)
        });
        match added {
            Ok(Ok(_)) => new_name.set(String::new()),
            Ok(Err(p)) => problem.set(Some(p)),
            // The name stays typed; the sidebar says why nothing changed.
            Err(Refused) => {}
        }
    };
    view! {
        <h2>{tr(PageKey::Labels)}</h2>
        {who}
        <ListingLine state=listing total=Some(i64::from(count)) />
        {choices}
        <form class="new-label" on:submit=add>
            <div class="field">
                <NameField id="new-label-name" label=PageKey::NewLabel name=new_name problem />
            </div>
            <div class="field">
                <label for="new-label-colour">{tr(PageKey::LabelColour)}</label>
                <ColourSelect id="new-label-colour" chosen=new_colour />
            </div>
            <button type="submit" id="add-label" disabled=move || codes.with(Option::is_none)>{tr(PageKey::AddLabel)}</button>
        </form>
        <div class="actions">
            <button type="button" class="primary" id="labels-done" on:click=move |_| open.set(false)>{tr(Key::Dismiss)}</button>
        </div>
    }
}

/// The labels dialog for the selection (the selection bar's "Labels").
#[component]
pub fn SelectionLabels() -> impl IntoView {
    let actions = use_bulk_actions();
    let open = RwSignal::new(true);
    // Closed (Done, Escape, the backdrop): the ask is over.
    Effect::new(move |_| {
        if !open.get() {
            actions.asked.set(None);
        }
    });
    view! { <LabelsDialog open sites=actions.selection.get_untracked() /> }
}

/// A name for `view`, saved in the sidebar (a view of the same name is replaced, as said).
#[component]
pub fn SaveViewDialog(open: RwSignal<bool>, view: SitesView) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let toasts = expect_context::<Toasts>();
    let suggested = match view.labels.is_empty() {
        true => view.term.clone(),
        false => view.labels.join(" + "),
    };
    let name = RwSignal::new(suggested);
    let problem = RwSignal::new(None::<NameProblem>);
    let replaces = move || {
        let name = name.get();
        organizer.workspace().with(|ws| ws.views.iter().any(|v| same_name(&v.name, &name)))
    };
    let view = StoredValue::new(view);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match organizer.change(|ws| ws.save_view(&name.get_untracked(), &view.get_value())) {
            Ok(Ok(())) => {
                toasts.push(ToastKind::Success, locale.get_untracked().tr(PageKey::ViewSaved));
                open.set(false);
            }
            Ok(Err(p)) => problem.set(Some(p)),
            Err(Refused) => toasts.push(ToastKind::Error, locale.get_untracked().tr(PageKey::OrganizeRefused)),
        }
    };
    view! {
        <Modal open class="save-view" label=Signal::derive(move || locale.get().tr(PageKey::SaveView).to_owned())>
            <form on:submit=save>
                <h2>{tr(PageKey::SaveView)}</h2>
                <p class="hint">{tr(PageKey::SaveViewHint)}</p>
                <div class="field">
                    <NameField id="view-name" label=PageKey::ViewName name problem />
                    {move || replaces().then(|| view! { <p class="hint" role="status">{tr(PageKey::ViewReplaced)}</p> })}
                </div>
                <div class="actions">
                    <button type="button" class="ghost" on:click=move |_| open.set(false)>{tr(PageKey::Cancel)}</button>
                    <button type="submit" class="primary" id="save-view-name">{tr(PageKey::Save)}</button>
                </div>
            </form>
        </Modal>
    }
}

fn file_problem(locale: Locale, problem: FileProblem) -> String {
    match problem {
        FileProblem::NotOurs => locale.tr(PageKey::OrganizeFileNot).to_owned(),
        FileProblem::Version(version) => {
            locale.tr_with(PageKey::OrganizeFileVersion, &[("version", &version.to_string())])
        }
        FileProblem::Broken => locale.tr(PageKey::OrganizeFileBroken).to_owned(),
        FileProblem::TooLarge => locale.tr(PageKey::OrganizeFileTooLarge).to_owned(),
        FileProblem::TooMany => locale.tr(PageKey::OrganizeFileTooMany).to_owned(),
    }
}

/// The account page's section: what is kept, the labels edited, the file, and the removal.
#[component]
pub fn OrganizeSettings() -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let session = expect_context::<Session>();
    let workspace = organizer.workspace();
    let counts = move || {
        let locale = locale.get();
        workspace.with(|ws| {
            [
                (PageKey::Labels, ws.labels.len()),
                (PageKey::Notes, ws.notes.len()),
                (PageKey::SavedViews, ws.views.len()),
            ]
            .map(|(key, n)| view! { <dt>{locale.tr(key)}</dt><dd>{locale.integer(n as i64)}</dd> })
            .collect_view()
        })
    };
    let export_href = move || json_href(&workspace.with(|ws| to_file(ws, &session.account().unwrap_or_default())));
    let file_name = move || format!("kiubi-organize-{}.json", session.account().unwrap_or_default());
    let incoming = RwSignal::new(None::<Workspace>);
    // What is read in: a file, or this browser's organizing of before the team's server.
    let from_offer = RwSignal::new(false);
    let how = RwSignal::new(Import::Merge);
    let note = RwSignal::new(None::<FileOutcome>);
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else { return };
        note.set(None);
        from_offer.set(false);
        leptos::task::spawn_local(async move {
            let read = match readable_size(file.size()) {
                Ok(()) => text_of(&file).await.ok_or(FileProblem::NotOurs).and_then(|text| from_file(&text)),
                Err(problem) => Err(problem),
            };
            match read {
                Ok(read) => {
                    incoming.try_set(Some(read));
                }
                Err(problem) => {
                    incoming.try_set(None);
                    note.try_set(Some(FileOutcome::Refused(file_problem(locale.get_untracked(), problem))));
                }
            }
        });
    };
    let preview = move || {
        let after =
            incoming.with(|read| read.as_ref().map(|read| workspace.with(|ws| imported(ws, read, how.get()))))?;
        let what = workspace.with(|ws| changes(ws, &after));
        let after = StoredValue::new(after);
        let apply = move |_| {
            let after = after.get_value();
            if organizer.change(|ws| *ws = after).is_err() {
                // The preview stays, to try again once the browser has room.
                note.set(Some(FileOutcome::Refused(locale.get_untracked().tr(PageKey::OrganizeRefused).to_owned())));
                return;
            }
            incoming.set(None);
            let done = if from_offer.get_untracked() {
                organizer.close_offer();
                PageKey::OfferBrought
            } else {
                PageKey::OrganizeImported
            };
            note.set(Some(FileOutcome::Read(locale.get_untracked().tr(done).to_owned())));
        };
        Some(view! {
            <div class="import-preview" role="group" aria-labelledby="import-preview-title">
                <h3 id="import-preview-title">{tr(PageKey::ImportPreview)}</h3>
                <fieldset>
                    <legend class="visually-hidden">{tr(PageKey::ImportHow)}</legend>
                    <label class="check">
                        <input type="radio" name="import-how" id="import-merge" prop:checked=move || how.get() == Import::Merge
                            on:change=move |_| how.set(Import::Merge) />
                        {tr(PageKey::ImportMerge)}
                    </label>
                    <label class="check">
                        <input type="radio" name="import-how" id="import-replace" prop:checked=move || how.get() == Import::Replace
                            on:change=move |_| how.set(Import::Replace) />
                        {tr(PageKey::ImportReplace)}
                    </label>
                </fieldset>
                <ChangesList changes=what />
                <div class="actions">
                    <button type="button" class="ghost" on:click=move |_| incoming.set(None)>{tr(PageKey::Cancel)}</button>
                    <button type="button" class="primary" id="apply-import" disabled=what.is_none() on:click=apply>
                        {tr(PageKey::ApplyImport)}
                    </button>
                </div>
            </div>
        })
    };
    let confirming = RwSignal::new(false);
    let review_offer = move |_| {
        from_offer.set(true);
        how.set(Import::Merge);
        incoming.set(organizer.offer().get_untracked());
    };
    view! {
        <section class="card organize-settings" aria-labelledby="organize-title">
            <h2 id="organize-title">{tr(PageKey::OrganizeTitle)}</h2>
            <SharingLine id="organize-sharing" />
            {move || organizer.offer().with(Option::is_some).then(|| view! {
                <div class="organize-offer" role="group" aria-labelledby="organize-offer-title">
                    <h3 id="organize-offer-title">{tr(PageKey::OfferTitle)}</h3>
                    <p class="hint">{tr(PageKey::OfferHint)}</p>
                    <div class="actions">
                        <button type="button" class="ghost" id="leave-offer" on:click=move |_| organizer.close_offer()>
                            {tr(PageKey::OfferLeave)}
                        </button>
                        <button type="button" class="primary" id="review-offer" on:click=review_offer>{tr(PageKey::OfferReview)}</button>
                    </div>
                </div>
            })}
            <dl class="organize-counts">{counts}</dl>
            <LabelsEditor />
            <div class="file-actions">
                <a class="button ghost" id="export-organize" href=export_href download=file_name>{tr(PageKey::ExportOrganize)}</a>
                <label class="button ghost" for="import-organize">{tr(PageKey::ImportOrganize)}</label>
                <input id="import-organize" class="visually-hidden" type="file" accept="application/json,.json" on:change=on_import />
            </div>
            <FileOutcomeLine id="organize-file-note" outcome=note />
            {preview}
            <div class="forget">
                {move || match confirming.get() {
                    false => view! {
                        <button type="button" class="ghost" id="forget-organize" on:click=move |_| confirming.set(true)>
                            {tr(PageKey::ForgetOrganize)}
                        </button>
                    }
                    .into_any(),
                    true => view! {
                        <p role="alert">{tr(PageKey::ForgetOrganizeConfirm)}</p>
                        <button type="button" class="ghost" on:click=move |_| confirming.set(false)>{tr(PageKey::Cancel)}</button>
                        <button type="button" class="danger" id="confirm-forget-organize" on:click=move |_| {
                            organizer.forget_on_device();
                            confirming.set(false);
                        }>{tr(PageKey::ForgetOrganize)}</button>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}

/// Where the organizing is kept: shared with the team, waiting for its server, refused by it, or in
/// this browser only.
#[component]
pub fn SharingLine(id: &'static str) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let (sharing, refused) = (organizer.sharing(), organizer.refused());
    move || {
        let locale = locale.get();
        let (class, text) = match sharing.get() {
            _ if refused.get() => ("sharing waiting", locale.tr(PageKey::OrganizeRefused).to_owned()),
            Sharing::Shared => ("hint sharing", locale.tr(PageKey::SharedWithTeam).to_owned()),
            Sharing::Waiting => ("sharing waiting", locale.tr(PageKey::TeamWaiting).to_owned()),
            Sharing::Refused(error) => {
                ("sharing waiting", locale.tr_with(PageKey::TeamRefused, &[("reason", &refusal(locale, &error))]))
            }
            // Nothing said before the server has answered, but the room of the likeliest answer
            // kept, so that the answer moves nothing below it.
            Sharing::Checking => ("hint sharing checking", locale.tr(PageKey::SharedWithTeam).to_owned()),
            Sharing::DeviceOnly => ("hint sharing", locale.tr(PageKey::OrganizeKept).to_owned()),
        };
        view! { <p class=class id=id role="status">{text}</p> }
    }
}

/// Why the team's server refused, in the user's language (its own messages are French).
fn refusal(locale: Locale, error: &ApiError) -> String {
    let key = match error {
        ApiError::Api { code: team::code::TOO_LARGE, .. } => PageKey::TeamTooLarge,
        ApiError::Api { code: team::code::TOO_MANY_REQUESTS, .. } => PageKey::TeamTooManyRequests,
        ApiError::Api { code: team::code::MALFORMED_DOCUMENT, .. } => PageKey::TeamMalformed,
        _ => return error.user_message(locale),
    };
    locale.tr(key).to_owned()
}

/// What an import changes, kind by kind; or that it changes nothing.
#[component]
fn ChangesList(changes: Changes) -> impl IntoView {
    let locale = use_locale();
    if changes.is_none() {
        return view! { <p id="import-changes">{tr(PageKey::NoChanges)}</p> }.into_any();
    }
    let n = move |count: usize| locale.get().integer(count as i64);
    let c = changes;
    view! {
        <ul id="import-changes">
            <li>{move || locale.get().tr_with(PageKey::ChangesLabels, &[("added", &n(c.labels_added)), ("changed", &n(c.labels_changed)), ("removed", &n(c.labels_removed))])}</li>
            <li>{move || locale.get().tr_with(PageKey::ChangesSites, &[("count", &n(c.sites_relabelled))])}</li>
            <li>{move || locale.get().tr_with(PageKey::ChangesNotes, &[("added", &n(c.notes_added)), ("changed", &n(c.notes_changed)), ("removed", &n(c.notes_removed))])}</li>
            <li>{move || locale.get().tr_with(PageKey::ChangesViews, &[("added", &n(c.views_added)), ("changed", &n(c.views_changed)), ("removed", &n(c.views_removed))])}</li>
            {c.thresholds_changed.then(|| view! { <li>{tr(PageKey::ChangesThresholds)}</li> })}
        </ul>
    }
    .into_any()
}

/// Every label, renamed, recoloured or deleted (from every site and view too).
#[component]
fn LabelsEditor() -> impl IntoView {
    let organizer = use_organizer();
    let names = Memo::new(move |_| organizer.workspace().with(|ws| ws.labels.clone()));
    move || {
        let labels = names.get();
        (!labels.is_empty()).then(|| {
            view! {
                <ul class="labels-editor" aria-label=tr(PageKey::Labels)>
                    {labels.into_iter().enumerate().map(|(i, label)| view! { <LabelEditor index=i label /> }).collect_view()}
                </ul>
            }
        })
    }
}

#[component]
fn LabelEditor(index: usize, label: Label) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    let name = RwSignal::new(label.name.clone());
    let colour = RwSignal::new(label.colour);
    let problem = RwSignal::new(None::<NameProblem>);
    let old = StoredValue::new(label.name.clone());
    let uses = organizer.workspace().with_untracked(|ws| ws.sites_with(&label.name));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(Err(p)) =
            organizer.change(|ws| ws.edit_label(&old.get_value(), &name.get_untracked(), colour.get_untracked()))
        {
            problem.set(Some(p));
        }
    };
    let name_id = format!("label-name-{index}");
    let colour_id = format!("label-colour-{index}");
    view! {
        <li>
            <form class="label-editor" on:submit=save>
                <span class=label.chip_class()><bdi>{label.name.clone()}</bdi></span>
                <span class="muted">{move || locale.get().tr_count(PageKey::LabelUses, uses as i64, &[])}</span>
                <NameField id=name_id label=PageKey::LabelName name problem />
                <label for=colour_id.clone() class="visually-hidden">{tr(PageKey::LabelColour)}</label>
                <ColourSelect id=colour_id chosen=colour />
                <button type="submit">{tr(PageKey::Save)}</button>
                <button type="button" class="ghost" on:click=move |_| { let _ = organizer.change(|ws| ws.delete_label(&old.get_value())); }>
                    {tr(PageKey::Delete)}
                </button>
            </form>
        </li>
    }
}
