//! A site: `SiteFrame` loads it once for all its tabs (header, tabs, breadcrumbs) and `SiteOverview`
//! shows its plan, features, access rights, account and the danger zone.

use kiubi_wire::calendar::Day;
use kiubi_wire::enums::{Scope, SiteExtra};
use kiubi_wire::models::Site;
use leptos::prelude::*;

use crate::clock;
use crate::components::{
    failure_of, loaded_with, page_action, page_resource, region, use_current_site, use_toasts, Breadcrumbs, Crumb,
    CurrentSite, Lazy, LazyView, Modal, PlanBadges, SentenceWith, ToastKind,
};
use crate::format;
use crate::host::use_title_with;
use crate::i18n::{tr, use_locale, Key, Locale, PageKey};
use crate::organize::{SiteLabels, SiteNote};
use crate::pages::stats::SiteFigures;
use crate::permissions::missing_scope;
use crate::places::{self, SiteTab};
use crate::recent::{use_recent, use_recent_list, RecentSite};
use crate::router::{use_navigate, use_pathname, A};
use crate::site_address::{shown_address, web_address};
use crate::site_plan::closes_soon;

pub fn tab_label(tab: SiteTab) -> PageKey {
    match tab {
        SiteTab::Overview => PageKey::TabOverview,
        SiteTab::Statistics => PageKey::TabStatistics,
        SiteTab::Activity => PageKey::TabActivity,
        SiteTab::Backups => PageKey::TabBackups,
        SiteTab::Subscription => PageKey::TabSubscription,
    }
}

/// The sidebar's entries inside the site being shown, under its name (`LazyView::SiteNavigation`).
#[component]
pub fn SiteNavigation() -> impl IntoView {
    let pathname = use_pathname();
    let recent = use_recent_list();
    let code = Memo::new(move |_| pathname.with(|path| places::site_of_path(path).map(str::to_owned)));
    region(move || {
        let code = code.get()?;
        let locale = use_locale();
        // The frame records the site on load; until then the code stands for its name.
        let name = {
            let code = code.clone();
            Memo::new(move |_| {
                recent
                    .with(|list| list.iter().find(|s| s.code_site == code).map(|s| s.name.clone()))
                    .unwrap_or_else(|| code.clone())
            })
        };
        let entries = SiteTab::ALL
            .iter()
            .map(|tab| {
                view! { <A href=places::site(&code, *tab) exact=true>{move || locale.get().tr(tab_label(*tab))}</A> }
            })
            .collect_view();
        Some(view! {
            <div class="in-site" role="group" aria-label=name>
                <p class="site-name">{name}</p>
                {entries}
            </div>
        })
    })
}

/// Which site and tab the site's page shows: given by the root, which knows the place.
#[derive(Clone)]
pub struct SitePlace {
    pub code: String,
    pub tab: Memo<SiteTab>,
}

/// A site's pages (the frame and its tabs), in the lazy code.
#[component]
pub fn SitePage() -> impl IntoView {
    let SitePlace { code, tab } = expect_context();
    view! { <SiteFrame code tab /> }
}

/// A site's header and tabs around the tab `tab`; the site is loaded once for all its tabs.
#[component]
fn SiteFrame(code: String, tab: Memo<SiteTab>) -> impl IntoView {
    let locale = use_locale();
    let code = Signal::stored(code);
    let site = page_resource(move |client| {
        let code = code.get();
        async move {
            let extras = [SiteExtra::Scopes, SiteExtra::Features, SiteExtra::Account];
            client.site(&code, &extras).await.map(|reply| reply.data)
        }
    });
    provide_context(CurrentSite { code, site });
    let read_site = move || site.get().and_then(Result::ok);
    use_title_with(move |locale| {
        read_site().map(|s| s.name).unwrap_or_else(|| locale.tr(PageKey::SiteTitle).to_owned())
    });
    let recent = use_recent();
    Effect::new(move |_| {
        if let Some(site) = read_site() {
            recent.visit(RecentSite { code_site: site.code_site, name: site.name });
        }
    });
    let failed = Memo::new(move |_| matches!(site.get(), Some(Err(_))));
    // A tab the token's scopes do not include, once the site says so: its notice instead.
    let missing = Memo::new(move |_| {
        let tab = tab.get();
        read_site().and_then(|s| missing_scope(s.scopes.as_deref(), tab))
    });
    view! {
        // A site that cannot be read still says where the user is.
        {move || failed.get().then(|| view! {
            <Breadcrumbs trail=vec![
                Crumb::message(Key::NavSites, Some(places::SITES.to_owned())),
                Crumb::text(code.get_untracked(), None),
            ] />
        })}
        // Drawn at once from the code in the address, then filled in: what follows does not move.
        {loaded_with(
            site,
            move || view! { <SiteHeader code=code.get_untracked() site=None /> },
            move |site| view! { <SiteHeader code=code.get_untracked() site=Some(site) /> },
        )}
        // The tab is mounted at once, so its own requests go out with the site's (one wave, not
        // two); it waits for the site only where it needs it, and stays mounted while the site is
        // refreshed. A site that cannot be read shows its error alone.
        // The tab is read before `missing`: read first, that memo (which reads the tab too and stays
        // `None` across most tab changes) left the region unsubscribed from the tab (reactive_graph 0.2).
        <Show when=move || !failed.get()>
            {region(move || { let tab = tab.get(); match (missing.get(), tab) {
                (Some(scope), _) => view! {
                    <p class="notice no-right" role="status">
                        {move || no_right(locale.get(), scope)}
                    </p>
                }.into_any(),
                (None, SiteTab::Overview) => view! { <SiteOverview /> }.into_any(),
                (None, SiteTab::Statistics) => view! { <Lazy view=LazyView::Statistics /> }.into_any(),
                (None, SiteTab::Activity) => view! { <Lazy view=LazyView::Activity /> }.into_any(),
                (None, SiteTab::Backups) => view! { <Lazy view=LazyView::Backups /> }.into_any(),
                (None, SiteTab::Subscription) => view! { <Lazy view=LazyView::Subscription /> }.into_any(),
            }})}
        </Show>
    }
}

/// Why a tab is withheld: the access right it needs.
fn no_right(locale: Locale, scope: Scope) -> String {
    locale.tr_with(PageKey::NoRightSection, &[("scope", scope.as_str())])
}

/// Name, code, links and creation date, the breadcrumbs and the tabs; while the site loads, the same
/// frame with its code for a name and every tab offered, so that nothing below it moves when it comes.
#[component]
fn SiteHeader(code: String, site: Option<Site>) -> impl IntoView {
    let locale = use_locale();
    let name = site.as_ref().map_or_else(|| code.clone(), |site| site.name.clone());
    let scopes = site.as_ref().and_then(|site| site.scopes.clone());
    let meta = site.map(|site| {
        let created = site.creation_date.map(|date| date.day);
        view! {
            <a href=web_address(&site.domain) target="_blank" rel="noopener noreferrer">{shown_address(&site.domain).to_owned()}</a>
            <a href=web_address(&site.backoffice) target="_blank" rel="noopener noreferrer">
                {tr(PageKey::BackOffice)}
            </a>
            <span>{move || locale.get().tr_with(PageKey::CreatedOn, &[("date", &format::day(locale.get(), created))])}</span>
        }
    });
    let loading = meta.is_none();
    let labels = view! { <SiteLabels code=code.clone() name=name.clone() /> };
    view! {
        <Breadcrumbs trail=vec![
            Crumb::message(Key::NavSites, Some(places::SITES.to_owned())),
            Crumb::text(name.clone(), None),
        ] />
        <header class="site-head" aria-busy=loading.then_some("true")>
            <h1>{name}</h1>
            <p class="meta">
                <span class="code">{code.clone()}</span>
                {meta}
                {loading.then(|| view! { <span class="placeholder">{tr(Key::Loading)}</span> })}
            </p>
            {labels}
        </header>
        <nav class="site-tabs" aria-label=tr(PageKey::SiteSections)>
            {SiteTab::ALL
                .iter()
                .map(|tab| {
                    let label = move || locale.get().tr(tab_label(*tab));
                    match missing_scope(scopes.as_deref(), *tab) {
                        None => view! { <A href=places::site(&code, *tab) exact=true>{label}</A> }.into_any(),
                        // Not offered: said why.
                        Some(scope) => view! {
                            <span class="tab-off" aria-disabled="true"
                                title=move || no_right(locale.get(), scope)>{label}</span>
                        }.into_any(),
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The words for a feature or an access right (`cms`, `site:checkout`…); unknown ones as given.
fn area_label(locale: Locale, name: &str) -> String {
    let key = match name.strip_prefix("site:").unwrap_or(name) {
        "cms" => PageKey::AreaCms,
        "blog" => PageKey::AreaBlog,
        "seo" => PageKey::AreaSeo,
        "forms" => PageKey::AreaForms,
        "catalog" => PageKey::AreaCatalog,
        "checkout" => PageKey::AreaCheckout,
        "backup" => PageKey::AreaBackup,
        "subscription" => PageKey::AreaSubscription,
        "users" => PageKey::AreaUsers,
        "account" => PageKey::AreaAccount,
        "layout" => PageKey::AreaLayout,
        "theme" => PageKey::AreaTheme,
        "pref" => PageKey::AreaPrefs,
        "modules" => PageKey::AreaModules,
        "marketing" => PageKey::AreaMarketing,
        "domains" => PageKey::AreaDomains,
        _ => return name.to_owned(),
    };
    locale.tr(key).to_owned()
}

/// Names as chips, or a word saying there are none.
#[component]
fn Chips(names: Vec<String>) -> impl IntoView {
    let locale = use_locale();
    if names.is_empty() {
        return view! { <p class="muted">{tr(PageKey::None)}</p> }.into_any();
    }
    view! {
        <ul class="chips">
            {names
                .into_iter()
                .map(|name| {
                    let raw = name.clone();
                    view! { <li title=raw>{move || area_label(locale.get(), &name)}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn SiteOverview() -> impl IntoView {
    let current = use_current_site();
    view! {
        <SiteFigures code=current.code.get_untracked() />
        {move || current.site.get().and_then(Result::ok).map(|site| view! { <OverviewOf site /> })}
    }
}

/// What the site's own reply tells: plan, features, access rights, account, danger zone.
#[component]
fn OverviewOf(site: Site) -> impl IntoView {
    let locale = use_locale();
    let plan = site.plan.clone();
    let warning = closes_soon(&plan, clock::today());
    let day = move |date: Option<Day>| date.map(|d| move || format::day(locale.get(), Some(d)));
    let closing = day(plan.closing_date);
    let trial_end = day(plan.endtrial_date);
    let balance = plan.balance;
    let account = site.account.clone();
    view! {
        {warning.map(|days| view! {
            <div class="warning-panel" role="alert">
                {move || locale.get().tr_count(PageKey::ClosesSoonWarning, days, &[])}
            </div>
        })}
        <div class="cards">
            <SiteNote code=site.code_site.clone() />
            <section class="card plan">
                <h2>{tr(PageKey::PlanTitle)}</h2>
                <p class="plan-name"><bdi>{plan.plan_name.clone()}</bdi> " " <PlanBadges plan=plan.clone() /></p>
                <dl>
                    {trial_end.map(|d| view! { <dt>{tr(PageKey::TrialEnds)}</dt><dd>{d}</dd> })}
                    {closing.map(|d| view! { <dt>{tr(PageKey::ClosingDate)}</dt><dd>{d}</dd> })}
                    {balance.map(|b| view! {
                        <dt>{tr(PageKey::CreditsBalance)}</dt>
                        <dd>{move || format::number(locale.get(), b as f64, 0)}</dd>
                    })}
                </dl>
            </section>
            <section class="card">
                <h2>{tr(PageKey::FeaturesTitle)}</h2>
                <Chips names=site.features.clone().map(|f| f.0).unwrap_or_default() />
            </section>
            <section class="card">
                <h2>{tr(PageKey::ScopesTitle)}</h2>
                <Chips names=site.scopes.iter().flatten().map(|scope| scope.as_str().to_owned()).collect() />
            </section>
            {account.map(|account| view! {
                <section class="card">
                    <h2>{tr(PageKey::AccountTitle)}</h2>
                    <dl>
                        <dt>{tr(PageKey::AccountType)}</dt><dd>{account.account_type}</dd>
                        <dt>{tr(PageKey::AccountLevel)}</dt><dd>{account.account_level}</dd>
                    </dl>
                </section>
            })}
        </div>
        <DangerZone code_site=site.code_site.clone() name=site.name.clone() />
    }
}

/// Deleting the site: a dialog that says what is lost and asks for the site code.
#[component]
fn DangerZone(code_site: String, name: String) -> impl IntoView {
    let locale = use_locale();
    let open = RwSignal::new(false);
    view! {
        <section class="danger-zone">
            <h2>{tr(PageKey::DangerZone)}</h2>
            <p>{tr(PageKey::DeleteSiteIntro)}</p>
            <button type="button" class="danger" on:click=move |_| open.set(true)>
                {tr(PageKey::DeleteSite)}
            </button>
            <Modal open class="confirm" label=Signal::derive(move || locale.get().tr(PageKey::DeleteSite).to_owned())>
                <DeleteForm code_site=code_site.clone() name=name.clone() open />
            </Modal>
        </section>
    }
}

#[component]
fn DeleteForm(code_site: String, name: String, open: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let recent = use_recent();
    let navigate = use_navigate();
    let router = crate::router::use_router();
    let typed = RwSignal::new(String::new());
    let delete = page_action(move |client, code: String| async move { client.delete_site(&code).await.map(|_| code) });
    let code = StoredValue::new(code_site);
    let matches = move || typed.with(|t| code.with_value(|code| t.trim() == code));
    Effect::new(move |_| {
        if let Some(Ok(code)) = delete.value().get() {
            open.set(false);
            recent.forget(&code);
            router.announce("kiubi-site-deleted", &code);
            toasts.push(ToastKind::Success, locale.get_untracked().tr_with(PageKey::SiteDeleted, &[("code", &code)]));
            navigate(places::SITES, Default::default());
        }
    });
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches() && !delete.pending().get_untracked() {
            delete.dispatch(code.get_value());
        }
    };
    let failure = failure_of(delete);
    let prompt = move || locale.get().tr_with(PageKey::TypeCodeToConfirm, &[("code", &code.get_value())]);
    view! {
        <form on:submit=confirm>
            <h2>{tr(PageKey::DeleteSite)}</h2>
            <p class="delete-explanation"><SentenceWith key=PageKey::DeleteExplanation placeholder="{name}" value=name /></p>
            <label for="delete-confirm">{prompt}</label>
            <input id="delete-confirm" autocomplete="off" spellcheck="false" autofocus
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
            {move || failure().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            <div class="actions">
                <button type="button" class="ghost" on:click=move |_| open.set(false)>
                    {tr(PageKey::Cancel)}
                </button>
                <button type="submit" class="danger" disabled=move || !matches() || delete.pending().get()>
                    {move || locale.get().tr(if delete.pending().get() { PageKey::Deleting } else { PageKey::DeleteForGood })}
                </button>
            </div>
        </form>
    }
}
