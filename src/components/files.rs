//! Files the user chooses and downloads: an `<input type="file">`'s file and its content, and a
//! JSON file to download (the branding's, the organizing's).

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

/// A link's `href` that downloads `json` (with the link's `download` name).
pub fn json_href(json: &str) -> String {
    format!("data:application/json;charset=utf-8,{}", kiubi_wire::encoding::encode_component(json, false))
}
