fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        kiubi_panel::app::show_fatal_error();
    }));
    leptos::mount::mount_to_body(kiubi_panel::app::App);
}
