//! The organizing as the team's server keeps it (`kiubi_wire::team`): the document sent, what the
//! panel last agreed with the server, and what a first meeting does with what this browser already
//! has. Pure; `organize::kept` carries it out.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::workspace::Workspace;
use crate::api::ApiError;

/// Where the organizing stands with the team's server.
#[derive(Debug, Clone, PartialEq)]
pub enum Sharing {
    /// The server not asked yet.
    Checking,
    /// No server beside the API (static hosting, the API itself): kept in this browser only.
    DeviceOnly,
    /// The same as the team's.
    Shared,
    /// Changes made here wait for the server, which cannot be reached: kept in this browser meanwhile.
    Waiting,
    /// The server refused the changes (too large, malformed, too many requests…): kept here.
    Refused(ApiError),
}

/// What the panel last agreed with the server: its revision and the organizing at it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synced {
    pub revision: i64,
    pub workspace: Workspace,
}

/// The part of the organizing the team shares: all but the alerts each user put aside.
pub fn shared_part(workspace: &Workspace) -> Workspace {
    Workspace { snoozes: Vec::new(), ..workspace.clone() }
}

/// The server's document of `workspace`.
pub fn to_document(workspace: &Workspace) -> Value {
    json!({ "organize": shared_part(workspace) })
}

/// The organizing of a server's document, tidied as the panel would have made it; a document
/// without it is an empty one; `None` when its organizing cannot be read (a later version's, say).
pub fn from_document(document: &Value) -> Option<Workspace> {
    match document.get("organize") {
        None | Some(Value::Null) => Some(Workspace::default()),
        Some(part) => serde_json::from_value::<Workspace>(part.clone()).ok().map(Workspace::tidied),
    }
}

/// What the first meeting with the server does with this browser's organizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meeting {
    /// Nothing here that the team lacks: the team's is taken.
    Adopt,
    /// This browser has organizing of its own: the team's is shown, and this one offered to bring
    /// in (merge or replace, after a preview).
    Offer,
}

pub fn first_meeting(here: &Workspace, team: &Workspace) -> Meeting {
    let here = shared_part(here);
    if here == Workspace::default() || here == shared_part(team) {
        Meeting::Adopt
    } else {
        Meeting::Offer
    }
}

/// Whether the reply says there is no team server there: a 404 or 405 in the envelope, or a page
/// that is not one (a static host answers its `index.html`).
pub fn no_server(error: &ApiError) -> bool {
    matches!(error, ApiError::Api { http_status: 404 | 405 | 501, .. } | ApiError::Undecodable(_))
}

/// Whether trying again later may succeed: the server unreachable, slow or failing.
pub fn transient(error: &ApiError) -> bool {
    matches!(error, ApiError::Network(_) | ApiError::Timeout)
        || matches!(error, ApiError::Api { http_status, .. } if *http_status >= 500)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organize::workspace::Colour;
    use crate::portfolio::{Alert, Concern, Snooze, SnoozeFor};
    use kiubi_wire::calendar::Day;

    fn labelled(name: &str) -> Workspace {
        let mut ws = Workspace::default();
        ws.add_label(name, Colour::Red).unwrap();
        ws
    }

    #[test]
    fn the_document_carries_the_shared_part_and_reads_back() {
        let mut ws = labelled("VIP");
        let alert = Alert { code_site: "a".into(), name: "A".into(), concern: Concern::PendingOrders(3) };
        ws.snoozes.push(Snooze::of(&alert, SnoozeFor::UntilItChanges, Day { year: 2026, month: 12, day: 7 }));
        let document = to_document(&ws);
        assert!(document["organize"].get("snoozes").is_none(), "each user's own");
        assert_eq!(from_document(&document), Some(shared_part(&ws)));
        assert_eq!(from_document(&json!({})), Some(Workspace::default()));
        assert_eq!(from_document(&json!({"organize": {"labels": "VIP"}})), None);
    }

    #[test]
    fn a_first_meeting_offers_what_this_browser_has_of_its_own() {
        let empty = Workspace::default();
        assert_eq!(first_meeting(&empty, &labelled("Team")), Meeting::Adopt);
        assert_eq!(first_meeting(&labelled("Team"), &labelled("Team")), Meeting::Adopt);
        assert_eq!(first_meeting(&labelled("Mine"), &labelled("Team")), Meeting::Offer);
        assert_eq!(first_meeting(&labelled("Mine"), &empty), Meeting::Offer);
    }

    #[test]
    fn no_server_and_a_server_that_fails_are_told_apart() {
        let api = |http_status| ApiError::Api { http_status, code: 0, message: String::new(), fields: Vec::new() };
        assert!(no_server(&api(404)) && no_server(&ApiError::Undecodable("<html>".into())));
        assert!(!no_server(&api(503)) && transient(&api(503)) && transient(&ApiError::Network("offline".into())));
        assert!(!transient(&api(413)) && !no_server(&api(413)));
    }
}
