//! The browser's timer, and plain reads of the deployment's own files.

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text at `url` (a file of the deployment, such as `config.json`), or `None` when it is missing
/// or unreachable. No token is sent.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if response.ok() {
        response.text().await.ok()
    } else {
        None
    }
}
