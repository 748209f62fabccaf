//! The account's organizing (labels, notes, views, thresholds, the reports' branding and comments)
//! for the session: one `Organizer`, made on first use under the session's
//! scope. It keeps the organizing on the device (`Session::workspace`, read again when another tab
//! of the browser changes it) and shares it with the team through the server beside the API
//! (`organize::sharing`): read every `POLL_MS`, each change written on the revision it was made
//! from, a colleague's write meanwhile merged in (`organize::merge`) and written again. While the
//! server cannot be reached, changes stay on the device and are sent when it answers.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::merge::merge;
use super::sharing::{
    first_meeting, from_document, no_server, shared_part, to_document, transient, Meeting, Sharing, Synced,
};
use super::workspace::Workspace;
use crate::api::{sleep_ms, ApiClient, ApiError};
use crate::client_report::branding::{self, Branding};
use crate::owner::session_scoped;
use crate::session::{Session, UserData};
use crate::storage::{KeptFor, Refused};
use kiubi_wire::team::{code, Write};

/// Where the organizing is kept, in the account's workspace on the device.
const KEY: &str = "organize";
/// What was last agreed with the team's server (`Synced`).
const SYNCED_KEY: &str = "organize.team";
/// This browser's organizing of before the server, not brought in yet.
const OFFER_KEY: &str = "organize.offer";
/// How often the team's server is asked for a colleague's changes.
const POLL_MS: u32 = 10_000;
/// How often a change waiting to be sent is looked for.
const TICK_MS: u32 = 250;

/// The account's labels, notes and views. Views read `workspace()`; every change goes through
/// `change`, which keeps it and has it sent to the team.
#[derive(Clone, Copy)]
pub struct Organizer {
    workspace: RwSignal<Workspace>,
    kept: StoredValue<Option<UserData>, LocalStorage>,
    sharing: RwSignal<Sharing>,
    /// This browser's organizing the team's lacks, offered to bring in.
    offer: RwSignal<Option<Workspace>>,
    synced: StoredValue<Option<Synced>, LocalStorage>,
    /// A change made here and not sent yet.
    unsent: StoredValue<bool>,
    /// The browser refused to keep the last change (its storage full): it was not made.
    refused: RwSignal<bool>,
}

fn read<T: serde::de::DeserializeOwned>(kept: Option<&UserData>, key: &str) -> Option<T> {
    kept.and_then(|data| data.read(KeptFor::Device, key)).and_then(|json| serde_json::from_str(&json).ok())
}

fn load(kept: Option<&UserData>) -> Workspace {
    let mut workspace = read::<Workspace>(kept, KEY).map(Workspace::tidied).unwrap_or_default();
    // The branding an earlier panel kept apart, brought in while the organizing has none.
    if workspace.branding == Branding::default() {
        workspace.branding = branding::load_earlier(kept).unwrap_or_default();
    }
    workspace
}

/// What the next round of sharing waits for.
enum Next {
    In(u32),
    Stop,
}

impl Organizer {
    fn new(session: Session) -> Organizer {
        let kept = untrack(|| session.workspace());
        let organizer = Organizer {
            workspace: RwSignal::new(load(kept.as_ref())),
            sharing: RwSignal::new(Sharing::Checking),
            offer: RwSignal::new(read(kept.as_ref(), OFFER_KEY)),
            synced: StoredValue::new_local(read(kept.as_ref(), SYNCED_KEY)),
            unsent: StoredValue::new(false),
            refused: RwSignal::new(false),
            kept: StoredValue::new_local(kept),
        };
        // The account may be known only later (a host's token is read at start): until then
        // nothing is shown or kept; then its own.
        Effect::new(move |first_run_done: Option<()>| {
            let kept = session.workspace();
            if first_run_done.is_some() {
                organizer.workspace.set(load(kept.as_ref()));
                organizer.offer.set(read(kept.as_ref(), OFFER_KEY));
                organizer.synced.set_value(read(kept.as_ref(), SYNCED_KEY));
                organizer.kept.set_value(kept);
            }
        });
        // Another tab of this browser changed it (the browser says so to the others): this one
        // follows. Two tabs changing it at once: the last write wins (the server merges colleagues).
        let follow = window_event_listener_untyped("storage", move |_| {
            let read = load(organizer.kept.get_value().as_ref());
            if organizer.workspace.with_untracked(|ws| *ws != read) {
                organizer.workspace.set(read);
            }
        });
        on_cleanup(move || follow.remove());
        spawn_local(organizer.share(session));
        organizer
    }

    /// The organizing (tracked).
    pub fn workspace(&self) -> ReadSignal<Workspace> {
        self.workspace.read_only()
    }

    /// Where it stands with the team's server (tracked).
    pub fn sharing(&self) -> ReadSignal<Sharing> {
        self.sharing.read_only()
    }

    /// This browser's organizing of before the team's server, not brought in yet (tracked).
    pub fn offer(&self) -> ReadSignal<Option<Workspace>> {
        self.offer.read_only()
    }

    /// Whether the account's workspace is known: until then a change would not be kept.
    pub fn is_ready(&self) -> bool {
        self.kept.with_value(Option::is_some)
    }

    /// Changes the organizing, keeps it for the device and has it sent to the team; or, when the
    /// browser refuses to keep it (its storage full), changes nothing and says so (here, and through
    /// `refused` to the sidebar). A browser without storage keeps it for the session only.
    pub fn change<R>(&self, change: impl FnOnce(&mut Workspace) -> R) -> Result<R, Refused> {
        let mut changed = self.workspace.get_untracked();
        let result = change(&mut changed);
        let kept = self.keep(KEY, &changed);
        self.refused.set(kept.is_err());
        kept?;
        self.workspace.set(changed);
        self.unsent.set_value(true);
        Ok(result)
    }

    /// Whether the browser refused to keep the last change (tracked).
    pub fn refused(&self) -> ReadSignal<bool> {
        self.refused.read_only()
    }

    /// Leaves this browser's earlier organizing out of the team's (the user chose so, or brought it
    /// in through `change`).
    pub fn close_offer(&self) {
        self.offer.set(None);
        if let Some(kept) = self.kept.get_value() {
            kept.remove(KeptFor::Device, OFFER_KEY);
        }
    }

    /// Removes the organizing from this device (after the user asked, and confirmed).
    pub fn forget_on_device(&self) {
        if let Some(kept) = self.kept.get_value() {
            for key in [KEY, SYNCED_KEY, OFFER_KEY] {
                kept.remove(KeptFor::Device, key);
            }
        }
        self.synced.set_value(None);
        self.workspace.set(Workspace::default());
    }

    fn keep<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), Refused> {
        match (self.kept.get_value(), serde_json::to_string(value)) {
            (Some(kept), Ok(json)) => kept.write(KeptFor::Device, key, &json),
            _ => Ok(()),
        }
    }

    /// Whether the session that made it is over.
    fn is_gone(&self) -> bool {
        self.workspace.try_with_untracked(|_| ()).is_none()
    }

    /// Shares the organizing with the team for as long as the session lasts.
    async fn share(self, session: Session) {
        let mut wait = 0;
        loop {
            let mut waited = 0;
            while waited < wait && !self.unsent.try_get_value().unwrap_or(false) {
                sleep_ms(TICK_MS).await;
                waited += TICK_MS;
                if self.is_gone() {
                    return;
                }
            }
            let client = untrack(|| session.client());
            if self.is_gone() || client.is_none() {
                return;
            }
            match self.share_once(client.as_ref().expect("checked")).await {
                Next::In(ms) => wait = ms,
                Next::Stop => return,
            }
        }
    }

    /// One round: the team's read, merged with what changed here, and written back when they differ.
    async fn share_once(&self, client: &ApiClient) -> Next {
        if !self.is_ready() {
            return Next::In(TICK_MS);
        }
        let since = self.synced.with_value(|s| s.as_ref().map(|s| s.revision));
        let stored = match client.team_workspace(since).await {
            Ok(reply) => reply.data,
            Err(error) => return self.failed(error, since.is_none()),
        };
        let theirs = match &stored.document {
            Some(document) => match from_document(document) {
                Some(theirs) => theirs,
                None => return self.failed(ApiError::Undecodable("the team's organizing".into()), false),
            },
            None => self.synced.with_value(|s| s.as_ref().map(|s| s.workspace.clone()).unwrap_or_default()),
        };
        if self.is_gone() {
            return Next::Stop;
        }
        let here = self.workspace.get_untracked();
        let next = match self.synced.get_value() {
            None => self.first_meeting(&here, &theirs),
            Some(synced) if synced.revision == stored.revision => here.clone(),
            Some(synced) => merge(&synced.workspace, &here, &theirs),
        };
        if next != here {
            self.workspace.set(next.clone());
            // A colleague's change: refused here, it is read again from the server at the next start.
            let _ = self.keep(KEY, &next);
        }
        self.agreed(Synced { revision: stored.revision, workspace: theirs.clone() });
        if shared_part(&next) == shared_part(&theirs) {
            self.unsent.set_value(false);
            self.sharing.set(Sharing::Shared);
            return Next::In(POLL_MS);
        }
        self.send(client, stored.revision, next).await
    }

    fn first_meeting(&self, here: &Workspace, theirs: &Workspace) -> Workspace {
        if first_meeting(here, theirs) == Meeting::Offer {
            let offered = shared_part(here);
            // Refused, the offer lasts for the session.
            let _ = self.keep(OFFER_KEY, &offered);
            self.offer.set(Some(offered));
        }
        Workspace { snoozes: here.snoozes.clone(), ..theirs.clone() }
    }

    fn agreed(&self, synced: Synced) {
        // Refused, the next start meets the server anew (`first_meeting`): nothing is lost.
        let _ = self.keep(SYNCED_KEY, &synced);
        self.synced.set_value(Some(synced));
    }

    /// Writes `next`, made from `revision`.
    async fn send(&self, client: &ApiClient, revision: i64, next: Workspace) -> Next {
        self.unsent.set_value(false);
        let write = Write { base_revision: revision, document: to_document(&next) };
        match client.write_team_workspace(&write).await {
            Ok(reply) => {
                self.agreed(Synced { revision: reply.data.revision, workspace: shared_part(&next) });
                self.sharing.set(Sharing::Shared);
                Next::In(POLL_MS)
            }
            // A colleague wrote first: read theirs, merge, write again.
            Err(ApiError::Api { code: code::STALE_REVISION, .. }) => Next::In(0),
            Err(error) => {
                self.unsent.set_value(true);
                self.failed(error, false)
            }
        }
    }

    /// What a failed exchange with the server says, and when to try again.
    fn failed(&self, error: ApiError, first: bool) -> Next {
        if error.is_auth_failure() || matches!(error, ApiError::Aborted) {
            // The session ends (the panel's auth hook), or the panel is going away.
            return Next::Stop;
        }
        if first && no_server(&error) {
            self.sharing.set(Sharing::DeviceOnly);
            return Next::Stop;
        }
        // A refusal holds until the next change; a server that cannot be reached is asked again.
        let (sharing, wait) =
            if transient(&error) { (Sharing::Waiting, POLL_MS / 2) } else { (Sharing::Refused(error), 6 * POLL_MS) };
        self.unsent.set_value(false);
        self.sharing.set(sharing);
        Next::In(wait)
    }
}

/// The session's organizer.
pub fn use_organizer() -> Organizer {
    session_scoped(|| Organizer::new(expect_context::<Session>()))
}
