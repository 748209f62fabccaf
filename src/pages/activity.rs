//! A site's activity feed (`logs.json`): type chips (several at once), a "since" date-time, pages of
//! 20, all in the URL.

use crate::router::{use_navigate, use_query_map, NavigateOptions};
use kiubi_wire::calendar::{DateTime, Moment};
use kiubi_wire::enums::ActivityType;
use kiubi_wire::models::Activity;
use kiubi_wire::paging::Paging;
use leptos::prelude::*;

use crate::clock;
use crate::components::{loaded, page_resource, use_current_site, Pager, UnreadableItems};
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, Locale, PageKey};
use crate::places::{self, with_query, ActivityView, SiteTab};
use crate::site_address::image_address;
use crate::wording::activity_label;

const PAGE_SIZE: u32 = 20;

fn type_icon(kind: Option<ActivityType>) -> &'static str {
    match kind {
        Some(ActivityType::Login) => "⎆",
        Some(ActivityType::Update) => "✎",
        Some(ActivityType::Comment) => "💬",
        Some(ActivityType::Checkout) => "🛒",
        Some(ActivityType::Form) => "✉",
        None => "•",
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let locale = use_locale();
    use_title(PageKey::TabActivity);
    let current = use_current_site();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|q| ActivityView::from_query(|name| q.get(name))));
    let navigate = use_navigate();
    let href = move |view: &ActivityView| {
        with_query(&places::site(&current.code.get_untracked(), SiteTab::Activity), &view.to_query())
    };
    let show =
        move |view: ActivityView| navigate(&href(&view), NavigateOptions { scroll: false, ..Default::default() });
    // The reply with the page it was asked for: the page shown is the page requested.
    let logs = page_resource(move |client| {
        let code = current.code.get();
        let view = filters.get();
        let query = view.to_logs_query(PAGE_SIZE);
        async move { client.logs(&code, &query).await.map(|reply| (view.page, reply)) }
    });
    let since_typed = RwSignal::new(String::new());
    Effect::new(move |_| since_typed.set(filters.get().since.map(Moment::to_input_value).unwrap_or_default()));
    let chip = {
        let show = show.clone();
        move |kind: ActivityType| {
            let show = show.clone();
            let on = move || filters.with(|f| f.types.contains(&kind));
            view! {
                <button type="button" class="chip" aria-pressed=move || on().to_string() data-type=kind.as_str()
                    on:click=move |_| show(filters.get_untracked().toggled(kind))>
                    <span aria-hidden="true">{type_icon(Some(kind))}</span> " " {move || locale.get().tr(activity_label(kind))}
                </button>
            }
        }
    };
    let apply_since = {
        let show = show.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let since = Moment::parse_input_value(&since_typed.get_untracked());
            show(ActivityView { since, page: 0, ..filters.get_untracked() });
        }
    };
    let clear_since = move |_| show.clone()(ActivityView { since: None, page: 0, ..filters.get_untracked() });
    view! {
        <div class="activity-filters">
            <div class="chips-filter" role="group" aria-label=tr(PageKey::ActivityTypes)>
                {ActivityType::ALL.iter().copied().map(chip).collect_view()}
            </div>
            <form class="since" on:submit=apply_since>
                <label for="activity-since">{tr(PageKey::Since)}</label>
                <input type="datetime-local" id="activity-since" prop:value=move || since_typed.get()
                    on:input=move |ev| since_typed.set(event_target_value(&ev)) />
                <button type="submit" class="ghost">{tr(PageKey::Apply)}</button>
                {move || filters.with(|f| f.since.is_some()).then(|| view! {
                    <button type="button" class="ghost" on:click=clear_since.clone()>{tr(PageKey::Clear)}</button>
                })}
            </form>
        </div>
        {loaded(logs, move |(page, reply)| {
            if reply.data.is_empty() {
                return view! { <p class="empty">{tr(PageKey::NoActivity)}</p> }.into_any();
            }
            let paging = Paging::of(&reply.meta, page, PAGE_SIZE, reply.data.len());
                let page_href = Callback::new(move |page| href(&ActivityView { page, ..filters.get_untracked() }));
                view! {
                    <ol class="feed">
                        {reply.data.items.into_iter().map(|activity| view! { <ActivityItem activity /> }).collect_view()}
                    </ol>
                    <UnreadableItems items=reply.data.unreadable />
                    <Pager paging page_href counted=counted_events />
                }
                .into_any()
        })}
    }
}

/// The feed's count: "1–20 of 143 events".
fn counted_events(locale: Locale, from: &str, to: &str, total: Option<&str>) -> String {
    match total {
        Some(total) => locale.tr_with(PageKey::ShownOfTotalEvents, &[("from", from), ("to", to), ("total", total)]),
        None => locale.tr_with(PageKey::ShownEvents, &[("from", from), ("to", to)]),
    }
}

#[component]
fn ActivityItem(activity: Activity) -> impl IntoView {
    let locale = use_locale();
    // A type the panel does not know gets a neutral dot and its own name.
    let kind = activity.activity_type.known();
    let type_name = activity.activity_type.as_str().to_owned();
    let initials: String = activity.user_name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    let avatar = image_address(&activity.avatar_thumb_url);
    let broken = RwSignal::new(false);
    let when = activity.creation_date;
    let ago = move || match when {
        Some(when) => {
            format::relative(locale.get(), clock::now().seconds_since_epoch() - when.moment().seconds_since_epoch())
        }
        None => format::UNKNOWN.to_owned(),
    };
    view! {
        <li class="event" data-type=activity.activity_type.as_str().to_owned()>
            <span class="event-icon" aria-hidden="true">{type_icon(kind)}</span>
            <span class="avatar" aria-hidden="true">
                {move || match avatar.clone().filter(|_| !broken.get()) {
                    Some(src) => view! { <img src=src alt="" loading="lazy" width="32" height="32" on:error=move |_| broken.set(true) /> }.into_any(),
                    None => view! { <span class="initials">{initials.clone()}</span> }.into_any(),
                }}
            </span>
            <div class="event-body">
                <p class="event-text">{activity.text}</p>
                <p class="event-meta">
                    <span class="visually-hidden">{move || kind.map_or_else(|| type_name.clone(), |k| locale.get().tr(activity_label(k)).to_owned())}</span>
                    <bdi class="user">{activity.user_name}</bdi>
                    {(!activity.user_profil.is_empty()).then(|| view! { <bdi class="profile">{activity.user_profil}</bdi> })}
                    <time datetime=when.map(DateTime::to_iso) title=move || format::date(locale.get(), when)>{ago}</time>
                </p>
            </div>
        </li>
    }
}
