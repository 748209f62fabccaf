//! Endpoint paths, root-relative and with the `.json` suffix as Kiubi's back office writes them.

use crate::encoding::encode_component;

pub const PREFIX: &str = "/v1";

pub fn sites() -> String {
    format!("{PREFIX}/sites.json")
}

pub fn site(code_site: &str) -> String {
    format!("{PREFIX}/sites/{}.json", encode_component(code_site, false))
}

/// `/v1/sites/{code_site}/{rest}.json`.
fn under_site(code_site: &str, rest: &str) -> String {
    format!("{PREFIX}/sites/{}/{rest}.json", encode_component(code_site, false))
}

pub fn account() -> String {
    format!("{PREFIX}/account.json")
}

pub fn contact() -> String {
    format!("{PREFIX}/account/contact.json")
}

pub fn plans() -> String {
    format!("{PREFIX}/plans.json")
}

pub fn countries() -> String {
    format!("{PREFIX}/geo/countries.json")
}

pub fn rate() -> String {
    format!("{PREFIX}/rate.json")
}

pub fn auth_token() -> String {
    format!("{PREFIX}/auth/token.json")
}

pub fn backups(code_site: &str) -> String {
    under_site(code_site, "backups")
}

/// `{date}` is the backup's `id` from the list.
pub fn backup(code_site: &str, id: &str) -> String {
    under_site(code_site, &format!("backups/{}", encode_component(id, false)))
}

pub fn job(code_site: &str, job_id: i64) -> String {
    under_site(code_site, &format!("jobs/{job_id}"))
}

pub fn logs(code_site: &str) -> String {
    under_site(code_site, "logs")
}

pub fn stats(code_site: &str) -> String {
    under_site(code_site, "stats")
}

pub fn live(code_site: &str) -> String {
    under_site(code_site, "stats/live")
}

pub fn report(code_site: &str) -> String {
    under_site(code_site, "stats/report")
}

pub fn usage(code_site: &str) -> String {
    under_site(code_site, "stats/usage")
}

pub fn subscription(code_site: &str) -> String {
    under_site(code_site, "subscriptions")
}

pub fn options(code_site: &str) -> String {
    under_site(code_site, "subscriptions/options")
}

#[cfg(test)]
mod tests {
    #[test]
    fn site_codes_are_escaped_in_paths() {
        assert_eq!(super::sites(), "/v1/sites.json");
        assert_eq!(super::site("demo/../x"), "/v1/sites/demo%2F..%2Fx.json");
        assert_eq!(super::job("a b", 7), "/v1/sites/a%20b/jobs/7.json");
        assert_eq!(super::backup("s", "20261127030000"), "/v1/sites/s/backups/20261127030000.json");
        assert_eq!(super::options("s"), "/v1/sites/s/subscriptions/options.json");
    }
}
