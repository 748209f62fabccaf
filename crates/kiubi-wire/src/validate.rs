//! Checks on user input, in two sets ([`Rules`]): what the reference states (required fields and the
//! values it lists), which the panel checks before sending, and the stand-in's own rules where the
//! reference is silent (formats, lengths), which only the stand-in applies: the real API may have
//! others, so the panel leaves them to the API and shows its verdict on the fields. Each `Invalid`
//! has a French message for `error.fields[].message`; the panel shows its own wording.

/// Which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// What the reference states: required fields, listed values. The panel's checks.
    Reference,
    /// The reference's rules and the stand-in's own where it is silent (README's table).
    StandIn,
}

/// Civilities the API accepts.
pub const CIVILITIES: [&str; 3] = ["Mr", "Mrs", "Miss"];

/// Why a value is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Required,
    Email,
    Phone,
    CodeSite,
    Civility,
    TooLong(usize),
}

impl Invalid {
    pub fn message_fr(self) -> String {
        match self {
            Invalid::Required => "Champ obligatoire".into(),
            Invalid::Email => "Adresse email invalide".into(),
            Invalid::Phone => "Numéro de téléphone invalide".into(),
            Invalid::CodeSite => {
                "Le code site compte 3 à 30 caractères : lettres minuscules, chiffres et tirets, sans tiret au début ni à la fin".into()
            }
            Invalid::Civility => "Civilité invalide (Mr, Mrs ou Miss)".into(),
            Invalid::TooLong(max) => format!("{max} caractères au plus"),
        }
    }
}

pub fn required(value: &str) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        Err(Invalid::Required)
    } else {
        Ok(())
    }
}

pub fn max_len(value: &str, max: usize) -> Result<(), Invalid> {
    if value.chars().count() > max {
        Err(Invalid::TooLong(max))
    } else {
        Ok(())
    }
}

/// A pragmatic address check: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn email(value: &str) -> Result<(), Invalid> {
    let value = value.trim();
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.split('.').count() >= 2
            && domain.split('.').all(|part| !part.is_empty())
            && !value.chars().any(char::is_whitespace)
    });
    if valid {
        Ok(())
    } else {
        Err(Invalid::Email)
    }
}

/// Digits with the usual separators (spaces, dots, dashes, parentheses, a leading `+`): 6 to 20 digits.
pub fn phone(value: &str) -> Result<(), Invalid> {
    let value = value.trim();
    let body = value.strip_prefix('+').unwrap_or(value);
    let allowed = body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=20).contains(&digits) {
        Ok(())
    } else {
        Err(Invalid::Phone)
    }
}

/// Site codes become host names: 3 to 30 of `a-z`, `0-9`, `-`, not starting or ending with `-`.
pub fn code_site(value: &str) -> Result<(), Invalid> {
    let ok = (3..=30).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Invalid::CodeSite)
    }
}

pub fn civility(value: &str) -> Result<(), Invalid> {
    if CIVILITIES.contains(&value) {
        Ok(())
    } else {
        Err(Invalid::Civility)
    }
}

/// A field of `POST /v1/sites.json`, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NewSiteField {
    PlanId,
    CodeSite,
    SiteName,
    ContactCivility,
    ContactFirstname,
    ContactLastname,
    ContactEmail,
    ContactPhone,
    ContactFax,
    ContactAddress,
    ContactZipcode,
    ContactCity,
    ContactCountryId,
    CompanyName,
    CompanyForme,
    CompanyCnil,
    CompanyCapital,
    CompanySiret,
    CompanyRcs,
    CompanyTva,
    CopySite,
}

impl NewSiteField {
    pub const ALL: [NewSiteField; 21] = [
        NewSiteField::PlanId,
        NewSiteField::CodeSite,
        NewSiteField::SiteName,
        NewSiteField::ContactCivility,
        NewSiteField::ContactFirstname,
        NewSiteField::ContactLastname,
        NewSiteField::ContactEmail,
        NewSiteField::ContactPhone,
        NewSiteField::ContactFax,
        NewSiteField::ContactAddress,
        NewSiteField::ContactZipcode,
        NewSiteField::ContactCity,
        NewSiteField::ContactCountryId,
        NewSiteField::CompanyName,
        NewSiteField::CompanyForme,
        NewSiteField::CompanyCnil,
        NewSiteField::CompanyCapital,
        NewSiteField::CompanySiret,
        NewSiteField::CompanyRcs,
        NewSiteField::CompanyTva,
        NewSiteField::CopySite,
    ];

    /// The API's parameter name.
    pub const fn name(self) -> &'static str {
        match self {
            NewSiteField::PlanId => "plan_id",
            NewSiteField::CodeSite => "code_site",
            NewSiteField::SiteName => "site_name",
            NewSiteField::ContactCivility => "contact_civility",
            NewSiteField::ContactFirstname => "contact_firstname",
            NewSiteField::ContactLastname => "contact_lastname",
            NewSiteField::ContactEmail => "contact_email",
            NewSiteField::ContactPhone => "contact_phone",
            NewSiteField::ContactFax => "contact_fax",
            NewSiteField::ContactAddress => "contact_address",
            NewSiteField::ContactZipcode => "contact_zipcode",
            NewSiteField::ContactCity => "contact_city",
            NewSiteField::ContactCountryId => "contact_country_id",
            NewSiteField::CompanyName => "company_name",
            NewSiteField::CompanyForme => "company_forme",
            NewSiteField::CompanyCnil => "company_cnil",
            NewSiteField::CompanyCapital => "company_capital",
            NewSiteField::CompanySiret => "company_siret",
            NewSiteField::CompanyRcs => "company_rcs",
            NewSiteField::CompanyTva => "company_tva",
            NewSiteField::CopySite => "copy_site",
        }
    }

    /// "Obligatoire" in the reference.
    pub const fn is_required(self) -> bool {
        matches!(
            self,
            NewSiteField::PlanId
                | NewSiteField::CodeSite
                | NewSiteField::SiteName
                | NewSiteField::ContactCivility
                | NewSiteField::ContactFirstname
                | NewSiteField::ContactLastname
                | NewSiteField::ContactEmail
                | NewSiteField::ContactPhone
                | NewSiteField::ContactAddress
                | NewSiteField::ContactZipcode
                | NewSiteField::ContactCity
                | NewSiteField::ContactCountryId
        )
    }

    /// The stand-in's largest length (`Rules::StandIn`); `None` for the code of a site to copy,
    /// which only the API can check (it must exist).
    const fn max_len(self) -> Option<usize> {
        match self {
            NewSiteField::PlanId => Some(10),
            NewSiteField::CodeSite => Some(30),
            NewSiteField::SiteName => Some(100),
            NewSiteField::ContactCivility => Some(4),
            NewSiteField::ContactFirstname => Some(50),
            NewSiteField::ContactLastname => Some(50),
            NewSiteField::ContactEmail => Some(100),
            NewSiteField::ContactPhone => Some(30),
            NewSiteField::ContactFax => Some(30),
            NewSiteField::ContactAddress => Some(200),
            NewSiteField::ContactZipcode => Some(10),
            NewSiteField::ContactCity => Some(100),
            NewSiteField::ContactCountryId => Some(10),
            NewSiteField::CompanyName => Some(100),
            NewSiteField::CompanyForme => Some(50),
            NewSiteField::CompanyCnil => Some(30),
            NewSiteField::CompanyCapital => Some(30),
            NewSiteField::CompanySiret => Some(20),
            NewSiteField::CompanyRcs => Some(50),
            NewSiteField::CompanyTva => Some(20),
            NewSiteField::CopySite => None,
        }
    }
}

/// Every problem of a site creation's fields under `rules`, at most one per field, in form order;
/// `value` gives a field's text. What needs the database (plan, country, code taken) is the API's
/// to check.
pub fn new_site(value: impl Fn(NewSiteField) -> String, rules: Rules) -> Vec<(NewSiteField, Invalid)> {
    NewSiteField::ALL
        .into_iter()
        .filter_map(|field| {
            let text = value(field);
            let text = text.trim();
            let stated: fn(&str) -> Result<(), Invalid> = match field {
                NewSiteField::ContactCivility => civility,
                _ => |_| Ok(()),
            };
            let own: fn(&str) -> Result<(), Invalid> = match field {
                NewSiteField::CodeSite => code_site,
                NewSiteField::ContactEmail => email,
                NewSiteField::ContactPhone => phone,
                _ => |_| Ok(()),
            };
            let verdict = if text.is_empty() {
                if field.is_required() {
                    Err(Invalid::Required)
                } else {
                    Ok(())
                }
            } else if rules == Rules::StandIn {
                let length = field.max_len().map_or(Ok(()), |max| max_len(text, max));
                length.and_then(|()| stated(text)).and_then(|()| own(text))
            } else {
                stated(text)
            };
            verdict.err().map(|why| (field, why))
        })
        .collect()
}

/// Text fields of `PUT /v1/account/contact.json`, with their largest length (the country goes as an id).
pub const CONTACT_TEXT_FIELDS: [(&str, usize); 16] = [
    ("firstname", 50),
    ("lastname", 50),
    ("civility", 4),
    ("function", 100),
    ("phone", 30),
    ("email", 100),
    ("company_name", 100),
    ("company_address", 200),
    ("company_zipcode", 10),
    ("company_city", 100),
    ("company_forme", 50),
    ("company_siret", 20),
    ("company_capital", 30),
    ("company_rcs", 20),
    ("company_naf", 20),
    ("company_tva", 20),
];

/// The verdict on one contact field as it would be sent under `rules`; `None` for a field that is
/// not one of [`CONTACT_TEXT_FIELDS`]. The reference lists the civilities; the stand-in also keeps
/// names, email and civility from being emptied, checks emails and phones, and caps lengths.
pub fn contact_field(field: &str, value: &str, rules: Rules) -> Option<Result<(), Invalid>> {
    let (_, max) = CONTACT_TEXT_FIELDS.iter().find(|(name, _)| *name == field)?;
    let value = value.trim();
    let stated = match field {
        "civility" if !value.is_empty() || rules == Rules::StandIn => civility(value),
        _ => Ok(()),
    };
    if rules == Rules::Reference {
        return Some(stated);
    }
    Some(max_len(value, *max).and(stated).and_then(|()| match field {
        "firstname" | "lastname" => required(value),
        "email" => email(value),
        "phone" if !value.is_empty() => phone(value),
        _ => Ok(()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email("jeanne@exemple.fr").is_ok());
        assert!(email(" a.b+c@sub.exemple.com ").is_ok());
        for bad in ["", "jeanne", "@exemple.fr", "jeanne@exemple", "jeanne@exemple.", "a b@exemple.fr", "a@b@c.fr"] {
            assert_eq!(email(bad), Err(Invalid::Email), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert!(phone("+33 (0)4 72 00 00 00").is_ok());
        assert!(phone("04.72.00.00.00").is_ok());
        assert_eq!(phone("12345"), Err(Invalid::Phone));
        assert_eq!(phone("04 72 AB"), Err(Invalid::Phone));
    }

    #[test]
    fn site_codes() {
        assert!(code_site("boulangerie-lyon-2").is_ok());
        for bad in ["ab", "-abc", "abc-", "Abc", "a_bc", "éte", &"a".repeat(31)] {
            assert_eq!(code_site(bad), Err(Invalid::CodeSite), "{bad}");
        }
    }

    #[test]
    fn civility_and_lengths() {
        assert!(civility("Mrs").is_ok());
        assert_eq!(civility("Mme"), Err(Invalid::Civility));
        assert_eq!(max_len("ééé", 2), Err(Invalid::TooLong(2)));
        assert_eq!(required("  "), Err(Invalid::Required));
        assert!(Invalid::TooLong(20).message_fr().contains("20"));
    }

    #[test]
    fn contact_fields() {
        let standin = |field: &str, value: &str| contact_field(field, value, Rules::StandIn);
        assert_eq!(standin("firstname", " "), Some(Err(Invalid::Required)));
        assert_eq!(standin("phone", ""), Some(Ok(())));
        assert_eq!(standin("phone", "12"), Some(Err(Invalid::Phone)));
        assert_eq!(standin("company_naf", &"1".repeat(21)), Some(Err(Invalid::TooLong(20))));
        assert_eq!(standin("company_country_id", "1"), None);
        // The reference states the civilities, nothing else.
        let stated = |field: &str, value: &str| contact_field(field, value, Rules::Reference);
        assert_eq!(stated("civility", "Mme"), Some(Err(Invalid::Civility)));
        assert_eq!(stated("civility", "Mrs"), Some(Ok(())));
        for (field, value) in [("firstname", " "), ("phone", "12"), ("email", "x"), ("company_naf", &"1".repeat(21))] {
            assert_eq!(stated(field, value), Some(Ok(())), "{field}");
        }
    }

    #[test]
    fn a_new_site_form_gets_one_verdict_per_field() {
        let filled = |field: NewSiteField| match field {
            NewSiteField::CodeSite => "Bad Code".to_owned(),
            NewSiteField::ContactEmail => "jeanne@exemple".to_owned(),
            NewSiteField::ContactPhone => "04 72 00 00 00".to_owned(),
            NewSiteField::ContactCivility => "Mrs".to_owned(),
            NewSiteField::CompanySiret => "1".repeat(21),
            NewSiteField::CopySite => "a-code-far-longer-than-any-site-code-is".to_owned(),
            NewSiteField::ContactFax | NewSiteField::CompanyName => String::new(),
            _ => "x".to_owned(),
        };
        assert_eq!(
            new_site(filled, Rules::StandIn),
            vec![
                (NewSiteField::CodeSite, Invalid::CodeSite),
                (NewSiteField::ContactEmail, Invalid::Email),
                (NewSiteField::CompanySiret, Invalid::TooLong(20))
            ]
        );
        // The reference's rules: none of those, only the listed civilities.
        assert_eq!(new_site(filled, Rules::Reference), vec![]);
        let mme = |field| if field == NewSiteField::ContactCivility { "Mme".to_owned() } else { filled(field) };
        assert_eq!(new_site(mme, Rules::Reference), vec![(NewSiteField::ContactCivility, Invalid::Civility)]);
        for rules in [Rules::Reference, Rules::StandIn] {
            let blank = new_site(|_| String::new(), rules);
            assert_eq!(blank.len(), NewSiteField::ALL.iter().filter(|f| f.is_required()).count());
            assert!(blank.iter().all(|(_, why)| *why == Invalid::Required));
        }
    }
}
