//! Creating a site: every parameter of `POST /v1/sites.json`, checked before sending with the
//! rules the reference states (`kiubi_wire::validate::new_site` with `Rules::Reference`: required fields
//! and civilities; the rest is the API's to refuse, on the fields), then the creation job followed to its end.
//! What the user types is a draft of the tab: an error, a timeout or an expired session loses nothing.

use std::collections::BTreeMap;

use crate::router::use_navigate;
use kiubi_wire::enums::Civility;
use kiubi_wire::params::NewSite;
use kiubi_wire::validate::{self, NewSiteField as F, Rules};
use leptos::prelude::*;

use crate::api::jobs::JobState;
use crate::api::ApiError;
use crate::components::{
    civility_options, failure_of, invalid_message, page_action, page_resource, use_toasts, Breadcrumbs, Crumb,
    ErrorPanel, Field, FieldKind, FormState, JobProgress, SelectField, SiteJob, SiteSearch, ToastKind,
};
use crate::drafts;
use crate::format::monthly;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Key, PageKey};
use crate::places::{self, SiteTab};
use crate::recent::RecentSite;

const DRAFT: &str = "new-site";
/// The name of the site to copy, shown beside its code: kept in the form (and its draft) with the
/// API's fields, never sent.
const COPY_SITE_NAME: &str = "copy_site_name";

/// The typed request from the form's texts; `None` while a choice is missing or not a number.
fn new_site_of(form: &FormState) -> Option<NewSite> {
    let text = |field: F| form.value_untracked(field.name()).trim().to_owned();
    let optional = |field: F| Some(text(field)).filter(|t| !t.is_empty());
    Some(NewSite {
        copy_site: optional(F::CopySite),
        plan_id: text(F::PlanId).parse().ok()?,
        code_site: text(F::CodeSite),
        site_name: text(F::SiteName),
        contact_firstname: text(F::ContactFirstname),
        contact_lastname: text(F::ContactLastname),
        contact_civility: Civility::parse(&text(F::ContactCivility))?,
        contact_email: text(F::ContactEmail),
        contact_address: text(F::ContactAddress),
        contact_zipcode: text(F::ContactZipcode),
        contact_city: text(F::ContactCity),
        contact_country_id: text(F::ContactCountryId).parse().ok()?,
        contact_phone: text(F::ContactPhone),
        contact_fax: optional(F::ContactFax),
        company_name: optional(F::CompanyName),
        company_forme: optional(F::CompanyForme),
        company_cnil: optional(F::CompanyCnil),
        company_capital: optional(F::CompanyCapital),
        company_siret: optional(F::CompanySiret),
        company_rcs: optional(F::CompanyRcs),
        company_tva: optional(F::CompanyTva),
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
                toasts
                    .push(ToastKind::Success, locale.get_untracked().tr_with(PageKey::SiteCreated, &[("code", &code)]));
                navigate(&places::site(&code, SiteTab::Overview), Default::default());
            }
        }
    });
    // Only the latest failure is shown: a new attempt clears the older ones.
    let send_failure = failure_of(send);
    let failure =
        move || job.error().map(|e| e.user_message(locale.get())).or_else(|| send_failure().filter(|_| !busy()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let problems = validate::new_site(|field| form.value_untracked(field.name()), Rules::Reference);
        if !problems.is_empty() {
            let locale = locale.get_untracked();
            form.show_errors(
                problems
                    .into_iter()
                    .map(|(field, why)| (field.name().to_owned(), invalid_message(locale, why)))
                    .collect(),
            );
            return;
        }
        if let Some(site) = new_site_of(&form) {
            job.clear();
            send.dispatch(site);
        }
    };

    let field = move |field: F, label: PageKey, kind: FieldKind, autocomplete: &'static str| {
        view! { <Field form name=field.name() label kind autocomplete required=field.is_required() /> }
    };
    let select = move |field: F, label: PageKey, options: Signal<Vec<(String, String)>>| {
        view! { <SelectField form name=field.name() label required=field.is_required() options /> }
    };
    let copy_from = move || {
        let code = form.value(F::CopySite.name());
        (!code.is_empty()).then(|| {
            let name = form.value(COPY_SITE_NAME);
            view! {
                <p class="picked">
                    {tr(PageKey::CopyOf)} " " <strong><bdi>{name}</bdi></strong> " (" <bdi>{code}</bdi> ") "
                    <button type="button" class="ghost" on:click=move |_| {
                        form.set(F::CopySite.name(), String::new());
                        form.set(COPY_SITE_NAME, String::new());
                    }>{tr(PageKey::NoCopy)}</button>
                </p>
            }
        })
    };
    let pick_copy = Callback::new(move |site: RecentSite| {
        form.set(F::CopySite.name(), site.code_site);
        form.set(COPY_SITE_NAME, site.name);
    });
    let invalid_count = move || form.errors.with(BTreeMap::len);

    view! {
        <Breadcrumbs trail=vec![
            Crumb::message(Key::NavSites, Some(places::SITES.to_owned())),
            Crumb::message(Key::NewSite, None),
        ] />
        <h1>{tr(Key::NewSite)}</h1>
        <p class="muted">{tr(PageKey::RequiredExplained)}</p>
        {move || choices_failed().map(|message| view! {
            <ErrorPanel message on_retry=move |_| { plans.refetch(); countries.refetch(); } />
        })}
        <form class="form new-site" novalidate on:submit=submit>
            <fieldset disabled=busy>
                <legend>{tr(PageKey::SiteSection)}</legend>
                {select(F::PlanId, PageKey::FieldPlan, plan_options)}
                {field(F::CodeSite, PageKey::FieldCodeSite, FieldKind::Text, "off")}
                {field(F::SiteName, PageKey::FieldSiteName, FieldKind::Text, "off")}
                <div class="field">
                    <SiteSearch on_pick=pick_copy id="copy-site-search" label=PageKey::FieldCopySite />
                    {copy_from}
                    <p class="field-error">{move || form.errors.with(|e| e.get(F::CopySite.name()).cloned())}</p>
                </div>
            </fieldset>
            <fieldset disabled=busy>
                <legend>{tr(PageKey::ContactSection)}</legend>
                {select(F::ContactCivility, PageKey::FieldCivility, civilities)}
                {field(F::ContactFirstname, PageKey::FieldFirstname, FieldKind::Text, "given-name")}
                {field(F::ContactLastname, PageKey::FieldLastname, FieldKind::Text, "family-name")}
                {field(F::ContactEmail, PageKey::FieldEmail, FieldKind::Email, "email")}
                {field(F::ContactPhone, PageKey::FieldPhone, FieldKind::Tel, "tel")}
                {field(F::ContactFax, PageKey::FieldFax, FieldKind::Tel, "off")}
                {field(F::ContactAddress, PageKey::FieldAddress, FieldKind::Text, "street-address")}
                {field(F::ContactZipcode, PageKey::FieldZipcode, FieldKind::Text, "postal-code")}
                {field(F::ContactCity, PageKey::FieldCity, FieldKind::Text, "address-level2")}
                {select(F::ContactCountryId, PageKey::FieldCountry, country_options)}
            </fieldset>
            <fieldset disabled=busy>
                <legend>{tr(PageKey::CompanySection)}</legend>
                {field(F::CompanyName, PageKey::FieldCompanyName, FieldKind::Text, "organization")}
                {field(F::CompanyForme, PageKey::FieldCompanyForme, FieldKind::Text, "off")}
                {field(F::CompanyCnil, PageKey::FieldCompanyCnil, FieldKind::Text, "off")}
                {field(F::CompanyCapital, PageKey::FieldCompanyCapital, FieldKind::Text, "off")}
                {field(F::CompanySiret, PageKey::FieldCompanySiret, FieldKind::Text, "off")}
                {field(F::CompanyRcs, PageKey::FieldCompanyRcs, FieldKind::Text, "off")}
                {field(F::CompanyTva, PageKey::FieldCompanyTva, FieldKind::Text, "off")}
            </fieldset>
            <div class="form-foot">
                {move || (invalid_count() > 0).then(|| view! {
                    <p class="field-error" role="alert" id="form-problems">
                        {move || locale.get().tr_count(PageKey::FixFields, invalid_count() as i64, &[])}
                    </p>
                })}
                {move || failure().map(|message| view! { <ErrorPanel message /> })}
                <JobProgress job title=Signal::derive(move || locale.get().tr(PageKey::CreatingSite).to_owned()) />
                <button type="submit" class="primary" disabled=busy>
                    {move || locale.get().tr(if busy() { PageKey::Creating } else { PageKey::CreateSite })}
                </button>
            </div>
        </form>
    }
}
