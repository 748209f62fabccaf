//! Endpoint paths, root-relative and with the `.json` suffix as Kiubi's back office writes them.

use crate::params::encode_component;

pub const PREFIX: &str = "/v1";

pub fn sites() -> String {
    format!("{PREFIX}/sites.json")
}

pub fn site(code_site: &str) -> String {
    format!("{PREFIX}/sites/{}.json", encode_component(code_site, false))
}

#[cfg(test)]
mod tests {
    #[test]
    fn site_codes_are_escaped_in_paths() {
        assert_eq!(super::sites(), "/v1/sites.json");
        assert_eq!(super::site("demo/../x"), "/v1/sites/demo%2F..%2Fx.json");
    }
}
