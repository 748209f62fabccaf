//! Output formats of the reference, field names exactly as the API writes them.
//! "Facultatif" fields are `Option`; unknown fields are ignored (serde's default).

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `plan` block of a site (sites list and site detail).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SitePlan {
    #[serde(deserialize_with = "lenient::int")]
    pub plan_id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub plan_name: String,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub balance: Option<i64>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_closed: bool,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_trial: bool,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_demo: bool,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_free: bool,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub closing_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub endtrial_date: Option<String>,
}

/// `account` block of a site (`extra_fields=account`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SiteAccount {
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_level: String,
}

/// A site, as listed by `GET /v1/sites.json` and detailed by `GET /v1/sites/{code_site}.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Site {
    #[serde(deserialize_with = "lenient::string")]
    pub code_site: String,
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    pub plan: SitePlan,
    /// Main public domain, with its scheme (e.g. `https://…`).
    #[serde(deserialize_with = "lenient::string")]
    pub domain: String,
    /// Back-office host name.
    #[serde(deserialize_with = "lenient::string")]
    pub backoffice: String,
    /// `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DD`.
    #[serde(deserialize_with = "lenient::string")]
    pub creation_date: String,
    /// Access rights of the current token (`extra_fields=scopes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Subscribed features (`extra_fields=features`); the API writes an object `{name: true}`, a list is accepted too.
    #[serde(default, deserialize_with = "features", skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    /// `extra_fields=account`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<SiteAccount>,
}

fn features<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    use serde_json::Value;
    Ok(match Value::deserialize(d)? {
        Value::Object(map) => {
            Some(map.into_iter().filter(|(_, on)| on.as_bool().unwrap_or(true)).map(|(name, _)| name).collect())
        }
        Value::Array(items) => Some(items.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written from the reference's output format of `GET /v1/sites.json`.
    const SITE: &str = r#"{
        "code_site": "boutique-demo", "name": "Boutique démo",
        "plan": {"plan_id": "3", "plan_name": "Pro", "balance": 12, "is_closed": false, "is_trial": "1",
                 "is_demo": false, "is_free": 0, "closing_date": false, "endtrial_date": "2026-12-03"},
        "domain": "https://boutique-demo.kiubi.example", "backoffice": "boutique-demo.kiubi-admin.example",
        "creation_date": "2024-01-15 10:32:00", "unknown_field": {"ignored": true}
    }"#;

    #[test]
    fn decodes_a_listed_site() {
        let site: Site = serde_json::from_str(SITE).unwrap();
        assert_eq!(site.code_site, "boutique-demo");
        assert_eq!(site.plan.plan_id, 3);
        assert!(site.plan.is_trial && !site.plan.is_free);
        assert_eq!(site.plan.closing_date, None);
        assert_eq!(site.plan.endtrial_date.as_deref(), Some("2026-12-03"));
        assert_eq!((site.scopes, site.features, site.account), (None, None, None));
    }

    #[test]
    fn decodes_extra_fields_of_a_site_detail() {
        let mut value: serde_json::Value = serde_json::from_str(SITE).unwrap();
        value["scopes"] = serde_json::json!(["site:backup", "site:subscription"]);
        value["features"] = serde_json::json!({"catalog": true, "checkout": true, "extranet": false});
        value["account"] = serde_json::json!({"account_type": "prestataire", "account_level": "expert"});
        let site: Site = serde_json::from_value(value).unwrap();
        assert_eq!(site.scopes.unwrap().len(), 2);
        assert_eq!(site.features.unwrap(), vec!["catalog", "checkout"]);
        assert_eq!(site.account.unwrap().account_level, "expert");
    }
}
