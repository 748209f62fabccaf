//! Form fields bound to one form state: values by field name (what the user typed, kept as a draft)
//! and a message per field (from our checks or from the API's `error.fields`).

use std::collections::BTreeMap;

use kiubi_wire::enums::Civility;
use kiubi_wire::validate::Invalid;
use leptos::prelude::*;

use crate::i18n::{tr, use_locale, Locale, PageKey};

#[derive(Clone, Copy)]
pub struct FormState {
    pub values: RwSignal<BTreeMap<String, String>>,
    pub errors: RwSignal<BTreeMap<String, String>>,
}

impl FormState {
    pub fn new(values: RwSignal<BTreeMap<String, String>>) -> FormState {
        FormState { values, errors: RwSignal::new(BTreeMap::new()) }
    }

    /// The field's text (tracked).
    pub fn value(&self, name: &str) -> String {
        self.values.with(|v| v.get(name).cloned().unwrap_or_default())
    }

    pub fn value_untracked(&self, name: &str) -> String {
        self.values.with_untracked(|v| v.get(name).cloned().unwrap_or_default())
    }

    /// Sets a field; its message goes, since the user is answering it.
    pub fn set(&self, name: &str, value: String) {
        self.values.update(|v| {
            v.insert(name.to_owned(), value);
        });
        if self.errors.with_untracked(|e| e.contains_key(name)) {
            self.errors.update(|e| {
                e.remove(name);
            });
        }
    }

    /// Shows a message on each field named, and moves the focus to the first one given.
    pub fn show_errors(&self, errors: Vec<(String, String)>) {
        let first = errors.first().map(|(name, _)| format!("f-{name}"));
        self.errors.set(errors.into_iter().collect());
        let field = first.and_then(|id| web_sys::window()?.document()?.get_element_by_id(&id));
        if let Some(field) = field.and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok()) {
            let _ = field.focus();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldKind {
    #[default]
    Text,
    Email,
    Tel,
}

impl FieldKind {
    fn input_type(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Email => "email",
            FieldKind::Tel => "tel",
        }
    }
}

/// Label, the field's message (if any) and the control, with the attributes that tie them together.
#[component]
fn FieldFrame(
    form: FormState,
    name: &'static str,
    label: PageKey,
    required: bool,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let message = move || form.errors.with(|e| e.get(name).cloned());
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=format!("f-{name}")>
                {move || locale.get().tr(label)}
                {required.then(|| view! { <span class="required" title=tr(PageKey::Required)>" *"</span> })}
            </label>
            {children()}
            <p class="field-error" id=format!("f-{name}-error")>{message}</p>
        </div>
    }
}

/// A text input of the form.
#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    label: PageKey,
    #[prop(optional)] required: bool,
    #[prop(optional)] kind: FieldKind,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let invalid = move || form.errors.with(|e| e.contains_key(name)).to_string();
    view! {
        <FieldFrame form name label required>
            <input id=format!("f-{name}") name=name type=kind.input_type() required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=invalid aria-describedby=format!("f-{name}-error")
                prop:value=move || form.value(name)
                on:input=move |ev| form.set(name, event_target_value(&ev)) />
        </FieldFrame>
    }
}

/// A select of the form: `options` as (value, label), after a blank "choose" entry.
#[component]
pub fn SelectField(
    form: FormState,
    name: &'static str,
    label: PageKey,
    #[prop(optional)] required: bool,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let invalid = move || form.errors.with(|e| e.contains_key(name)).to_string();
    view! {
        <FieldFrame form name label required>
            <select id=format!("f-{name}") name=name required=required aria-invalid=invalid
                aria-describedby=format!("f-{name}-error")
                prop:value=move || form.value(name)
                on:change=move |ev| form.set(name, event_target_value(&ev))>
                <option value="">{tr(PageKey::Choose)}</option>
                {move || {
                    let current = form.value(name);
                    options
                        .get()
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == current;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}

/// Our wording, in the user's language, for a rule the reference states (`Rules::Reference`); the
/// stand-in's own rules never come from the panel's checks, and keep their French wording.
pub fn invalid_message(locale: Locale, why: Invalid) -> String {
    match why {
        Invalid::Required => locale.tr(PageKey::InvalidRequired).to_owned(),
        Invalid::Civility => locale.tr(PageKey::InvalidCivility).to_owned(),
        Invalid::Email | Invalid::Phone | Invalid::CodeSite | Invalid::TooLong(_) => why.message_fr(),
    }
}

/// A civility as the user reads it ("Mme", "Mrs"); an unknown one as given.
pub fn civility_label(locale: Locale, civility: &str) -> String {
    match Civility::parse(civility) {
        Some(Civility::Mr) => locale.tr(PageKey::CivilityMr).to_owned(),
        Some(Civility::Mrs) => locale.tr(PageKey::CivilityMrs).to_owned(),
        Some(Civility::Miss) => locale.tr(PageKey::CivilityMiss).to_owned(),
        None => civility.to_owned(),
    }
}

/// The civilities the API takes, for a select.
pub fn civility_options(locale: Locale) -> Vec<(String, String)> {
    Civility::ALL.iter().map(|c| (c.as_str().to_owned(), civility_label(locale, c.as_str()))).collect()
}
