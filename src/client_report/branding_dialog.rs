//! The agency's branding, edited in a dialog: name, logo (an image file, checked before it is kept),
//! accent colour; saved with the account's organizing (shared with the team), exported as a file, or
//! read from one a colleague exported.

use leptos::prelude::*;

use super::branding::{accent, from_file, logo_url, to_file, Branding, FileProblem, LogoProblem, LOGO_LIMIT};
use crate::components::{bytes_of, chosen_file, json_href, text_of, FileOutcome, FileOutcomeLine, Modal};
use crate::format;
use crate::i18n::{tr, use_locale, Locale, PageKey};
use crate::organize::use_organizer;

fn logo_problem(locale: Locale, problem: LogoProblem) -> String {
    match problem {
        LogoProblem::NotAnImage => locale.tr(PageKey::LogoNotImage).to_owned(),
        LogoProblem::TooLarge { size } => locale.tr_with(
            PageKey::LogoTooLarge,
            &[("size", &format::bytes(locale, size as i64)), ("limit", &format::bytes(locale, LOGO_LIMIT as i64))],
        ),
    }
}

fn file_problem(locale: Locale, problem: FileProblem) -> String {
    match problem {
        FileProblem::NotBranding => locale.tr(PageKey::BrandingFileNot).to_owned(),
        FileProblem::UnknownVersion(version) => locale.tr_with(PageKey::BrandingFileVersion, &[("version", &version)]),
        FileProblem::BadLogo => locale.tr(PageKey::BrandingFileLogo).to_owned(),
    }
}

/// The dialog, open while `open` is; `branding` is the page's, changed on Save.
#[component]
pub fn BrandingDialog(open: RwSignal<bool>, branding: RwSignal<Branding>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Modal open class="branding" label=Signal::derive(move || locale.get().tr(PageKey::BrandingTitle).to_owned())>
            <BrandingForm open branding />
        </Modal>
    }
}

#[component]
fn BrandingForm(open: RwSignal<bool>, branding: RwSignal<Branding>) -> impl IntoView {
    let locale = use_locale();
    let organizer = use_organizer();
    // Edited apart: Cancel leaves the page's branding as it was.
    let edited = RwSignal::new(branding.get_untracked());
    let logo_error = RwSignal::new(None::<String>);
    let file_note = RwSignal::new(None::<FileOutcome>);
    let on_logo = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            let locale = locale.get_untracked();
            let result = match bytes_of(&file).await {
                Some(bytes) => logo_url(&file.type_(), &bytes).map_err(|p| logo_problem(locale, p)),
                None => Err(locale.tr(PageKey::FileUnreadable).to_owned()),
            };
            match result {
                Ok(logo) => {
                    logo_error.try_set(None);
                    edited.try_update(|b| b.logo = Some(logo));
                }
                Err(message) => {
                    logo_error.try_set(Some(message));
                }
            }
        });
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            let locale = locale.get_untracked();
            let read = text_of(&file).await.ok_or(FileProblem::NotBranding).and_then(|text| from_file(&text));
            match read {
                Ok(imported) => {
                    edited.try_set(imported);
                    logo_error.try_set(None);
                    file_note.try_set(Some(FileOutcome::Read(locale.tr(PageKey::BrandingImported).to_owned())));
                }
                Err(problem) => {
                    file_note.try_set(Some(FileOutcome::Refused(file_problem(locale, problem))));
                }
            }
        });
    };
    let export_href = move || json_href(&edited.with(to_file));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = edited.get_untracked().tidied();
        // Refused by the browser, the dialog stays open with what was chosen; the sidebar says why.
        if organizer.change(|ws| ws.branding = chosen.clone()).is_ok() {
            branding.set(chosen);
            open.set(false);
        }
    };
    view! {
        <form on:submit=save>
            <h2>{tr(PageKey::BrandingTitle)}</h2>
            <p class="hint">{tr(PageKey::BrandingKept)}</p>
            <div class="field">
                <label for="agency-name">{tr(PageKey::AgencyName)}</label>
                <input id="agency-name" type="text" maxlength="120" prop:value=move || edited.with(|b| b.name.clone())
                    on:input=move |ev| edited.update(|b| b.name = event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="agency-logo">{tr(PageKey::AgencyLogo)}</label>
                <p class="hint" id="agency-logo-hint">
                    {move || locale.get().tr_with(PageKey::AgencyLogoHint, &[("limit", &format::bytes(locale.get(), LOGO_LIMIT as i64))])}
                </p>
                {move || logo_error.get().map(|message| view! { <p class="field-error" id="agency-logo-error" role="alert">{message}</p> })}
                <input id="agency-logo" type="file" accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml"
                    aria-describedby=move || if logo_error.with(Option::is_some) { "agency-logo-hint agency-logo-error" } else { "agency-logo-hint" }
                    aria-invalid=move || logo_error.with(Option::is_some).then_some("true")
                    on:change=on_logo />
                {move || edited.with(|b| b.logo.clone()).map(|logo| view! {
                    <div class="logo-preview">
                        <img src=logo alt=move || locale.get().tr(PageKey::AgencyLogo) />
                        <button type="button" class="ghost" id="remove-logo" on:click=move |_| edited.update(|b| b.logo = None)>
                            {tr(PageKey::RemoveLogo)}
                        </button>
                    </div>
                })}
            </div>
            <div class="field">
                <label for="agency-accent">{tr(PageKey::AccentColour)}</label>
                <input id="agency-accent" type="color"
                    prop:value=move || edited.with(|b| b.accent.clone().unwrap_or_else(|| "#2b6cb0".to_owned()))
                    on:input=move |ev| edited.update(|b| b.accent = accent(&event_target_value(&ev))) />
            </div>
            <div class="field">
                <span class="label">{tr(PageKey::BrandingFile)}</span>
                <div class="file-actions">
                    <a class="button ghost" id="export-branding" href=export_href download="kiubi-report-branding.json">
                        {tr(PageKey::ExportBranding)}
                    </a>
                    <label class="button ghost" for="import-branding">{tr(PageKey::ImportBranding)}</label>
                    <input id="import-branding" class="visually-hidden" type="file" accept="application/json,.json" on:change=on_import />
                </div>
                <FileOutcomeLine id="branding-file-note" outcome=file_note />
            </div>
            <div class="actions">
                <button type="button" class="ghost" on:click=move |_| open.set(false)>{tr(PageKey::Cancel)}</button>
                <button type="submit" class="primary" id="save-branding">{tr(PageKey::Save)}</button>
            </div>
        </form>
    }
}
