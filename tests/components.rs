//! Components rendered into the DOM of a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use kiubi_panel::bulk::BulkActions;
use kiubi_panel::components::{Chart, ErrorPanel, PlanBadges, Series, Shape, ToastKind, ToastRegion, Toasts};
use kiubi_panel::components::{DrawLabels, RowLabels, SitesTable};
use kiubi_panel::i18n::Locale;
use kiubi_panel::organize::{row_labels, use_organizer, Colour};
use kiubi_panel::owner::SessionScope;
use kiubi_panel::session::Session;
use kiubi_panel::storage::PanelStorage;
use kiubi_wire::calendar::{DateTime, Day};
use kiubi_wire::models::{Site, SitePlan};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::wait_until;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh element of the page, in English, and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    mount_in(BulkActions::new(false), view)
}

/// The same, with `bulk` as the frame's bulk actions (its selection), and what else the signed-in
/// frame gives (a session kept in memory, its scope).
fn mount_in<V: IntoView + 'static>(bulk: BulkActions, view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(RwSignal::new(Locale::En));
        provide_context(bulk);
        // Links and navigation need a router; in memory, so tests leave the address bar alone.
        kiubi_panel::router::Router::provide(kiubi_panel::router::RoutingMode::Memory, "", None);
        provide_context(Session::restore(PanelStorage::embedded(None), String::new()));
        SessionScope::provide();
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
        creation_date: DateTime::parse_iso("2024-01-15 10:32:00"),
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
    assert!(text.contains("alpha") && text.contains("beta.example"));
    assert_eq!(host.query_selector("td.date").unwrap().unwrap().text_content().unwrap(), "Jan 15, 2024");
    // Markup in API data is shown literally, never parsed.
    assert!(text.contains(hostile));
    assert!(host.query_selector("img").unwrap().is_none());
    let site_link = host.query_selector("tbody tr td.name a").unwrap().unwrap();
    // In memory (as embedded), links carry the place after a `#`.
    assert_eq!(site_link.get_attribute("href").as_deref(), Some("#/sites/alpha"));
    let public = host.query_selector("tbody tr td.domain a").unwrap().unwrap();
    assert_eq!(public.get_attribute("href").as_deref(), Some("https://alpha.example"));
    assert_eq!(public.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

/// A row's labels are the lazy code's: drawn once it has filled in `RowLabels` (as the sites list's
/// tools do), on their site's row only.
#[wasm_bindgen_test]
async fn sites_table_rows_show_their_site_s_labels() {
    let drawn = RwSignal::new(None);
    let host = mount(move || {
        provide_context(RowLabels(drawn));
        use_organizer()
            .change(|ws| {
                ws.add_label("VIP", Colour::Purple).unwrap();
                ws.set_label(&["beta".to_owned()], "VIP", true);
            })
            .expect("a panel without storage keeps it in memory");
        view! { <SitesTable sites=vec![site("alpha", "Alpha"), site("beta", "Beta")] /> }
    });
    let labels = |code: &str| host.query_selector(&format!("tr[data-code={code}] .site-labels")).unwrap();
    assert!(labels("beta").is_none(), "not before the lazy code is there");
    drawn.set(Some(row_labels as DrawLabels));
    wait_until("the labels of beta", || std::future::ready(labels("beta").is_some())).await;
    assert_eq!(labels("beta").unwrap().text_content().unwrap(), "VIP");
    assert!(labels("alpha").is_none());
}

#[wasm_bindgen_test]
fn sites_table_checkboxes_select_sites_a_shift_click_range_and_the_page() {
    let bulk = BulkActions::new(false);
    let sites: Vec<Site> = ["a", "b", "c", "d"].iter().map(|code| site(code, code)).collect();
    let host = mount_in(bulk, move || view! { <SitesTable sites /> });
    let click = |css: &str, shift: bool| {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_shift_key(shift);
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
        host.query_selector(css).unwrap().unwrap().dispatch_event(&event).unwrap();
    };
    let count = || bulk.selection.with_untracked(|s| s.count());
    click("tbody tr:nth-child(1) input", false);
    assert_eq!(count(), 1);
    assert!(bulk.selection.with_untracked(|s| s.is_selected("a")));
    click("tbody tr:nth-child(3) input", true);
    assert_eq!(count(), 3, "a to c");
    click("thead input", false);
    assert_eq!(count(), 4, "the page");
    click("thead input", false);
    assert_eq!(count(), 0, "all ticked: the page's box unticks them");
}

#[wasm_bindgen_test]
fn plan_badges_say_closed_trial_and_credits() {
    let plan = SitePlan {
        is_trial: true,
        endtrial_date: Day::parse_iso("2099-03-01"),
        balance: Some(12),
        ..SitePlan::default()
    };
    let host = mount(move || view! { <PlanBadges plan /> });
    let badges: Vec<String> = (0..host.query_selector_all(".badge").unwrap().length())
        .map(|i| host.query_selector_all(".badge").unwrap().item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(badges, ["Trial until Mar 1, 2099", "12 credits"]);
    let closed = mount(|| view! { <PlanBadges plan=SitePlan { is_closed: true, ..SitePlan::default() } /> });
    assert_eq!(closed.query_selector(".badge.danger").unwrap().unwrap().text_content().unwrap(), "Closed");
}

#[wasm_bindgen_test]
async fn a_chart_draws_a_bar_per_day_and_tells_the_focused_day() {
    let host = mount(|| {
        let series = vec![Series {
            name: "Visitors".into(),
            values: vec![Some(3.0), None, Some(12.0)],
            shape: Shape::Bars,
            class: "current",
        }];
        let labels = vec!["Mar 1".to_owned(), "Mar 2".to_owned(), "Mar 3".to_owned()];
        view! { <Chart label="Visitors per day" labels series format_value=Callback::new(|v: f64| format!("{v:.0}")) /> }
    });
    // A missing figure draws no bar; the axis tops at a round value above the largest.
    assert_eq!(host.query_selector_all("rect.bar").unwrap().length(), 2);
    let texts = |css: &str| -> Vec<String> {
        let found = host.query_selector_all(css).unwrap();
        (0..found.length()).map(|i| found.item(i).unwrap().text_content().unwrap()).collect()
    };
    // The y axis's ticks are anchored at their end, the x axis's labels in their middle.
    let expected: Vec<String> = kiubi_panel::chart::nice_ticks(12.0, 5).iter().map(|v| format!("{v:.0}")).collect();
    assert_eq!(texts("text.tick[text-anchor=end]"), expected);
    assert_eq!(texts("text.tick[text-anchor=middle]"), ["Mar 1", "Mar 2", "Mar 3"]);
    assert!(expected.last().unwrap().parse::<f64>().unwrap() >= 12.0, "{expected:?}");
    let svg: web_sys::HtmlElement = host.query_selector("svg").unwrap().unwrap().unchecked_into();
    assert_eq!(svg.get_attribute("aria-label").as_deref(), Some("Visitors per day"));
    svg.focus().unwrap();
    // Effects run after the event.
    let tooltip =
        || host.query_selector(".chart-tooltip").unwrap().map(|t| t.text_content().unwrap()).unwrap_or_default();
    wait_until("the tooltip of the focused day", || {
        std::future::ready(tooltip().contains("Mar 3") && tooltip().contains("Visitors: 12"))
    })
    .await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    let left = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    svg.dispatch_event(&left).unwrap();
    wait_until("the tooltip of the day before", || {
        std::future::ready(tooltip().contains("Mar 2") && tooltip().contains("Visitors: —"))
    })
    .await;
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
    wait_until("one toast left", || std::future::ready(host.query_selector_all(".toast").unwrap().length() == 1)).await;
    let left = host.query_selector_all(".toast").unwrap();
    assert_eq!(left.length(), 1);
    assert_eq!(left.get(0).unwrap().text_content().unwrap().trim_end_matches('×'), "<b>Not saved</b>");
}

#[wasm_bindgen_test]
fn a_fatal_error_leaves_a_readable_message_and_a_reload_link() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_text_content(Some("the app was here"));
    kiubi_panel::fatal::show_fatal_error_in(&host);
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(!alert.text_content().unwrap().contains("the app was here"));
    assert!(alert.query_selector("p").unwrap().unwrap().text_content().unwrap().len() > 20);
    assert!(alert.query_selector("a[href]").unwrap().is_some());
}

/// The wasm memory's size in bytes (it only grows).
fn memory_bytes() -> u32 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
}

/// How much the memory grows while a region showing 200 translated texts is drawn again `turns`
/// times, as a page turn or a route change redraws a page.
async fn growth_over_redraws(turns: u32, redraw: fn(RwSignal<u32>) -> AnyView) -> u32 {
    let turn = RwSignal::new(0u32);
    let host = mount(move || redraw(turn));
    // A first round lets the allocator settle.
    for _ in 0..20 {
        turn.update(|n| *n += 1);
        any_spawner::Executor::tick().await;
    }
    let before = memory_bytes();
    for _ in 0..turns {
        turn.update(|n| *n += 1);
        any_spawner::Executor::tick().await;
    }
    let grown = memory_bytes() - before;
    host.remove();
    grown
}

fn many_texts() -> impl IntoView {
    use kiubi_panel::i18n::{tr, Key};
    (0..200).map(|_| view! { <span>{tr(Key::Loading)}</span> }).collect_view()
}

/// A region drawn again and again leaves nothing behind among the subscribers of the panel's
/// language signal (reactive_graph 0.2 keeps a dropped view's closures there, see
/// `components::region`); a plain closure, for comparison, does.
#[wasm_bindgen_test]
async fn redrawn_regions_do_not_leak() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let leaky = growth_over_redraws(300, |turn| {
        (move || {
            turn.track();
            many_texts()
        })
        .into_any()
    })
    .await;
    let scoped = growth_over_redraws(300, |turn| {
        kiubi_panel::components::region(move || {
            turn.track();
            many_texts()
        })
        .into_any()
    })
    .await;
    assert!(leaky > 2_000_000, "the comparison leaks as expected: {leaky} bytes");
    assert!(scoped < 256 * 1024, "a region grew the memory by {scoped} bytes over 300 redraws");
}
