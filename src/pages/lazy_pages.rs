//! Which pages are in the lazy code, and its download at start when the first page is one of them.

use crate::places::Place;
use crate::session::Session;
use crate::storage::PanelStorage;

/// Every page whose code is in the lazy code: downloaded when the browser is idle
/// after the first screen.
pub const LAZY: &[crate::components::LazyPage] = &[
    super::home::LAZY,
    super::site::LAZY,
    super::stats::LAZY,
    super::activity::LAZY,
    super::backups::LAZY,
    super::subscription::LAZY,
    super::new_site::LAZY,
    super::account::LAZY,
    super::plans::LAZY,
];

/// Whether the page of `place` is one of `LAZY` (as the root's routes show it).
pub fn is_lazy(place: &Place) -> bool {
    !matches!(place, Place::SignIn | Place::Sites | Place::NotFound)
}

/// At the start of the panel's own page, before `config.json` is read: when the address is a lazy
/// page's and a token is kept, the chunk is fetched at once, beside `config.json`, so that the page's
/// requests go out when the configuration is there, as without the split (no wave more). The place is
/// guessed before the configuration says how places are kept (a hash that starts with `#/` is one);
/// a wrong guess costs an early download or a later one, never a wrong page.
pub fn preload_at_start(base_path: &str, pathname: &str, hash: &str) {
    if is_lazy(&place_at_start(base_path, pathname, hash)) && Session::is_kept(&PanelStorage::own_page()) {
        // Not Leptos' spawner: no panel has started it yet.
        wasm_bindgen_futures::spawn_local(async {
            // A failure is the page's to show and retry.
            let _ = (LAZY[0].load)().await;
        });
    }
}

/// The place of an address, guessed before the configuration is read.
fn place_at_start(base_path: &str, pathname: &str, hash: &str) -> Place {
    let path = match hash.strip_prefix('#').filter(|h| h.starts_with('/')) {
        Some(place) => place,
        None => pathname.strip_prefix(base_path.trim_end_matches('/')).unwrap_or(pathname),
    };
    Place::of_path(crate::router::path_of(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::SiteTab;

    #[test]
    fn the_place_at_start_is_read_from_the_path_under_the_base_or_from_a_hash() {
        assert_eq!(place_at_start("/", "/sites", ""), Place::Sites);
        assert_eq!(
            place_at_start("/admin/", "/admin/sites/abc/stats", ""),
            Place::Site("abc".into(), SiteTab::Statistics)
        );
        assert_eq!(place_at_start("/admin/", "/admin/", "#/plans?site=abc"), Place::Plans);
        assert_eq!(place_at_start("/admin/", "/admin/", "#top"), Place::Home);
        assert_eq!(place_at_start("/", "/sign-in?next=%2F", ""), Place::SignIn);
    }

    #[test]
    fn the_first_visit_s_pages_are_not_lazy() {
        assert!(!is_lazy(&Place::SignIn) && !is_lazy(&Place::Sites));
        assert!(is_lazy(&Place::Home) && is_lazy(&Place::Site("abc".into(), SiteTab::Overview)));
    }
}
