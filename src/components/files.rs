//! Files the user chooses and downloads: an `<input type="file">`'s file and its content, what
//! reading it came to, and a JSON file to download (the branding's, the organizing's).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file an `<input type="file">` holds. The input is emptied, so the same file may be chosen
/// again after a fix.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

pub async fn bytes_of(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub async fn text_of(file: &web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// What reading a chosen file came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    Read(String),
    /// Not taken: nothing changed, and why.
    Refused(String),
}

/// The line under a file's buttons saying what reading it came to: a status, or an alert when the
/// file was refused.
#[component]
pub fn FileOutcomeLine(id: &'static str, outcome: RwSignal<Option<FileOutcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|outcome| {
            let (refused, message) = match outcome {
                FileOutcome::Read(message) => (false, message),
                FileOutcome::Refused(message) => (true, message),
            };
            view! {
                <p class:field-error=refused class:hint=!refused role=if refused { "alert" } else { "status" } id=id>{message}</p>
            }
        })
    }
}

/// A link's `href` that downloads `json` (with the link's `download` name).
pub fn json_href(json: &str) -> String {
    format!("data:application/json;charset=utf-8,{}", kiubi_wire::encoding::encode_component(json, false))
}
