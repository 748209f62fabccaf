fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        kiubi_panel::fatal::show_fatal_error();
    }));
    // A host page embeds the panel with <kiubi-admin> (which `embed.js` registers) or `mount()`;
    // the panel's own page asks for the whole body.
    let standalone = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|body| body.has_attribute("data-kiubi-panel"));
    if standalone {
        if let Some(location) = web_sys::window().map(|w| w.location()) {
            kiubi_panel::pages::preload_at_start(
                &kiubi_panel::config::document_base_path().unwrap_or_default(),
                &location.pathname().unwrap_or_default(),
                &location.hash().unwrap_or_default(),
            );
        }
        // The configuration is read before anything shows, so the first screen is the right one.
        wasm_bindgen_futures::spawn_local(async {
            let config = kiubi_panel::config::load().await;
            if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
                // index.html's frame goes in the task that draws the panel: nothing is painted between.
                body.set_text_content(None);
                // The panel lives as long as its page.
                kiubi_panel::app::mount(body, config, None, None).forget();
            }
        });
    }
}
