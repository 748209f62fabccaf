//! Request parameters: the queries of the lists and reports, and the forms of the writes, as the
//! back office encodes them.

use crate::calendar::{Day, Moment};
use crate::enums::{ActivityType, Civility, SiteExtra, SiteSort, SiteType, UsageExtra};
use crate::models::Contact;

/// Largest page the API serves (`limit` maximum and default).
pub const MAX_LIMIT: u32 = 20;

/// Parameters of `GET /v1/sites.json`. `None` leaves the API's default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitesQuery {
    pub term: Option<String>,
    pub site_type: Option<SiteType>,
    pub sort: Option<SiteSort>,
    pub limit: Option<u32>,
    /// 0-based.
    pub page: Option<u32>,
}

impl SitesQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(term) = self.term.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            pairs.push(("term", term.to_owned()));
        }
        if let Some(site_type) = self.site_type {
            pairs.push(("type", site_type.as_str().to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        pairs
    }
}

/// A list parameter as the back office writes it: one comma-separated value (`extra_fields=a,b`).
fn comma_list<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let joined = values.into_iter().collect::<Vec<_>>().join(",");
    (!joined.is_empty()).then_some(joined)
}

/// `extra_fields` of `GET /v1/sites/{code_site}.json`.
pub fn site_extra_fields(extras: &[SiteExtra]) -> Vec<(&'static str, String)> {
    comma_list(extras.iter().map(|e| e.as_str())).map(|v| ("extra_fields", v)).into_iter().collect()
}

/// `extra_fields` of `stats/usage.json`.
pub fn usage_extra_fields(extras: &[UsageExtra]) -> Vec<(&'static str, String)> {
    comma_list(extras.iter().map(|e| e.as_str())).map(|v| ("extra_fields", v)).into_iter().collect()
}

/// Parameters of `GET /v1/sites/{code_site}/logs.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogsQuery {
    /// Empty: every type.
    pub types: Vec<ActivityType>,
    pub since: Option<Moment>,
    pub limit: Option<u32>,
    pub page: Option<u32>,
}

impl LogsQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(types) = comma_list(self.types.iter().map(|t| t.as_str())) {
            pairs.push(("type", types));
        }
        if let Some(since) = self.since {
            pairs.push(("since", since.to_french()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        pairs
    }
}

/// Parameters of `GET /v1/sites/{code_site}/stats/report.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportQuery {
    pub start_date: Day,
    pub end_date: Day,
}

impl ReportQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        vec![("start_date", self.start_date.to_french()), ("end_date", self.end_date.to_french())]
    }
}

/// Fields of `PUT /v1/account/contact.json`: a partial update, so only the fields set are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactUpdate {
    pub fields: Vec<(&'static str, String)>,
}

impl ContactUpdate {
    /// The fields whose value differs between `before` and `after`, by their API names.
    pub fn changes(before: &Contact, after: &Contact) -> ContactUpdate {
        let after = after.editable_fields();
        ContactUpdate::edits(before, |name| after.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()))
    }

    /// The fields `edited` gives (by API name, as text) that differ from `before`, trimmed.
    pub fn edits(before: &Contact, edited: impl Fn(&str) -> Option<String>) -> ContactUpdate {
        let fields = before
            .editable_fields()
            .into_iter()
            .filter_map(|(name, old)| {
                let new = edited(name)?.trim().to_owned();
                (new != old).then_some((name, new))
            })
            .collect();
        ContactUpdate { fields }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Parameters of `POST /v1/sites.json`. Optional fields left blank are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewSite {
    pub copy_site: Option<String>,
    pub plan_id: i64,
    pub code_site: String,
    pub site_name: String,
    pub contact_firstname: String,
    pub contact_lastname: String,
    pub contact_civility: Civility,
    pub contact_email: String,
    pub contact_address: String,
    pub contact_zipcode: String,
    pub contact_city: String,
    pub contact_country_id: i64,
    pub contact_phone: String,
    pub contact_fax: Option<String>,
    pub company_name: Option<String>,
    pub company_forme: Option<String>,
    pub company_cnil: Option<String>,
    pub company_capital: Option<String>,
    pub company_siret: Option<String>,
    pub company_rcs: Option<String>,
    pub company_tva: Option<String>,
}

impl NewSite {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("plan_id", self.plan_id.to_string()),
            ("code_site", self.code_site.trim().to_owned()),
            ("site_name", self.site_name.trim().to_owned()),
            ("contact_firstname", self.contact_firstname.trim().to_owned()),
            ("contact_lastname", self.contact_lastname.trim().to_owned()),
            ("contact_civility", self.contact_civility.as_str().to_owned()),
            ("contact_email", self.contact_email.trim().to_owned()),
            ("contact_address", self.contact_address.trim().to_owned()),
            ("contact_zipcode", self.contact_zipcode.trim().to_owned()),
            ("contact_city", self.contact_city.trim().to_owned()),
            ("contact_country_id", self.contact_country_id.to_string()),
            ("contact_phone", self.contact_phone.trim().to_owned()),
        ];
        let optional = [
            ("copy_site", &self.copy_site),
            ("contact_fax", &self.contact_fax),
            ("company_name", &self.company_name),
            ("company_forme", &self.company_forme),
            ("company_cnil", &self.company_cnil),
            ("company_capital", &self.company_capital),
            ("company_siret", &self.company_siret),
            ("company_rcs", &self.company_rcs),
            ("company_tva", &self.company_tva),
        ];
        for (name, value) in optional {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                pairs.push((name, value.to_owned()));
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::form_urlencode;

    #[test]
    fn sites_query_encodes_only_what_is_set() {
        assert_eq!(form_urlencode(&SitesQuery::default().to_pairs()), "");
        let query = SitesQuery {
            term: Some("  café & co ".into()),
            site_type: Some(SiteType::ClosingSoon),
            sort: Some(SiteSort::CreationDateDesc),
            limit: Some(20),
            page: Some(2),
        };
        assert_eq!(
            form_urlencode(&query.to_pairs()),
            "term=caf%C3%A9+%26+co&type=closing_soon&sort=-creation_date&limit=20&page=2"
        );
    }

    #[test]
    fn blank_term_is_left_out() {
        let query = SitesQuery { term: Some("   ".into()), ..Default::default() };
        assert!(query.to_pairs().is_empty());
    }

    #[test]
    fn logs_report_and_extra_fields_encode_as_the_back_office_does() {
        let query = LogsQuery {
            types: vec![ActivityType::Comment, ActivityType::Checkout],
            since: Some(Moment { day: Day { year: 2026, month: 11, day: 1 }, hour: 8, minute: 0, second: 0 }),
            limit: Some(20),
            page: Some(1),
        };
        assert_eq!(
            form_urlencode(&query.to_pairs()),
            "type=comment%2Ccheckout&since=01%2F11%2F2026+08%3A00%3A00&limit=20&page=1"
        );
        assert!(LogsQuery::default().to_pairs().is_empty());
        let report = ReportQuery {
            start_date: Day { year: 2026, month: 1, day: 1 },
            end_date: Day { year: 2026, month: 1, day: 31 },
        };
        assert_eq!(form_urlencode(&report.to_pairs()), "start_date=01%2F01%2F2026&end_date=31%2F01%2F2026");
        assert_eq!(form_urlencode(&site_extra_fields(SiteExtra::ALL)), "extra_fields=scopes%2Cfeatures%2Caccount");
        assert_eq!(
            form_urlencode(&usage_extra_fields(&[UsageExtra::Bandwidth, UsageExtra::Users])),
            "extra_fields=bp%2Cusers"
        );
        assert!(usage_extra_fields(&[]).is_empty());
        for &t in ActivityType::ALL {
            assert_eq!(ActivityType::parse(t.as_str()), Some(t));
        }
        for &c in Civility::ALL {
            assert_eq!(Civility::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn contact_update_sends_only_changed_fields() {
        let before = Contact { firstname: "Camille".into(), company_country_id: 1, ..Default::default() };
        let mut after = before.clone();
        assert!(ContactUpdate::changes(&before, &after).is_empty());
        after.company_city = "Nantes".into();
        after.company_country_id = 2;
        let update = ContactUpdate::changes(&before, &after);
        assert_eq!(update.fields, vec![("company_city", "Nantes".to_owned()), ("company_country_id", "2".to_owned())]);
        // From a form: fields it does not give are left alone, spaces around a value are not a change.
        let edited = |name: &str| match name {
            "firstname" => Some(" Camille ".to_owned()),
            "email" => Some("camille@exemple.fr".to_owned()),
            _ => None,
        };
        assert_eq!(ContactUpdate::edits(&before, edited).fields, vec![("email", "camille@exemple.fr".to_owned())]);
    }

    #[test]
    fn new_site_sends_required_fields_and_only_filled_optional_ones() {
        let site = NewSite {
            plan_id: 2,
            code_site: " mon-site ".into(),
            contact_civility: Civility::Miss,
            company_name: Some("  ".into()),
            copy_site: Some("modele".into()),
            ..Default::default()
        };
        let pairs = site.to_pairs();
        assert_eq!(pairs.len(), 13);
        assert!(pairs.contains(&("code_site", "mon-site".to_owned())));
        assert!(pairs.contains(&("contact_civility", "Miss".to_owned())));
        assert!(pairs.contains(&("copy_site", "modele".to_owned())));
        assert!(!pairs.iter().any(|(k, _)| *k == "company_name"));
    }
}
