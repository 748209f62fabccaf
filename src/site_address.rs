//! The web addresses the API gives (a site's domain and back office, an avatar), made into links
//! that only ever lead to the web or to the panel's own paths, and shown as people read them.

/// Whether an address starts with `http://` or `https://`, in any case.
fn has_web_scheme(address: &str) -> bool {
    let lower = address.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A link for an address the API gives with or without a scheme (`domain`, `backoffice`). Anything
/// else than http(s) becomes a host name under https, so no `javascript:` link can come from data.
pub fn web_address(address: &str) -> String {
    let address = address.trim();
    if has_web_scheme(address) {
        address.to_owned()
    } else {
        format!("https://{address}")
    }
}

/// An image address from the API (an avatar), used only when it is a web address or a path of the
/// panel's own site; anything else (`javascript:`, `data:`, `//host`, `/\\host`) gets the fallback.
pub fn image_address(url: &str) -> Option<String> {
    let url = url.trim();
    (has_web_scheme(url) || crate::places::is_own_path(url)).then(|| url.to_owned())
}

/// An address as people read it: without `https://` and a trailing slash.
pub fn shown_address(address: &str) -> &str {
    let address = address.trim();
    let without_scheme = ["https://", "http://"].iter().find_map(|s| address.strip_prefix(s)).unwrap_or(address);
    without_scheme.strip_suffix('/').unwrap_or(without_scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_web_links() {
        assert_eq!(web_address("https://www.a.example"), "https://www.a.example");
        assert_eq!(web_address("a.kiubi-admin.example"), "https://a.kiubi-admin.example");
        assert_eq!(web_address("javascript:alert(1)"), "https://javascript:alert(1)");
        assert_eq!(shown_address("https://www.a.example/"), "www.a.example");
        assert_eq!(shown_address("a.example"), "a.example");
        assert_eq!(image_address(" HTTPS://cdn.example/a.png").as_deref(), Some("HTTPS://cdn.example/a.png"));
        assert_eq!(image_address("/media/a.png").as_deref(), Some("/media/a.png"));
        for refused in
            ["//evil.example/a.png", "/\\evil.example/a.png", "javascript:alert(1)", "data:image/png;base64,AA", ""]
        {
            assert_eq!(image_address(refused), None, "{refused}");
        }
    }
}
