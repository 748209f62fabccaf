//! The browser's timer and its `fetch`: the one place where a request leaves the panel.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The HTTP methods the API is called with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request for `fetch`: the browser's own, without a wrapper crate (the first visit's bytes).
pub struct Outgoing<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<&'a str>,
    pub signal: Option<&'a web_sys::AbortSignal>,
}

/// The status and body text of a reply (`None` when longer than `max_body`: not read when it says its
/// length), or the browser's reason for having none (offline, refused, aborted).
pub async fn fetch(request: Outgoing<'_>, max_body: usize) -> Result<(u16, Option<String>), String> {
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    let headers = web_sys::Headers::new().map_err(reason)?;
    for (name, value) in request.headers {
        headers.set(name, value).map_err(reason)?;
    }
    init.set_headers(&headers);
    if let Some(body) = request.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(request.signal);
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(request.url, &init)).await.map_err(reason)?.unchecked_into();
    let declared = response.headers().get("content-length").ok().flatten().and_then(|n| n.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max_body) {
        return Ok((response.status(), None));
    }
    let text = JsFuture::from(response.text().map_err(reason)?).await.map_err(reason)?;
    let text = text.as_string().unwrap_or_default();
    Ok((response.status(), (text.len() <= max_body).then_some(text)))
}

/// A browser error as a sentence for developers.
fn reason(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error.as_string().unwrap_or_default(),
    }
}

/// The text at `url` (a file of the deployment, such as `config.json`), or `None` when it is missing,
/// unreachable or larger than `max_body`. No token is sent.
pub async fn fetch_text(url: &str, max_body: usize) -> Option<String> {
    let request = Outgoing { method: Method::Get, url, headers: &[], body: None, signal: None };
    match fetch(request, max_body).await {
        Ok((200..=299, text)) => text,
        _ => None,
    }
}
