//! Components rendered into the DOM of a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use kiubi_panel::components::{ErrorPanel, ToastKind, ToastRegion, Toasts};
use kiubi_panel::i18n::Locale;
use kiubi_panel::pages::sites::SitesTable;
use kiubi_wire::models::Site;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh element of the page, in English, and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(RwSignal::new(Locale::En));
        view()
    })
    .forget();
    host
}

fn site(code: &str, name: &str) -> Site {
    Site {
        code_site: code.into(),
        name: name.into(),
        domain: format!("https://{code}.example"),
        creation_date: "2024-01-15 10:32:00".into(),
        ..Site::default()
    }
}

#[wasm_bindgen_test]
fn sites_table_shows_one_row_per_site_with_names_as_text() {
    let hostile = "<img src=x onerror=alert(1)>";
    let host = mount(move || view! { <SitesTable sites=vec![site("alpha", "Alpha"), site("beta", hostile)] /> });
    let rows = host.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    let text = host.text_content().unwrap();
    assert!(text.contains("alpha") && text.contains("https://beta.example"));
    assert_eq!(host.query_selector("td.date").unwrap().unwrap().text_content().unwrap(), "Jan 15, 2024");
    // Markup in API data is shown literally, never parsed.
    assert!(text.contains(hostile));
    assert!(host.query_selector("img").unwrap().is_none());
    let link = host.query_selector("tbody tr a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://alpha.example"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

#[wasm_bindgen_test]
fn sites_table_says_when_there_is_no_site() {
    let host = mount(|| view! { <SitesTable sites=vec![] /> });
    assert!(host.query_selector("table").unwrap().is_none());
    assert_eq!(host.text_content().unwrap(), "No site on this account.");
}

#[wasm_bindgen_test]
fn error_panel_shows_the_message_and_retries() {
    let retries = Arc::new(AtomicU32::new(0));
    let counter = retries.clone();
    let host = mount(move || {
        let retry = Callback::new(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        view! { <ErrorPanel message="The API cannot be reached".to_owned() on_retry=retry /> }
    });
    assert_eq!(
        host.query_selector("[role=alert] p").unwrap().unwrap().text_content().unwrap(),
        "The API cannot be reached"
    );
    let button: web_sys::HtmlElement = host.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Retry");
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn toasts_appear_in_a_live_region_and_can_be_dismissed() {
    let host = mount(|| {
        let toasts = Toasts::provide();
        toasts.push(ToastKind::Success, "Saved");
        toasts.push(ToastKind::Error, "<b>Not saved</b>");
        view! { <ToastRegion /> }
    });
    let region = host.query_selector("[role=status][aria-live=polite]").unwrap().unwrap();
    assert_eq!(region.query_selector_all(".toast").unwrap().length(), 2);
    assert!(region.text_content().unwrap().contains("<b>Not saved</b>"), "text, not markup");
    assert!(host.query_selector(".toast.error").unwrap().is_some());
    let dismiss: web_sys::HtmlElement = host.query_selector(".toast button").unwrap().unwrap().unchecked_into();
    dismiss.click();
    // The list re-renders on the next tick.
    kiubi_panel::api::sleep_ms(20).await;
    let left = host.query_selector_all(".toast").unwrap();
    assert_eq!(left.length(), 1);
    assert_eq!(left.get(0).unwrap().text_content().unwrap().trim_end_matches('×'), "<b>Not saved</b>");
}

#[wasm_bindgen_test]
fn a_fatal_error_leaves_a_readable_message_and_a_reload_link() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_text_content(Some("the app was here"));
    kiubi_panel::app::show_fatal_error_in(&host);
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(!alert.text_content().unwrap().contains("the app was here"));
    assert!(alert.query_selector("p").unwrap().unwrap().text_content().unwrap().len() > 20);
    assert!(alert.query_selector("a[href]").unwrap().is_some());
}
