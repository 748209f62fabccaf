//! `application/x-www-form-urlencoded` and percent-encoding, both ways: query strings, form bodies,
//! path components.

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
            Ok((percent_decode(key, true)?, percent_decode(value, true)?))
        })
        .collect()
}

/// A parameter that is not valid url-encoded UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedEncoding;

/// Strict percent-decoding, the reverse of [`encode_component`]: a `%` not followed by two hex
/// digits, or bytes that are not UTF-8 once decoded, are an error; in forms a `+` is a space.
pub fn percent_decode(raw: &str, plus_as_space: bool) -> Result<String, MalformedEncoding> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_as_space => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let hex = hex.and_then(|h| std::str::from_utf8(h).ok()).ok_or(MalformedEncoding)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| MalformedEncoding)?);
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
        assert_eq!(form_urldecode("term=%+1"), Err(MalformedEncoding), "two hex digits, no sign");
        assert_eq!(percent_decode("a+b%2Fc", false).as_deref(), Ok("a+b/c"));
    }

    #[test]
    fn path_components_encode_spaces_as_percent() {
        assert_eq!(encode_component("a b/c", false), "a%20b%2Fc");
    }
}
