//! How long the 12-month chart (365 days, two series) takes to render in the browser:
//! `scripts/bench.sh` runs it (`cargo bench --target wasm32-unknown-unknown --bench chart`), headless
//! Chromium prints the time per render. It must stay well under a frame (16 ms).

#![cfg(target_arch = "wasm32")]

mod browser {
    use std::time::Duration;

    use kiubi_panel::components::{Chart, Series, Shape};
    use leptos::prelude::*;
    use wasm_bindgen_test::{wasm_bindgen_bench, Criterion};

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn year(offset: f64) -> Vec<Option<f64>> {
        (0..365).map(|i| Some(100.0 + offset + (i as f64 / 9.0).sin() * 40.0 + (i % 7) as f64 * 6.0)).collect()
    }

    #[wasm_bindgen_bench]
    fn chart_of_365_days(c: &mut Criterion) {
        *c = std::mem::take(c).sample_size(30).measurement_time(Duration::from_secs(4));
        let document = web_sys::window().unwrap().document().unwrap();
        let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(document.create_element("div").unwrap());
        document.body().unwrap().append_child(&host).unwrap();
        let labels: Vec<String> = (0..365).map(|i| format!("J{i}")).collect();
        c.bench_function("chart/365 days, 2 series: mount and unmount", |b| {
            b.iter(|| {
                let labels = labels.clone();
                let handle = leptos::mount::mount_to(host.clone(), move || {
                    let series = vec![
                        Series { name: "Visiteurs".into(), values: year(0.0), shape: Shape::Line, class: "current" },
                        Series {
                            name: "Période précédente".into(),
                            values: year(-20.0),
                            shape: Shape::Line,
                            class: "previous",
                        },
                    ];
                    view! {
                        <Chart label="bench" labels series format_value=Callback::new(|v: f64| format!("{v:.0}")) />
                    }
                });
                drop(handle);
            })
        });
    }
}
