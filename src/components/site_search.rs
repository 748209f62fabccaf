//! Finding a site by typing: a combobox over `sites.json?term=…&limit=5&sort=relevance`, debounced,
//! that offers the recent sites before anything is typed. The site switcher (Ctrl+K / Cmd+K) opens
//! it in a dialog; forms use it to pick a site.

use std::time::Duration;

use crate::components::page_resource;
use crate::router::use_navigate;
use kiubi_wire::enums::SiteSort;
use kiubi_wire::params::SitesQuery;
use leptos::ev;
use leptos::prelude::*;

use super::{use_debounced, Lazy, LazyView, Modal};
use crate::host::Embedded;
use crate::i18n::{tr, use_locale, Key, Message, PageKey};
use crate::organize::Label;
use crate::palette::{palette_actions, Action, PaletteActions};
use crate::places::{self, SiteTab};
use crate::recent::{use_recent, RecentSite};

/// How many sites a search proposes.
const PROPOSED: u32 = 5;
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// A proposal: a site, or (in the command palette) an action.
#[derive(Debug, Clone, PartialEq)]
enum Choice {
    Site(RecentSite),
    Act(Action),
    /// The sites with one of the agency's labels.
    Label(Label),
}

impl Choice {
    fn key(&self) -> String {
        match self {
            Choice::Site(site) => site.code_site.clone(),
            Choice::Act(action) => format!("action:{}", action.as_str()),
            Choice::Label(label) => format!("label:{}", label.name),
        }
    }
}

/// A search field with its list of proposals; `on_pick` gets the chosen site. With `actions` (the
/// actions offered for what is typed) and `on_action`, it is the command palette: actions first.
#[component]
pub fn SiteSearch<M: Message>(
    #[prop(into)] on_pick: Callback<RecentSite>,
    id: &'static str,
    label: M,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] actions: Option<Callback<String, Vec<Action>>>,
    #[prop(optional)] on_action: Option<Callback<Action>>,
    /// The labels found by what is typed (the command palette), and what choosing one does.
    #[prop(optional)]
    labels: Option<Callback<String, Vec<Label>>>,
    #[prop(optional)] on_label: Option<Callback<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let recent = use_recent();
    let typed = RwSignal::new(String::new());
    let term = use_debounced(typed, TYPING_PAUSE);
    let found = page_resource(move |client| {
        let term = term.get().trim().to_owned();
        async move {
            if term.is_empty() {
                return Ok((term, Vec::new()));
            }
            let query = SitesQuery {
                term: Some(term.clone()),
                sort: Some(SiteSort::Relevance),
                limit: Some(PROPOSED),
                ..Default::default()
            };
            let sites = client.sites(&query).await?.data.items;
            Ok((term, sites.into_iter().map(|s| RecentSite { code_site: s.code_site, name: s.name }).collect()))
        }
    });
    let searching = move || typed.with(|t| !t.trim().is_empty());
    let choices = Memo::new(move |_| {
        let sites = if searching() {
            found.get().and_then(Result::ok).map(|(_, sites)| sites).unwrap_or_default()
        } else {
            recent.list.get()
        };
        let acts = actions.map(|offered| offered.run(typed.get())).unwrap_or_default();
        let labelled = labels.map(|found| found.run(typed.get())).unwrap_or_default();
        acts.into_iter()
            .map(Choice::Act)
            .chain(labelled.into_iter().map(Choice::Label))
            .chain(sites.into_iter().map(Choice::Site))
            .collect::<Vec<_>>()
    });
    let active = RwSignal::new(0usize);
    Effect::new(move |_| {
        choices.track();
        active.set(0);
    });
    let pick = move |choice: Choice| match choice {
        Choice::Site(site) => on_pick.run(site),
        Choice::Act(action) => {
            if let Some(run) = on_action {
                run.run(action);
            }
        }
        Choice::Label(label) => {
            if let Some(show) = on_label {
                show.run(label.name);
            }
        }
    };
    let pick_active = move || {
        if let Some(choice) = choices.with_untracked(|c| c.get(active.get_untracked()).cloned()) {
            pick(choice);
        }
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let count = choices.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => active.update(|i| *i = (*i + 1).min(count - 1)),
            "ArrowUp" => active.update(|i| *i = i.saturating_sub(1)),
            "Enter" => pick_active(),
            _ => return,
        }
        ev.prevent_default();
    };
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(input)) = (autofocus, input.get()) {
            let _ = input.focus();
        }
    });
    let list_id = format!("{id}-list");
    let option_id = move |i: usize| format!("{id}-option-{i}");
    let status = move || {
        let locale = locale.get();
        if !searching() {
            return Some(
                locale
                    .tr(if recent.list.with(Vec::is_empty) { PageKey::TypeToSearch } else { PageKey::RecentSites })
                    .to_owned(),
            );
        }
        match found.get() {
            Some(Err(error)) => Some(error.user_message(locale)),
            Some(Ok((term, sites))) if sites.is_empty() && term == typed.get().trim() => {
                Some(locale.tr(PageKey::NoSiteMatches).to_owned())
            }
            _ => None,
        }
    };
    view! {
        <div class="site-search">
            <label for=id>{move || locale.get().tr(label)}</label>
            <input node_ref=input id=id type="search" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-controls=list_id.clone()
                aria-expanded=move || (!choices.with(Vec::is_empty)).to_string()
                aria-activedescendant=move || (!choices.with(Vec::is_empty)).then(|| option_id(active.get()))
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                on:keydown=on_keydown />
            <p class="search-status" aria-live="polite">{status}</p>
            <ul id=list_id role="listbox" aria-label=move || locale.get().tr(label)>
                // Keyed: typing one more letter keeps the options that stay where they were.
                <For each=move || choices.get().into_iter().enumerate()
                    key=|(i, choice)| (*i, choice.key())
                    children=move |(i, choice)| {
                        let chosen = choice.clone();
                        let (class, content) = match choice {
                            Choice::Site(site) => ("site", view! {
                                <bdi class="name">{site.name}</bdi>
                                <span class="code">{site.code_site}</span>
                            }.into_any()),
                            Choice::Act(action) => ("action", view! {
                                <span class="name">{move || locale.get().tr(action.label())}</span>
                            }.into_any()),
                            Choice::Label(label) => ("label-choice", view! {
                                <span class="name">{move || locale.get().tr(PageKey::LabelChoice)}</span>
                                " "
                                <span class=label.chip_class()><bdi>{label.name.clone()}</bdi></span>
                            }.into_any()),
                        };
                        view! {
                            <li role="option" class=class id=option_id(i) aria-selected=move || (active.get() == i).to_string()
                                on:mousemove=move |_| active.set(i)
                                on:click=move |_| pick(chosen.clone())>
                                {content}
                            </li>
                        }
                    } />
            </ul>
        </div>
    }
}

/// The top bar's "go to a site" button and dialog, also opened with Ctrl+K / Cmd+K from anywhere.
/// The dialog is in the lazy code, added on the first opening.
#[component]
pub fn SiteSwitcher() -> impl IntoView {
    let open = RwSignal::new(false);
    let embedded = expect_context::<Embedded>();
    let shortcut = window_event_listener(ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") && embedded.owns_keyboard() {
            ev.prevent_default();
            open.update(|open| *open = !*open);
        }
    });
    on_cleanup(move || shortcut.remove());
    let navigate = use_navigate();
    let go_to = Callback::new(move |site: RecentSite| {
        open.set(false);
        navigate(&places::site(&site.code_site, SiteTab::Overview), Default::default());
    });
    provide_context(Switcher { open, go_to });
    // Once opened, the dialog stays, closed, so that closing it is the dialog's own business.
    let opened = Memo::new(move |was: Option<&bool>| was.is_some_and(|was| *was) || open.get());
    view! {
        <button type="button" class="ghost switcher-button" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| open.set(true)>
            {tr(Key::GoToSite)} " " <kbd>"Ctrl K"</kbd>
        </button>
        {move || opened.get().then(|| view! { <Lazy view=LazyView::SwitcherDialog /> })}
    }
}

/// The switcher's state, for its dialog: whether it is open, and where a pick goes.
#[derive(Clone, Copy)]
struct Switcher {
    open: RwSignal<bool>,
    go_to: Callback<RecentSite>,
}

/// The switcher's dialog: the command palette, sites and actions. The button is on every page, the
/// dialog only once opened, so its code is in the lazy code (`LazyView::SwitcherDialog`).
#[component]
pub fn SwitcherDialog() -> impl IntoView {
    let Switcher { open, go_to } = expect_context();
    let locale = use_locale();
    let PaletteActions { offered, run, labels, show_label } = palette_actions(open);
    view! {
        <Modal open class="switcher" label=Signal::derive(move || locale.get().tr(Key::GoToSite).to_owned())>
            <SiteSearch on_pick=go_to id="switcher-search" label=Key::GoToSite autofocus=true actions=offered on_action=run labels on_label=show_label />
        </Modal>
    }
}
