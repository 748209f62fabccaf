//! Run-time configuration: one build serves every deployment. It comes from `config.json` beside
//! `index.html` (optional: missing means the defaults), and, when the panel is embedded, from the
//! attributes of its element, which win.
//!
//! ```json
//! { "apiBase": "https://api.example.com", "locale": "fr", "basePath": "/admin",
//!   "routing": "path", "signIn": { "apiKey": true, "login": true, "apiBaseField": true },
//!   "jobDeadlineMinutes": 10 }
//! ```

use serde::{Deserialize, Deserializer};

use crate::router::RoutingMode;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Origin (and path) of the API; empty: the panel's own origin.
    pub api_base: String,
    /// The language before the user picks one (`fr`, `en`); none: the browser's.
    pub locale: Option<String>,
    /// Where the panel lives, for path routing (`/admin`); none: the document's `<base href>`.
    pub base_path: Option<String>,
    /// `path`, `hash` or `memory`; an unknown word falls back to path routing.
    #[serde(deserialize_with = "routing_mode")]
    pub routing: RoutingMode,
    pub sign_in: SignInFile,
    /// After this many minutes a job still running is said to take unusually long.
    pub job_deadline_minutes: u32,
    /// A token handed over by an embedding host: no sign-in screen then.
    #[serde(skip)]
    pub token: Option<String>,
    /// An embedded panel keeps its session and its user's data in the browser's storage under this
    /// key, when its host opts in; else only in memory.
    #[serde(skip)]
    pub storage_key: Option<String>,
}

/// `signIn` as the file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SignInFile {
    pub api_key: bool,
    pub login: bool,
    /// Unset: offered only when `apiBase` is not set (see `Config::sign_in_options`).
    pub api_base_field: Option<bool>,
}

impl Default for SignInFile {
    fn default() -> SignInFile {
        SignInFile { api_key: true, login: true, api_base_field: None }
    }
}

/// Which ways in the sign-in screen offers, and whether the API address can be changed there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInOptions {
    pub api_key: bool,
    pub login: bool,
    pub api_base_field: bool,
}

fn routing_mode<'de, D: Deserializer<'de>>(d: D) -> Result<RoutingMode, D::Error> {
    Ok(RoutingMode::parse(&String::deserialize(d)?).unwrap_or_default())
}

impl Default for Config {
    fn default() -> Config {
        Config {
            api_base: String::new(),
            locale: None,
            base_path: None,
            routing: RoutingMode::Path,
            sign_in: SignInFile::default(),
            job_deadline_minutes: crate::api::jobs::DEADLINE_MINUTES,
            token: None,
            storage_key: None,
        }
    }
}

impl Config {
    /// A `config.json`; unknown keys are ignored, a broken file says why.
    pub fn from_json(text: &str) -> Result<Config, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The embedding element's attributes over this configuration (`api-base`, `locale`,
    /// `base-path`, `routing`, `token`, `storage-key`).
    pub fn with_attributes(mut self, attribute: impl Fn(&str) -> Option<String>) -> Config {
        if let Some(api_base) = attribute("api-base") {
            self.api_base = api_base;
        }
        if let Some(locale) = attribute("locale") {
            self.locale = Some(locale);
        }
        if let Some(base_path) = attribute("base-path") {
            self.base_path = Some(base_path);
        }
        if let Some(routing) = attribute("routing") {
            self.routing = RoutingMode::parse(&routing).unwrap_or_default();
        }
        self.token = attribute("token").filter(|t| !t.trim().is_empty());
        self.storage_key = attribute("storage-key").filter(|k| !k.trim().is_empty());
        self
    }

    /// At least one way in, whatever the file says. The API address field is off by default when
    /// the deployment names its API: a key typed into a panel pinned to an API must not be sent
    /// anywhere else on someone's say-so.
    pub fn sign_in_options(&self) -> SignInOptions {
        let file = self.sign_in;
        SignInOptions {
            api_key: file.api_key || !file.login,
            login: file.login,
            api_base_field: file.api_base_field.unwrap_or(self.api_base.trim().is_empty()),
        }
    }
}

/// The path of the document's `<base href>`, if it has one.
pub fn document_base_path() -> Option<String> {
    let document = web_sys::window()?.document()?;
    document.query_selector("base[href]").ok()??;
    let base = document.base_uri().ok()??;
    web_sys::Url::new(&base).ok().map(|url| url.pathname())
}

/// `config.json` beside `index.html` (relative to the document's base).
pub async fn load() -> Config {
    let Some(url) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base("config.json", &base).ok())
        .map(|url| url.href())
    else {
        return Config::default();
    };
    match crate::api::fetch_text(&url, crate::api::MAX_REPLY_BYTES).await {
        Some(text) => Config::from_json(&text).unwrap_or_else(|why| {
            web_sys::console::warn_1(&format!("config.json ignored: {why}").into());
            Config::default()
        }),
        None => Config::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_file_then_attributes() {
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
        let config = Config::from_json(
            r#"{"apiBase":"https://api.example.com","routing":"hash","signIn":{"login":false},"future":1,
                "jobDeadlineMinutes":3}"#,
        )
        .unwrap();
        assert_eq!(config.api_base, "https://api.example.com");
        assert_eq!(config.routing, RoutingMode::Hash);
        assert_eq!((config.job_deadline_minutes, Config::default().job_deadline_minutes), (3, 10));
        // The file names its API: no address field unless asked for.
        assert_eq!(config.sign_in_options(), SignInOptions { api_key: true, login: false, api_base_field: false });
        assert!(Config::default().sign_in_options().api_base_field);
        let asked =
            Config::from_json(r#"{"apiBase":"https://api.example.com","signIn":{"apiBaseField":true}}"#).unwrap();
        assert!(asked.sign_in_options().api_base_field);
        let embedded = config.with_attributes(|name| match name {
            "routing" => Some("memory".into()),
            "token" => Some("abc".into()),
            "locale" => Some("en".into()),
            _ => None,
        });
        assert_eq!(embedded.routing, RoutingMode::Memory);
        assert_eq!(embedded.token.as_deref(), Some("abc"));
        assert_eq!(embedded.locale.as_deref(), Some("en"));
        assert_eq!(embedded.api_base, "https://api.example.com");
        assert!(Config::from_json("{not json").is_err());
        assert_eq!(Config::from_json(r#"{"routing":"weird"}"#).unwrap().routing, RoutingMode::Path);
        assert_eq!(
            Config::default().with_attributes(|name| (name == "routing").then(|| "odd".into())).routing,
            RoutingMode::Path
        );
    }

    #[test]
    fn there_is_always_a_way_in() {
        let none = Config {
            sign_in: SignInFile { api_key: false, login: false, api_base_field: Some(false) },
            ..Config::default()
        };
        assert!(none.sign_in_options().api_key);
    }
}
