//! The account's organizing for the session: one `Organizer`, made on first use under the session's
//! scope, read from and written to the account's workspace on the device (`Session::workspace`), and
//! read again when another tab of the browser changes it.

use leptos::prelude::*;

use super::workspace::Workspace;
use crate::owner::session_scoped;
use crate::session::{Session, UserData};
use crate::storage::KeptFor;

/// Where the organizing is kept, in the account's workspace.
const KEY: &str = "organize";

/// The account's labels, notes and views. Views read `workspace()`; every change goes through
/// `change`, which keeps it.
#[derive(Clone, Copy)]
pub struct Organizer {
    workspace: RwSignal<Workspace>,
    kept: StoredValue<Option<UserData>, LocalStorage>,
}

fn load(kept: Option<&UserData>) -> Workspace {
    kept.and_then(|data| data.read(KeptFor::Device, KEY))
        .and_then(|json| serde_json::from_str::<Workspace>(&json).ok())
        .map(Workspace::tidied)
        .unwrap_or_default()
}

impl Organizer {
    fn new(session: Session) -> Organizer {
        let kept = untrack(|| session.workspace());
        let organizer = Organizer { workspace: RwSignal::new(load(kept.as_ref())), kept: StoredValue::new_local(kept) };
        // The account may be known only later (a host's token is read at start): until then
        // nothing is shown or kept; then its own.
        Effect::new(move |first_run_done: Option<()>| {
            let kept = session.workspace();
            if first_run_done.is_some() {
                organizer.workspace.set(load(kept.as_ref()));
                organizer.kept.set_value(kept);
            }
        });
        // Another tab of this browser changed it (the browser says so to the others): this one
        // follows. Two tabs changing it at once: the last write wins.
        let follow = window_event_listener_untyped("storage", move |_| {
            let read = load(organizer.kept.get_value().as_ref());
            if organizer.workspace.with_untracked(|ws| *ws != read) {
                organizer.workspace.set(read);
            }
        });
        on_cleanup(move || follow.remove());
        organizer
    }

    /// The organizing (tracked).
    pub fn workspace(&self) -> ReadSignal<Workspace> {
        self.workspace.read_only()
    }

    /// Whether the account's workspace is known: until then a change would not be kept.
    pub fn is_ready(&self) -> bool {
        self.kept.with_value(Option::is_some)
    }

    /// Changes the organizing and keeps it for the device. A browser that refuses storage keeps it
    /// for the session only.
    pub fn change<R>(&self, change: impl FnOnce(&mut Workspace) -> R) -> R {
        let result = self.workspace.try_update(change).expect("the organizer lives as long as the session");
        if let Some(kept) = self.kept.get_value() {
            if let Ok(json) = self.workspace.with_untracked(serde_json::to_string) {
                kept.write(KeptFor::Device, KEY, &json);
            }
        }
        result
    }

    /// Removes the organizing from this device (after the user asked, and confirmed).
    pub fn forget_on_device(&self) {
        if let Some(kept) = self.kept.get_value() {
            kept.remove(KeptFor::Device, KEY);
        }
        self.workspace.set(Workspace::default());
    }
}

/// The session's organizer.
pub fn use_organizer() -> Organizer {
    session_scoped(|| Organizer::new(expect_context::<Session>()))
}
