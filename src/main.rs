fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        kiubi_panel::app::show_fatal_error();
    }));
    // The configuration is read before anything shows, so the first screen is the right one.
    wasm_bindgen_futures::spawn_local(async {
        let config = kiubi_panel::config::load().await;
        leptos::mount::mount_to_body(move || leptos::view! { <kiubi_panel::app::App config /> });
    });
}
