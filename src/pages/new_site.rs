//! Creating a site: every parameter of `POST /v1/sites.json`, checked before sending with the
//! rules the reference states (`kiubi_wire::validate::new_site` with `Rules::Reference`: required fields
//! and civilities; the rest is the API's to refuse, on the fields), then the creation job followed to its end.
//! What the user types is a draft of the tab: an error, a timeout or an expired session loses nothing.

use std::collections::BTreeMap;

use crate::router::use_navigate;
use kiubi_wire::params::{Civility, NewSite};
use kiubi_wire::validate::{self, Rules, NEW_SITE_FIELDS};
use leptos::prelude::*;

use crate::api::jobs::JobState;
use crate::api::{page_action, page_resource, ApiError};
use crate::components::{
    civility_options, invalid_message, monthly, use_toasts, Breadcrumbs, Crumb, ErrorPanel, Field, FieldKind,
    FormState, JobProgress, SelectField, SiteJob, SiteSearch, ToastKind,
};
use crate::drafts;
use crate::host::use_title;
use crate::i18n::Key;
use crate::i18n::{tr, use_locale};
use crate::places::{self, SiteTab};
use crate::recent::RecentSite;

const DRAFT: &str = "new-site";

fn is_required(name: &str) -> bool {
    NEW_SITE_FIELDS.iter().any(|(field, required, _)| *field == name && *required)
}

/// The typed request from the form's texts; `None` while a choice is missing or not a number.
fn new_site_of(form: &FormState) -> Option<NewSite> {
    let text = |name: &str| form.value_untracked(name).trim().to_owned();
    let optional = |name: &str| Some(text(name)).filter(|t| !t.is_empty());
    Some(NewSite {
        copy_site: optional("copy_site"),
        plan_id: text("plan_id").parse().ok()?,
        code_site: text("code_site"),
        site_name: text("site_name"),
        contact_firstname: text("contact_firstname"),
        contact_lastname: text("contact_lastname"),
        contact_civility: Civility::parse(&text("contact_civility"))?,
        contact_email: text("contact_email"),
        contact_address: text("contact_address"),
        contact_zipcode: text("contact_zipcode"),
        contact_city: text("contact_city"),
        contact_country_id: text("contact_country_id").parse().ok()?,
        contact_phone: text("contact_phone"),
        contact_fax: optional("contact_fax"),
        company_name: optional("company_name"),
        company_forme: optional("company_forme"),
        company_cnil: optional("company_cnil"),
        company_capital: optional("company_capital"),
        company_siret: optional("company_siret"),
        company_rcs: optional("company_rcs"),
        company_tva: optional("company_tva"),
    })
}

#[component]
pub fn NewSitePage() -> impl IntoView {
    let locale = use_locale();
    use_title(Key::NewSite);
    let toasts = use_toasts();
    let navigate = use_navigate();
    let draft = drafts::use_draft(DRAFT, BTreeMap::new);
    let form = FormState::new(draft.state);

    let plans = page_resource(|client| async move { client.plans().await.map(|r| r.data.items) });
    let countries = page_resource(|client| async move { client.countries().await.map(|r| r.data.items) });
    let plan_options = Signal::derive(move || {
        let locale = locale.get();
        let plans = plans.get().and_then(Result::ok).unwrap_or_default();
        plans
            .into_iter()
            .map(|plan| (plan.plan_id.to_string(), format!("{} — {}", plan.name, monthly(locale, plan.monthly_cost))))
            .collect()
    });
    let country_options = Signal::derive(move || {
        let countries = countries.get().and_then(Result::ok).unwrap_or_default();
        countries.into_iter().map(|c| (c.country_id.to_string(), c.name)).collect()
    });
    let civilities = Signal::derive(move || civility_options(locale.get()));
    let choices_failed = move || {
        let plans_failed = plans.get().and_then(Result::err);
        plans_failed.or_else(|| countries.get().and_then(Result::err)).map(|e| e.user_message(locale.get()))
    };

    let send = page_action(|client, site: NewSite| async move {
        let started = client.create_site(&site).await?;
        Ok::<_, ApiError>((site.code_site, started.data.job_id))
    });
    // A reload while the creation runs finds the job again.
    let job = SiteJob::new(DRAFT);
    let job_state = Signal::derive(move || job.state());
    let busy = move || send.pending().get() || job.is_running();

    Effect::new(move |_| match send.value().get() {
        Some(Ok((code, job_id))) => job.start_creation(code, job_id),
        Some(Err(error)) => {
            let fields = match &error {
                ApiError::Api { fields, .. } => fields.clone(),
                _ => Vec::new(),
            };
            form.show_errors(fields.into_iter().map(|f| (f.field, f.message)).collect());
        }
        None => {}
    });
    Effect::new(move |_| {
        if job_state.get() == Some(JobState::Done) {
            if let Some(code) = job.kept().map(|kept| kept.code_site) {
                draft.discard();
                toasts.push(ToastKind::Success, locale.get_untracked().tr_with(Key::SiteCreated, &[("code", &code)]));
                navigate(&places::site(&code, SiteTab::Overview), Default::default());
            }
        }
    });
    // Only the latest failure is shown: a new attempt clears the older ones.
    let failure = move || {
        let locale = locale.get();
        if let Some(error) = job.error() {
            return Some(error.user_message(locale));
        }
        match send.value().get() {
            Some(Err(error)) if !busy() => Some(error.user_message(locale)),
            _ => None,
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let problems = validate::new_site(|name| form.value_untracked(name), Rules::Reference);
        if !problems.is_empty() {
            let locale = locale.get_untracked();
            form.show_errors(
                problems.into_iter().map(|(field, why)| (field.to_owned(), invalid_message(locale, why))).collect(),
            );
            return;
        }
        if let Some(site) = new_site_of(&form) {
            job.clear();
            send.dispatch(site);
        }
    };

    let field = move |name: &'static str, label: Key, kind: FieldKind, autocomplete: &'static str| {
        view! { <Field form name label kind autocomplete required=is_required(name) /> }
    };
    let copy_from = move || {
        let code = form.value("copy_site");
        (!code.is_empty()).then(|| {
            let name = form.value("copy_site_name");
            view! {
                <p class="picked">
                    {tr(Key::CopyOf)} " " <strong>{name}</strong> " (" {code} ") "
                    <button type="button" class="ghost" on:click=move |_| {
                        form.set("copy_site", String::new());
                        form.set("copy_site_name", String::new());
                    }>{tr(Key::NoCopy)}</button>
                </p>
            }
        })
    };
    let pick_copy = Callback::new(move |site: RecentSite| {
        form.set("copy_site", site.code_site);
        form.set("copy_site_name", site.name);
    });
    let invalid_count = move || form.errors.with(BTreeMap::len);

    view! {
        <Breadcrumbs trail=vec![
            Crumb::message(Key::NavSites, Some(places::SITES.to_owned())),
            Crumb::message(Key::NewSite, None),
        ] />
        <h1>{tr(Key::NewSite)}</h1>
        <p class="muted">{tr(Key::RequiredExplained)}</p>
        {move || choices_failed().map(|message| view! {
            <ErrorPanel message on_retry=move |_| { plans.refetch(); countries.refetch(); } />
        })}
        <form class="form new-site" novalidate on:submit=submit>
            <fieldset disabled=busy>
                <legend>{tr(Key::SiteSection)}</legend>
                <SelectField form name="plan_id" label=Key::FieldPlan required=true options=plan_options />
                {field("code_site", Key::FieldCodeSite, FieldKind::Text, "off")}
                {field("site_name", Key::FieldSiteName, FieldKind::Text, "off")}
                <div class="field">
                    <SiteSearch on_pick=pick_copy id="copy-site-search" label=Key::FieldCopySite />
                    {copy_from}
                    <p class="field-error">{move || form.errors.with(|e| e.get("copy_site").cloned())}</p>
                </div>
            </fieldset>
            <fieldset disabled=busy>
                <legend>{tr(Key::ContactSection)}</legend>
                <SelectField form name="contact_civility" label=Key::FieldCivility required=true options=civilities />
                {field("contact_firstname", Key::FieldFirstname, FieldKind::Text, "given-name")}
                {field("contact_lastname", Key::FieldLastname, FieldKind::Text, "family-name")}
                {field("contact_email", Key::FieldEmail, FieldKind::Email, "email")}
                {field("contact_phone", Key::FieldPhone, FieldKind::Tel, "tel")}
                {field("contact_fax", Key::FieldFax, FieldKind::Tel, "off")}
                {field("contact_address", Key::FieldAddress, FieldKind::Text, "street-address")}
                {field("contact_zipcode", Key::FieldZipcode, FieldKind::Text, "postal-code")}
                {field("contact_city", Key::FieldCity, FieldKind::Text, "address-level2")}
                <SelectField form name="contact_country_id" label=Key::FieldCountry required=true options=country_options />
            </fieldset>
            <fieldset disabled=busy>
                <legend>{tr(Key::CompanySection)}</legend>
                {field("company_name", Key::FieldCompanyName, FieldKind::Text, "organization")}
                {field("company_forme", Key::FieldCompanyForme, FieldKind::Text, "off")}
                {field("company_cnil", Key::FieldCompanyCnil, FieldKind::Text, "off")}
                {field("company_capital", Key::FieldCompanyCapital, FieldKind::Text, "off")}
                {field("company_siret", Key::FieldCompanySiret, FieldKind::Text, "off")}
                {field("company_rcs", Key::FieldCompanyRcs, FieldKind::Text, "off")}
                {field("company_tva", Key::FieldCompanyTva, FieldKind::Text, "off")}
            </fieldset>
            <div class="form-foot">
                {move || (invalid_count() > 0).then(|| view! {
                    <p class="field-error" role="alert" id="form-problems">
                        {move || locale.get().tr_with(Key::FixFields, &[("count", &invalid_count().to_string())])}
                    </p>
                })}
                {move || failure().map(|message| view! { <ErrorPanel message /> })}
                <JobProgress job title=Signal::derive(move || locale.get().tr(Key::CreatingSite).to_owned()) />
                <button type="submit" class="primary" disabled=busy>
                    {move || locale.get().tr(if busy() { Key::Creating } else { Key::CreateSite })}
                </button>
            </div>
        </form>
    }
}
