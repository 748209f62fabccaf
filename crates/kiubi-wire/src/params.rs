//! Request parameters and their encoding (query strings for GET, url-encoded forms for writes).

/// Site type filter of `GET /v1/sites.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteType {
    Open,
    Trial,
    Closed,
    ClosingSoon,
    Demo,
    Free,
}

impl SiteType {
    pub const ALL: [SiteType; 6] =
        [SiteType::Open, SiteType::Trial, SiteType::Closed, SiteType::ClosingSoon, SiteType::Demo, SiteType::Free];

    pub fn as_str(self) -> &'static str {
        match self {
            SiteType::Open => "open",
            SiteType::Trial => "trial",
            SiteType::Closed => "closed",
            SiteType::ClosingSoon => "closing_soon",
            SiteType::Demo => "demo",
            SiteType::Free => "free",
        }
    }

    pub fn parse(value: &str) -> Option<SiteType> {
        SiteType::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// Sort orders of `GET /v1/sites.json`: the seven the reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SiteSort {
    #[default]
    CodeSite,
    CodeSiteDesc,
    Relevance,
    CreationDate,
    CreationDateDesc,
    ClosingDate,
    ClosingDateDesc,
}

impl SiteSort {
    pub const ALL: [SiteSort; 7] = [
        SiteSort::CodeSite,
        SiteSort::CodeSiteDesc,
        SiteSort::Relevance,
        SiteSort::CreationDate,
        SiteSort::CreationDateDesc,
        SiteSort::ClosingDate,
        SiteSort::ClosingDateDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SiteSort::CodeSite => "code_site",
            SiteSort::CodeSiteDesc => "-code_site",
            SiteSort::Relevance => "relevance",
            SiteSort::CreationDate => "creation_date",
            SiteSort::CreationDateDesc => "-creation_date",
            SiteSort::ClosingDate => "closing_date",
            SiteSort::ClosingDateDesc => "-closing_date",
        }
    }

    pub fn parse(value: &str) -> Option<SiteSort> {
        SiteSort::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

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

/// `application/x-www-form-urlencoded` serialisation (also used for query strings).
pub fn form_urlencode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k.as_ref(), true), encode_component(v.as_ref(), true)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters; in forms a space is `+`.
pub fn encode_component(value: &str, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            // Brackets stay readable in array keys (`type[]`); servers decode both forms.
            b'[' | b']' if space_as_plus => out.push(byte as char),
            b' ' if space_as_plus => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Strict `application/x-www-form-urlencoded` parsing: a `%` not followed by two hex digits, or bytes
/// that are not UTF-8 once decoded, are errors (the API's 4012) instead of being silently replaced.
pub fn form_urldecode(input: &str) -> Result<Vec<(String, String)>, MalformedEncoding> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode_component(key)?, decode_component(value)?))
        })
        .collect()
}

/// A parameter that is not valid url-encoded UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedEncoding;

fn decode_component(raw: &str) -> Result<String, MalformedEncoding> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or(MalformedEncoding)?;
                out.push(byte);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| MalformedEncoding)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn enums_round_trip_through_their_wire_names() {
        for t in SiteType::ALL {
            assert_eq!(SiteType::parse(t.as_str()), Some(t));
        }
        for s in SiteSort::ALL {
            assert_eq!(SiteSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(SiteSort::parse("name"), None);
    }

    #[test]
    fn decoding_reverses_encoding() {
        let pairs = vec![("term".to_owned(), "café & co+1".to_owned()), ("type[]".to_owned(), "a=b".to_owned())];
        assert_eq!(form_urldecode(&form_urlencode(&pairs)).unwrap(), pairs);
        assert_eq!(form_urldecode("a&&b=").unwrap(), vec![("a".into(), "".into()), ("b".into(), "".into())]);
    }

    #[test]
    fn malformed_encodings_are_refused() {
        assert_eq!(form_urldecode("term=%FF%FE"), Err(MalformedEncoding));
        assert_eq!(form_urldecode("term=%G1"), Err(MalformedEncoding));
        assert_eq!(form_urldecode("term=%4"), Err(MalformedEncoding));
    }

    #[test]
    fn path_components_encode_spaces_as_percent() {
        assert_eq!(encode_component("a b/c", false), "a%20b%2Fc");
    }
}
