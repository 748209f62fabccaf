//! A request's parameters: the query string, then the form fields of the body (which win).
//! Arrays are read in the three encodings clients use: `k[]=a&k[]=b`, `k[0]=a&k[1]=b` and `k=a,b`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{NaiveDate, NaiveDateTime};
use kiubi_wire::enums::WireEnum;
use kiubi_wire::params::MAX_LIMIT;

use crate::protocol::FormFields;
use crate::reply::ApiFailure;

pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params, ApiFailure> {
        let mut pairs = kiubi_wire::encoding::form_urldecode(parts.uri.query().unwrap_or("")).map_err(|_| {
            ApiFailure::new(
                axum::http::StatusCode::BAD_REQUEST,
                kiubi_wire::error_code::PARAMS_ENCODING,
                "Encodage des paramètres invalide",
            )
        })?;
        if let Some(FormFields(fields)) = parts.extensions.get::<FormFields>() {
            pairs.extend(fields.iter().cloned());
        }
        Ok(Params(pairs))
    }
}

impl Params {
    /// `limit` (default and maximum 20; larger values are capped, as the reference says "maximum") and `page` (0-based).
    pub fn paging(&self) -> Result<(u32, u32), ApiFailure> {
        let limit = self.uint("limit")?.unwrap_or(MAX_LIMIT);
        if limit == 0 {
            return Err(ApiFailure::invalid("limit", "Doit être compris entre 1 et 20"));
        }
        Ok((limit.min(MAX_LIMIT), self.uint("page")?.unwrap_or(0)))
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Params {
        Params(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The last value given for `name`, as sent.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The last value for `name`, trimmed; blank counts as absent.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.raw(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Every value of an array parameter, in any of the three encodings, without blanks.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| {
                k == name
                    || k.strip_prefix(name)
                        .and_then(|rest| rest.strip_prefix('['))
                        .and_then(|rest| rest.strip_suffix(']'))
                        .is_some_and(|index| index.chars().all(|c| c.is_ascii_digit()))
            })
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// An optional non-negative integer.
    pub fn uint(&self, name: &str) -> Result<Option<u32>, ApiFailure> {
        self.text(name)
            .map(|v| v.parse::<u32>().map_err(|_| ApiFailure::invalid(name, "Doit être un entier positif")))
            .transpose()
    }

    /// An optional `DD/MM/YYYY` date (stats).
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiFailure> {
        self.text(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%d/%m/%Y")
                    .map_err(|_| ApiFailure::invalid(name, "Date invalide, format attendu JJ/MM/AAAA"))
            })
            .transpose()
    }

    /// An optional `DD/MM/YYYY HH:mm:ss` date and time (logs `since`).
    pub fn datetime(&self, name: &str) -> Result<Option<NaiveDateTime>, ApiFailure> {
        self.text(name)
            .map(|v| {
                NaiveDateTime::parse_from_str(v, "%d/%m/%Y %H:%M:%S")
                    .map_err(|_| ApiFailure::invalid(name, "Date invalide, format attendu JJ/MM/AAAA HH:mm:ss"))
            })
            .transpose()
    }

    /// Every value of an array parameter as one of the enum's; an unknown one is a 4002.
    pub fn choices<T: WireEnum>(&self, name: &str) -> Result<Vec<T>, ApiFailure> {
        self.list(name)
            .iter()
            .map(|value| {
                T::all()
                    .iter()
                    .copied()
                    .find(|choice| choice.wire_name() == value)
                    .ok_or_else(|| ApiFailure::invalid(name, &format!("Valeur inconnue : {value}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_in_every_encoding() {
        let p = Params::from_pairs(&[
            ("type[]", "login"),
            ("type[0]", "form"),
            ("type", "comment, checkout"),
            ("typex", "no"),
        ]);
        assert_eq!(p.list("type"), vec!["login", "form", "comment", "checkout"]);
        use kiubi_wire::enums::{ActivityType, SiteExtra};
        let types = p.choices::<ActivityType>("type").unwrap();
        assert_eq!(types, [ActivityType::Login, ActivityType::Form, ActivityType::Comment, ActivityType::Checkout]);
        assert_eq!(p.choices::<SiteExtra>("type").unwrap_err().fields[0].field, "type");
    }

    #[test]
    fn dates_in_the_api_formats() {
        let p = Params::from_pairs(&[
            ("start_date", "01/02/2026"),
            ("since", "01/02/2026 10:20:30"),
            ("bad", "2026-02-01"),
        ]);
        assert_eq!(p.date("start_date").unwrap(), NaiveDate::from_ymd_opt(2026, 2, 1));
        assert!(p.datetime("since").unwrap().is_some());
        assert_eq!(p.date("bad").unwrap_err().fields[0].field, "bad");
        assert_eq!(p.date("absent").unwrap(), None);
    }

    #[test]
    fn last_value_wins_and_blank_is_absent() {
        let p = Params::from_pairs(&[("limit", "5"), ("limit", "7"), ("term", "  ")]);
        assert_eq!(p.uint("limit").unwrap(), Some(7));
        assert_eq!(p.text("term"), None);
    }
}
