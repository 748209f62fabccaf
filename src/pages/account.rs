//! The account: number, type, level and creation date; the contact, read and edited. Saving sends
//! only the fields that changed (the API's PUT is a partial update). Unsaved edits are a draft of
//! the tab, and leaving the page with them asks first.

use std::collections::BTreeMap;

use kiubi_wire::models::{Account, Contact};
use kiubi_wire::params::ContactUpdate;
use kiubi_wire::validate::{self, Rules};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::{
    civility_label, civility_options, failure_of, invalid_message, loaded, loaded_with, page_action, page_resource,
    use_toasts, ErrorPanel, Field, FieldKind, FormState, SelectField, ToastKind,
};
use crate::drafts;
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::organize::OrganizeSettings;
use crate::router::is_on_link;

const DRAFT: &str = "contact";

/// The contact's text fields in form order: API name, label, kind, autocomplete.
const CONTACT_FIELDS: [(&str, PageKey, FieldKind, &str); 16] = [
    ("firstname", PageKey::FieldFirstname, FieldKind::Text, "given-name"),
    ("lastname", PageKey::FieldLastname, FieldKind::Text, "family-name"),
    ("function", PageKey::FieldFunction, FieldKind::Text, "organization-title"),
    ("email", PageKey::FieldEmail, FieldKind::Email, "email"),
    ("phone", PageKey::FieldPhone, FieldKind::Tel, "tel"),
    ("company_name", PageKey::FieldCompanyName, FieldKind::Text, "organization"),
    ("company_address", PageKey::FieldAddress, FieldKind::Text, "street-address"),
    ("company_zipcode", PageKey::FieldZipcode, FieldKind::Text, "postal-code"),
    ("company_city", PageKey::FieldCity, FieldKind::Text, "address-level2"),
    ("company_forme", PageKey::FieldCompanyForme, FieldKind::Text, "off"),
    ("company_siret", PageKey::FieldCompanySiret, FieldKind::Text, "off"),
    ("company_capital", PageKey::FieldCompanyCapital, FieldKind::Text, "off"),
    ("company_rcs", PageKey::FieldCompanyRcs, FieldKind::Text, "off"),
    ("company_naf", PageKey::FieldCompanyNaf, FieldKind::Text, "off"),
    ("company_tva", PageKey::FieldCompanyTva, FieldKind::Text, "off"),
    ("civility", PageKey::FieldCivility, FieldKind::Text, "honorific-prefix"),
];

/// Fields the API refuses to empty.
fn is_required(name: &str) -> bool {
    matches!(name, "firstname" | "lastname" | "email" | "civility")
}

/// The account's facts; while they load, the same card with empty values (nothing below moves).
#[component]
fn AccountCard(account: Option<Account>) -> impl IntoView {
    let locale = use_locale();
    let loading = account.is_none();
    let Account { account_number, account_type, account_level, creation_date, .. } = account.unwrap_or_default();
    let created = creation_date.map(|date| date.day);
    let value = move |text: String| if loading { "\u{a0}".to_owned() } else { text };
    view! {
        <section class="card account" aria-busy=loading.then_some("true")>
            <dl>
                <dt>{tr(PageKey::AccountNumber)}</dt><dd class="code">{value(account_number)}</dd>
                <dt>{tr(PageKey::AccountType)}</dt><dd>{value(account_type)}</dd>
                <dt>{tr(PageKey::AccountLevel)}</dt><dd>{value(account_level)}</dd>
                <dt>{tr(PageKey::AccountCreated)}</dt>
                <dd>{move || value(format::day(locale.get(), created))}</dd>
            </dl>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    use_title(Key::AccountPageTitle);
    let account = page_resource(|client| async move { client.account().await.map(|r| r.data) });
    let contact = page_resource(|client| async move { client.contact().await.map(|r| r.data) });
    view! {
        <h1>{tr(Key::AccountPageTitle)}</h1>
        {loaded_with(
            account,
            || view! { <AccountCard account=None /> },
            |account| view! { <AccountCard account=Some(account) /> },
        )}
        <OrganizeSettings />
        <h2 class="section-title">{tr(PageKey::ContactTitle)}</h2>
        {loaded(contact, move |saved| view! { <ContactSection saved on_saved=move |_| contact.refetch() /> })}
    }
}

/// The contact as saved, and its form when editing (opened again by itself when a draft is left).
#[component]
fn ContactSection(saved: Contact, #[prop(into)] on_saved: Callback<()>) -> impl IntoView {
    let draft = drafts::use_draft(DRAFT, BTreeMap::<String, String>::new);
    let edits = draft.state;
    let editing = RwSignal::new(edits.with_untracked(|e| !e.is_empty()));
    let shown = saved.clone();
    move || {
        if editing.get() {
            view! { <ContactForm saved=saved.clone() draft editing on_saved /> }.into_any()
        } else {
            view! {
                <ContactView contact=shown.clone() />
                <button type="button" id="edit-contact" on:click=move |_| editing.set(true)>
                    {tr(PageKey::Edit)}
                </button>
            }
            .into_any()
        }
    }
}

#[component]
fn ContactView(contact: Contact) -> impl IntoView {
    let locale = use_locale();
    let civility = contact.civility.clone();
    let country = contact.company_country.clone().unwrap_or_else(|| contact.company_country_id.to_string());
    let values = contact.editable_fields();
    let text_of = move |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    view! {
        <dl class="card contact-view">
            <dt>{tr(PageKey::FieldCivility)}</dt>
            <dd>{move || civility_label(locale.get(), &civility)}</dd>
            {CONTACT_FIELDS
                .iter()
                .filter(|(name, ..)| *name != "civility")
                .map(|(name, label, ..)| {
                    let value = text_of(name);
                    view! {
                        <dt>{move || locale.get().tr(*label)}</dt>
                        <dd data-field=*name>{value}</dd>
                    }
                })
                .collect_view()}
            <dt>{tr(PageKey::FieldCountry)}</dt>
            <dd data-field="company_country">{country}</dd>
        </dl>
    }
}

/// Asks before a link leaves the page while `dirty`, and before the tab is closed or reloaded.
fn guard_unsaved(dirty: Signal<bool>, question: Signal<String>) {
    // Links: checked in the capture phase, before the router handles the click.
    let on_click =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if is_on_link(&ev) && dirty.get_untracked() {
                let stay = !web_sys::window()
                    .and_then(|w| w.confirm_with_message(&question.get_untracked()).ok())
                    .unwrap_or(true);
                if stay {
                    ev.prevent_default();
                    ev.stop_immediate_propagation();
                }
            }
        });
    let on_unload = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if dirty.get_untracked() {
                ev.prevent_default();
            }
        },
    );
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let _ = document.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let _ = window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let listeners = send_wrapper::SendWrapper::new((document, window, on_click, on_unload));
    on_cleanup(move || {
        let (document, window, on_click, on_unload) = &*listeners;
        let _ = document.remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
        let _ = window.remove_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    });
}

#[component]
fn ContactForm(
    saved: Contact,
    draft: drafts::Draft<BTreeMap<String, String>>,
    editing: RwSignal<bool>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let edits = draft.state;
    let locale = use_locale();
    let toasts = use_toasts();
    let saved_fields: BTreeMap<String, String> =
        saved.editable_fields().into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
    // The form shows the saved contact with the user's edits over it; only edits are kept as a draft.
    let mut start = saved_fields.clone();
    start.extend(edits.get_untracked());
    let form = FormState::new(RwSignal::new(start));
    let baseline = StoredValue::new(saved_fields);
    Effect::new(move |_| {
        let changed: BTreeMap<String, String> = form.values.with(|values| {
            baseline.with_value(|saved| {
                values
                    .iter()
                    .filter(|(name, value)| saved.get(*name) != Some(*value))
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect()
            })
        });
        if edits.with_untracked(|e| *e != changed) {
            edits.set(changed);
        }
    });
    let dirty = Signal::derive(move || edits.with(|e| !e.is_empty()));
    guard_unsaved(dirty, Signal::derive(move || locale.get().tr(PageKey::LeaveUnsaved).to_owned()));

    let countries = page_resource(|client| async move { client.countries().await.map(|r| r.data.items) });
    let country_options = Signal::derive(move || {
        let countries = countries.get().and_then(Result::ok).unwrap_or_default();
        countries.into_iter().map(|c| (c.country_id.to_string(), c.name)).collect()
    });
    let civilities = Signal::derive(move || civility_options(locale.get()));

    let save = page_action(|client, update: ContactUpdate| async move { client.update_contact(&update).await });
    let before = StoredValue::new(saved);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        let update = before.with_value(|before| ContactUpdate::edits(before, |name| Some(form.value_untracked(name))));
        if update.is_empty() {
            editing.set(false);
            toasts.push(ToastKind::Success, locale.get_untracked().tr(PageKey::NothingChanged));
            return;
        }
        let locale = locale.get_untracked();
        let problems: Vec<(String, String)> = update
            .fields
            .iter()
            .filter_map(|(name, value)| match validate::contact_field(name, value, Rules::Reference) {
                Some(Err(why)) => Some((name.to_string(), invalid_message(locale, why))),
                _ => None,
            })
            .collect();
        if !problems.is_empty() {
            form.show_errors(problems);
            return;
        }
        save.dispatch(update);
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            draft.discard();
            edits.set(BTreeMap::new());
            toasts.push(ToastKind::Success, locale.get_untracked().tr(PageKey::ContactSaved));
            editing.set(false);
            on_saved.run(());
        }
        Some(Err(ApiError::Api { fields, .. })) if !fields.is_empty() => {
            form.show_errors(fields.into_iter().map(|f| (f.field, f.message)).collect());
        }
        _ => {}
    });
    let failure = failure_of(save);
    let cancel = move |_| {
        draft.discard();
        edits.set(BTreeMap::new());
        editing.set(false);
    };
    view! {
        <form class="form contact" novalidate on:submit=submit>
            <fieldset disabled=move || save.pending().get()>
                <legend>{tr(PageKey::ContactTitle)}</legend>
                <SelectField form name="civility" label=PageKey::FieldCivility required=true options=civilities />
                {CONTACT_FIELDS
                    .iter()
                    .filter(|(name, ..)| *name != "civility")
                    .map(|&(name, label, kind, autocomplete)| view! {
                        <Field form name label kind autocomplete required=is_required(name) />
                    })
                    .collect_view()}
                <SelectField form name="company_country_id" label=PageKey::FieldCountry options=country_options />
            </fieldset>
            <div class="form-foot">
                {move || failure().map(|message| view! { <ErrorPanel message /> })}
                <div class="actions">
                    <button type="button" class="ghost" on:click=cancel>{tr(PageKey::Cancel)}</button>
                    <button type="submit" class="primary" disabled=move || save.pending().get()>
                        {move || locale.get().tr(if save.pending().get() { PageKey::Saving } else { PageKey::Save })}
                    </button>
                </div>
            </div>
        </form>
    }
}
