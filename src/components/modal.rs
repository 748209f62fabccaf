//! A modal dialog.

use leptos::prelude::*;

/// A modal dialog, open while `open` is true, its content built afresh each time it opens. Escape,
/// a click on the backdrop and `open.set(false)` close it; the browser keeps the focus inside.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    #[prop(into)] class: String,
    #[prop(into)] label: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    view! {
        // A click on the backdrop lands on the dialog itself.
        <dialog node_ref=dialog class=class aria-label=move || label.get()
            on:close=move |_| open.set(false)
            on:click=move |ev| {
                if ev.target() == ev.current_target() {
                    open.set(false);
                }
            }>
            {move || open.get().then(|| children())}
        </dialog>
    }
}
