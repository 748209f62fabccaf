//! What aborts a page's requests when the page is left.

/// Aborts the requests of a page when the page is left (its reactive owner is cleaned up).
pub struct PageScope {
    controller: send_wrapper::SendWrapper<web_sys::AbortController>,
}

impl PageScope {
    /// Must be created inside the page's component.
    pub fn new() -> PageScope {
        let controller = send_wrapper::SendWrapper::new(web_sys::AbortController::new().expect("AbortController"));
        let on_leave = controller.clone();
        leptos::prelude::on_cleanup(move || on_leave.abort());
        PageScope { controller }
    }

    pub(super) fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// Aborts now (also done when the page is left).
    pub fn abort(&self) {
        self.controller.abort();
    }
}

impl Default for PageScope {
    fn default() -> PageScope {
        PageScope::new()
    }
}
