//! Whether an element has been seen, through an IntersectionObserver.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Becomes true once `node`'s element has come into view (and stays so): what it shows can wait
/// until then (the portfolio's cards load their figures only then).
pub fn use_seen<E>(node: NodeRef<E>) -> ReadSignal<bool>
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    type Observing = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>);
    let (seen, set_seen) = signal(false);
    let observing = StoredValue::new_local(None::<Observing>);
    Effect::new(move |_| {
        let Some(element) = node.get() else {
            return;
        };
        let on_change = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible =
                    entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
                if visible {
                    set_seen.set(true);
                    observer.disconnect();
                }
            },
        );
        if let Ok(observer) = web_sys::IntersectionObserver::new(on_change.as_ref().unchecked_ref()) {
            observer.observe(element.unchecked_ref());
            observing.set_value(Some((observer, on_change)));
        }
    });
    on_cleanup(move || {
        observing.try_with_value(|observing| observing.as_ref().map(|(observer, _)| observer.disconnect()));
    });
    seen
}
