//! The command palette's actions, for the switcher's dialog (in the lazy code): which
//! are offered where the user is (on a site's pages, with the token's scopes there, read once per
//! site), and what each does. The recent ones are kept per account on the device.

use kiubi_wire::enums::SiteExtra;
use leptos::prelude::*;

use super::actions::{actions, labels_found, remember, Action, Context};
use crate::bulk::{use_bulk_actions, BulkAction};
use crate::components::page_resource;
use crate::components::{sign_out, use_toasts};
use crate::i18n::Locale;
use crate::organize::{use_organizer, Label};
use crate::places::{self, SitesView};
use crate::prefs::Theme;
use crate::router::{use_navigate, use_pathname};
use crate::session::Session;
use crate::storage::KeptFor;

/// Where the recent actions are kept, in the account's data.
const RECENT: &str = "recentActions";
/// Recent actions kept.
const KEEP: usize = 3;

pub struct PaletteActions {
    /// The actions offered for what is typed.
    pub offered: Callback<String, Vec<Action>>,
    pub run: Callback<Action>,
    /// The agency's labels found by what is typed, and the showing of a label's sites.
    pub labels: Callback<String, Vec<Label>>,
    pub show_label: Callback<String>,
}

/// The palette's actions, while the dialog is `open`.
pub fn palette_actions(open: RwSignal<bool>) -> PaletteActions {
    let session = expect_context::<Session>();
    let user = StoredValue::new_local(session.user_data());
    let recent = RwSignal::new(user.with_value(|user| {
        let kept = user.as_ref().and_then(|user| user.read(KeptFor::Device, RECENT)).unwrap_or_default();
        kept.split(',').filter_map(Action::parse).collect::<Vec<_>>()
    }));
    let pathname = use_pathname();
    let site = Memo::new(move |_| pathname.with(|path| places::site_of_path(path).map(str::to_owned)));
    // The token's scopes on the current site, read when the palette opens on one (not while it is
    // closed: a site's page has read them for itself).
    let scopes = page_resource(move |client| {
        let code = site.get().filter(|_| open.get());
        async move {
            match code {
                Some(code) => client.site(&code, &[SiteExtra::Scopes]).await.map(|reply| Some(reply.data)),
                None => Ok(None),
            }
        }
    });
    let context = move || Context {
        site: site.get(),
        scopes: scopes.get().and_then(Result::ok).flatten().map(|site| site.scopes),
    };
    let offered = Callback::new(move |typed: String| {
        let context = context();
        let found = actions(&typed, &context, &recent.get());
        // Nothing typed: the recent actions only, the sites after them.
        if typed.trim().is_empty() {
            recent.with(|recent| found.into_iter().filter(|a| recent.contains(a)).collect())
        } else {
            found
        }
    });
    let bulk = use_bulk_actions();
    let navigate = use_navigate();
    let toasts = use_toasts();
    let locale = expect_context::<RwSignal<Locale>>();
    let theme = expect_context::<RwSignal<Theme>>();
    let to_label = navigate.clone();
    let run = Callback::new(move |action: Action| {
        // Read before closing: closing lets the site's reply go.
        let code = site.get_untracked();
        let name = scopes.get_untracked().and_then(Result::ok).flatten().map(|s| s.name);
        open.set(false);
        let kept = remember(&recent.get_untracked(), action, KEEP);
        if let Some(user) = user.get_value() {
            let names: Vec<&str> = kept.iter().map(|a| a.as_str()).collect();
            // Refused, the recent actions last for the session.
            let _ = user.write(KeptFor::Device, RECENT, &names.join(","));
        }
        recent.set(kept);
        match action {
            Action::Open(tab) => {
                if let Some(code) = code {
                    navigate(&places::site(&code, tab), Default::default());
                }
            }
            Action::BackUp => {
                if let Some(code) = code {
                    bulk.asked.set(Some(BulkAction::BackupOf(code.clone(), name.unwrap_or(code))));
                }
            }
            Action::Report => {
                if let Some(code) = code {
                    navigate(&places::report_of(&code), Default::default());
                }
            }
            Action::NewSite => navigate(places::NEW_SITE, Default::default()),
            Action::Export => bulk.asked.set(Some(BulkAction::Export)),
            Action::SwitchLanguage => locale.update(|l| *l = if *l == Locale::Fr { Locale::En } else { Locale::Fr }),
            Action::SwitchTheme => theme.update(|t| *t = t.next()),
            Action::SignOut => sign_out(session, toasts, locale.get_untracked(), &navigate),
        }
    });
    let workspace = use_organizer().workspace();
    let labels = Callback::new(move |typed: String| workspace.with(|ws| labels_found(&typed, &ws.labels)));
    let show_label = Callback::new(move |name: String| {
        open.set(false);
        let view = SitesView { labels: vec![name], ..Default::default() };
        to_label(&view.url_at(places::SITES), Default::default());
    });
    PaletteActions { offered, run, labels, show_label }
}
