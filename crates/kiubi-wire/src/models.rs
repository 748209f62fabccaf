//! Output formats of the reference, field names exactly as the API writes them.
//! "Facultatif" fields are `Option`; unknown fields are ignored (serde's default).

use serde::{Deserialize, Serialize};

use crate::calendar::{DateTime, Day};
use crate::enums::{ActivityType, JobStatus, Scope};
use crate::lenient::{self, Known};

/// `plan` block of a site (sites list and site detail).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SitePlan {
    #[serde(default, deserialize_with = "lenient::int")]
    pub plan_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub plan_name: String,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub balance: Option<i64>,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_closed: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_trial: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_demo: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_free: bool,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::day", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub closing_date: Option<Day>,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::day", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub endtrial_date: Option<Day>,
}

/// `account` block of a site (`extra_fields=account`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteAccount {
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_level: String,
}

/// A site, as listed by `GET /v1/sites.json` and detailed by `GET /v1/sites/{code_site}.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Site {
    #[serde(deserialize_with = "lenient::identity")]
    pub code_site: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::object")]
    pub plan: SitePlan,
    /// Main public domain, with its scheme (e.g. `https://…`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub domain: String,
    /// Back-office host name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub backoffice: String,
    /// `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::date_time", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub creation_date: Option<DateTime>,
    /// Access rights of the current token (`extra_fields=scopes`).
    #[serde(default, deserialize_with = "lenient::opt_names", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<String>>))]
    pub scopes: Option<Vec<Known<Scope>>>,
    /// Subscribed features (`extra_fields=features`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub features: Option<Features>,
    /// `extra_fields=account`.
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub account: Option<SiteAccount>,
}

/// Names of the features a site has. The API writes an object `{"catalog": true, …}`; a list of names
/// is accepted too, and features set to `false` are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features(pub Vec<String>);

impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for name in &self.0 {
            map.serialize_entry(name, &true)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Features, D::Error> {
        use serde_json::Value;
        Ok(Features(match Value::deserialize(d)? {
            Value::Object(map) => map
                .into_iter()
                // Each value by the flag rule; one that is not a flag still names the feature.
                .filter(|(_, on)| lenient::flag_of(on).unwrap_or(true))
                .map(|(name, _)| name)
                .collect(),
            Value::Array(items) => items.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }))
    }
}

/// `GET /v1/account.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_number: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub account_level: String,
    #[serde(default, deserialize_with = "lenient::date_time", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub creation_date: Option<DateTime>,
}

/// `GET /v1/account/contact.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default, deserialize_with = "lenient::string")]
    pub firstname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub lastname: String,
    /// `Mr`, `Mrs` or `Miss`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub civility: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub function: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub phone: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_address: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_zipcode: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_city: String,
    #[serde(default, deserialize_with = "lenient::int")]
    pub company_country_id: i64,
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub company_country: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_forme: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_siret: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_capital: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_rcs: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_naf: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub company_tva: String,
}

impl Contact {
    /// The fields `PUT /v1/account/contact.json` takes, by their names there, as text.
    pub fn editable_fields(&self) -> [(&'static str, String); 17] {
        [
            ("firstname", self.firstname.clone()),
            ("lastname", self.lastname.clone()),
            ("civility", self.civility.clone()),
            ("function", self.function.clone()),
            ("phone", self.phone.clone()),
            ("email", self.email.clone()),
            ("company_name", self.company_name.clone()),
            ("company_address", self.company_address.clone()),
            ("company_zipcode", self.company_zipcode.clone()),
            ("company_city", self.company_city.clone()),
            ("company_country_id", self.company_country_id.to_string()),
            ("company_forme", self.company_forme.clone()),
            ("company_siret", self.company_siret.clone()),
            ("company_capital", self.company_capital.clone()),
            ("company_rcs", self.company_rcs.clone()),
            ("company_naf", self.company_naf.clone()),
            ("company_tva", self.company_tva.clone()),
        ]
    }
}

/// An item of `GET /v1/sites/{code_site}/backups.json`. `id` is the `{date}` of the restore path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Backup {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::date_time", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub creation_date: Option<DateTime>,
}

/// `data` of the calls that start an asynchronous job.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobStarted {
    #[serde(deserialize_with = "lenient::identity_int")]
    pub job_id: i64,
}

/// `GET /v1/sites/{code_site}/jobs/{job_id}.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Job {
    #[serde(deserialize_with = "lenient::identity_int")]
    pub job_id: i64,
    /// `todo`, `working`, `done` or `halt`; another is kept as it is.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub status: Known<JobStatus>,
    /// 0 to 100.
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub progression: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub result: String,
    /// Empty when the job went well.
    #[serde(default, deserialize_with = "lenient::string")]
    pub error: String,
}

/// An item of `GET /v1/sites/{code_site}/logs.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    #[serde(default, deserialize_with = "lenient::int")]
    pub activity_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub text: String,
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub urn: Option<String>,
    /// `login`, `update`, `comment`, `checkout` or `form`; another is kept as it is.
    #[serde(rename = "type", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub activity_type: Known<ActivityType>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_profil: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub avatar_url: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub avatar_thumb_url: String,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::date_time", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub creation_date: Option<DateTime>,
}

/// `GET /v1/sites/{code_site}/stats.json`; a section the site lacks is absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub forms: Option<FormsStats>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub checkout: Option<CheckoutStats>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormsStats {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub unread_responses: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutStats {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub pending_orders: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_float", serialize_with = "lenient::opt_whole_when_integral")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub pending_orders_amount: Option<f64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub pending_orders_amount_label: String,
    #[serde(default, deserialize_with = "lenient::opt_float", serialize_with = "lenient::opt_whole_when_integral")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub average_cart: Option<f64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub average_cart_label: String,
    #[serde(default, deserialize_with = "lenient::opt_float", serialize_with = "lenient::opt_whole_when_integral")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub monthly_transformation: Option<f64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub monthly_transformation_label: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogStats {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub stock_shortage_count: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub refillable_count: Option<i64>,
}

/// `GET /v1/sites/{code_site}/stats/live.json`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Live {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub visitors: Option<i64>,
}

/// `GET /v1/sites/{code_site}/stats/report.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    #[serde(default, deserialize_with = "lenient::day", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub start_date: Option<Day>,
    #[serde(default, deserialize_with = "lenient::day", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub end_date: Option<Day>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub visitors: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub pageviews: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub api_hits: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_float",
        serialize_with = "lenient::opt_whole_when_integral",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub sales: Option<f64>,
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub sales_label: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub days: Vec<ReportDay>,
}

/// A day of the report. The protocol notes cannot confirm the day keys: the alternative names Kiubi's
/// back office mentions (`visits`, `hits`, `api_pfo`) are read when the usual ones are missing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "AnyReportDay")]
pub struct ReportDay {
    /// `YYYY-MM-DD`; `None` when unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub date: Option<Day>,
    pub pageviews: Option<i64>,
    pub visitors: Option<i64>,
    pub api_hits: Option<i64>,
    #[serde(serialize_with = "lenient::opt_whole_when_integral", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub sales: Option<f64>,
}

/// A report day under either set of key names.
#[derive(Deserialize)]
struct AnyReportDay {
    #[serde(default, deserialize_with = "lenient::day")]
    date: Option<Day>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pageviews: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    hits: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    visitors: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    visits: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    api_hits: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    api_pfo: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_float")]
    sales: Option<f64>,
}

impl From<AnyReportDay> for ReportDay {
    fn from(day: AnyReportDay) -> ReportDay {
        ReportDay {
            date: day.date,
            pageviews: day.pageviews.or(day.hits),
            visitors: day.visitors.or(day.visits),
            api_hits: day.api_hits.or(day.api_pfo),
            sales: day.sales,
        }
    }
}

/// `GET /v1/sites/{code_site}/stats/usage.json`; sections other than `space` come with `extra_fields`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    #[serde(default, deserialize_with = "lenient::object")]
    pub space: Space,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<Quota>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub api_pfo: Option<Quota>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub forms: Option<Quota>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub products: Option<Quota>,
    #[serde(default, deserialize_with = "lenient::opt_object", skip_serializing_if = "Option::is_none")]
    pub users: Option<Quota>,
}

/// Disk space in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Space {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub medias: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub datas: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub ftp: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub used: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub free: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub total: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quota {
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub used: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub free: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_int")]
    pub total: Option<i64>,
}

/// An item of `GET /v1/plans.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    #[serde(default, deserialize_with = "lenient::int")]
    pub plan_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::float")]
    pub monthly_cost: f64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub monthly_cost_label: String,
}

/// `GET /v1/sites/{code_site}/subscriptions.json`. Dates are `""` when the site has none.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    #[serde(default, deserialize_with = "lenient::int")]
    pub plan_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub plan_name: String,
    #[serde(default, deserialize_with = "lenient::float")]
    pub monthly_cost: f64,
    /// Credits left; `None` when the API does not know (shown as "—", not 0).
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub balance: Option<i64>,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_trial: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_demo: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_free: bool,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub has_options: bool,
    #[serde(default, deserialize_with = "lenient::day", serialize_with = "lenient::day_or_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub closing_date: Option<Day>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub closing_date_f: String,
    #[serde(default, deserialize_with = "lenient::day", serialize_with = "lenient::day_or_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub endtrial_date: Option<Day>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub endtrial_date_f: String,
}

/// An item of `GET /v1/sites/{code_site}/subscriptions/options.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionOption {
    #[serde(default, deserialize_with = "lenient::string")]
    pub code: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::int")]
    pub quantity: i64,
    #[serde(default, deserialize_with = "lenient::int")]
    pub quantity_max: i64,
    #[serde(default, deserialize_with = "lenient::int")]
    pub quantity_remaining: i64,
    #[serde(default, deserialize_with = "lenient::float")]
    pub monthly_cost: f64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub monthly_cost_label: String,
}

/// An item of `GET /v1/geo/countries.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Country {
    #[serde(default, deserialize_with = "lenient::int")]
    pub country_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub code: String,
    #[serde(default, deserialize_with = "lenient::opt_int", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_string", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
}

/// What the panel reads of `POST /v1/auth/token.json`'s `data`: the token, nothing else, so that a
/// `user` block the panel does not show cannot stop a sign-in (nor weigh on the first visit's code:
/// its decoder is `AuthToken`'s without the user's eight fields).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct IssuedToken {
    #[serde(default, deserialize_with = "lenient::string")]
    pub token: String,
}

/// `data` of `POST /v1/auth/token.json` and `GET /v1/auth/token/{token}.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthToken {
    #[serde(default, deserialize_with = "lenient::string")]
    pub token: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub token_media: String,
    #[serde(default, deserialize_with = "lenient::object")]
    pub user: AuthUser,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthUser {
    #[serde(default, deserialize_with = "lenient::int")]
    pub user_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub firstname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub lastname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub avatar: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub gender: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_admin: bool,
    #[serde(default, deserialize_with = "lenient::names")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub scopes: Vec<Known<Scope>>,
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
    fn report_days_under_either_key_names() {
        let both: ReportDay = serde_json::from_str(
            r#"{"date":"2026-01-01","pageviews":9,"hits":9,"visitors":"4","visits":4,"api_hits":2,"api_pfo":2,"sales":null}"#,
        )
        .unwrap();
        assert_eq!((both.pageviews, both.visitors, both.api_hits, both.sales), (Some(9), Some(4), Some(2), None));
        let old: ReportDay =
            serde_json::from_str(r#"{"date":"2026-01-01","hits":7,"visits":3,"api_pfo":1,"sales":12}"#).unwrap();
        assert_eq!((old.pageviews, old.visitors, old.api_hits, old.sales), (Some(7), Some(3), Some(1), Some(12.0)));
        let blank: ReportDay = serde_json::from_str(r#"{"date":"2026-01-01","pageviews":"","visitors":null}"#).unwrap();
        assert_eq!((blank.pageviews, blank.visitors, blank.api_hits), (None, None, None), "unknown, not 0");
    }

    #[test]
    fn decodes_a_listed_site() {
        let site: Site = serde_json::from_str(SITE).unwrap();
        assert_eq!(site.code_site, "boutique-demo");
        assert_eq!(site.plan.plan_id, 3);
        assert!(site.plan.is_trial && !site.plan.is_free);
        assert_eq!(site.plan.closing_date, None);
        assert_eq!(site.plan.endtrial_date.map(Day::to_iso).as_deref(), Some("2026-12-03"));
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
        let features = site.features.unwrap();
        assert_eq!(features.0, vec!["catalog", "checkout"]);
        let php: Features = serde_json::from_value(
            serde_json::json!({"blog": "0", "catalog": "1", "cms": 0, "seo": "false", "forms": "true"}),
        )
        .unwrap();
        assert_eq!(php.0, vec!["catalog", "forms"], "flags as PHP writes them");
        assert_eq!(serde_json::to_value(&features).unwrap(), serde_json::json!({"catalog": true, "checkout": true}));
        assert_eq!(site.account.unwrap().account_level, "expert");
    }
}
