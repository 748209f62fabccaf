//! The agency's branding on its reports: a name, a logo (an image file the user chose, kept as a
//! data URL: no remote address is ever fetched) and an accent colour. Part of the account's
//! organizing (`organize::Workspace::branding`: shared with the team, kept on the device), and
//! carried to another browser as a small JSON file (`to_file`, `from_file`). Pure but for
//! `load_earlier`.

use serde::{Deserialize, Serialize};

use crate::session::UserData;
use crate::storage::KeptFor;

/// Where an earlier panel kept the branding, in the account's data on the device.
const KEY: &str = "report.branding";
/// What the file says it is, and the one version this panel writes and reads.
const FORMAT: &str = "kiubi-admin/report-branding";
const VERSION: u64 = 1;

/// The longest agency name kept, in characters (a report's header has room for far less).
pub const NAME_LIMIT: usize = 200;

/// The largest logo file, in bytes: a logo on an A4 page needs no more, and the browser's storage
/// for the whole panel is a few megabytes.
pub const LOGO_LIMIT: usize = 200 * 1024;

/// The image types a logo may be, as browsers name them (SVG shown as an image runs no script).
const LOGO_TYPES: [&str; 5] = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Branding {
    #[serde(default)]
    pub name: String,
    /// `data:image/…;base64,…`.
    #[serde(default)]
    pub logo: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub accent: Option<String>,
}

/// Why a chosen file cannot be the logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    NotAnImage,
    TooLarge { size: usize },
}

/// The logo from a chosen file's type and bytes.
pub fn logo_url(mime: &str, bytes: &[u8]) -> Result<String, LogoProblem> {
    if !LOGO_TYPES.contains(&mime) {
        return Err(LogoProblem::NotAnImage);
    }
    if bytes.len() > LOGO_LIMIT {
        return Err(LogoProblem::TooLarge { size: bytes.len() });
    }
    Ok(format!("data:{mime};base64,{}", base64(bytes)))
}

/// Whether `url` is a logo this panel would have made: an image type it takes, in base64, within
/// the limit.
fn is_logo_url(url: &str) -> bool {
    let Some((mime, data)) = url.strip_prefix("data:").and_then(|rest| rest.split_once(";base64,")) else {
        return false;
    };
    LOGO_TYPES.contains(&mime)
        && data.len() / 4 * 3 <= LOGO_LIMIT + 2
        && data.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// An accent colour as `<input type="color">` gives it: `#rrggbb`, lower case; anything else is none.
pub fn accent(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| format!("#{}", hex.to_ascii_lowercase()))
}

fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(DIGITS[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The file: what it is and its version, then the branding's fields (spelled out, not flattened:
/// serde's flatten would bring its generic buffering into the lazy code).
#[derive(Serialize, Deserialize)]
struct BrandingFile {
    format: String,
    version: serde_json::Value,
    #[serde(default)]
    name: String,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    accent: Option<String>,
}

/// The branding as a file for another browser.
pub fn to_file(branding: &Branding) -> String {
    let Branding { name, logo, accent } = branding.clone();
    let file = BrandingFile { format: FORMAT.to_owned(), version: VERSION.into(), name, logo, accent };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Why a file cannot be read as branding: nothing changes then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not JSON, or not a branding file of this panel.
    NotBranding,
    /// A branding file of a version this panel does not know.
    UnknownVersion(String),
    /// Its logo is not an image this panel takes, or is over the limit.
    BadLogo,
}

pub fn from_file(text: &str) -> Result<Branding, FileProblem> {
    let file: BrandingFile = serde_json::from_str(text).map_err(|_| FileProblem::NotBranding)?;
    if file.format != FORMAT {
        return Err(FileProblem::NotBranding);
    }
    if file.version.as_u64() != Some(VERSION) {
        return Err(FileProblem::UnknownVersion(file.version.to_string()));
    }
    if file.logo.as_deref().is_some_and(|logo| !is_logo_url(logo)) {
        return Err(FileProblem::BadLogo);
    }
    Ok(Branding { name: file.name, logo: file.logo, accent: file.accent.as_deref().and_then(accent) })
}

impl Branding {
    /// The same, as this panel would have made it: a logo it would not take, or a colour it would
    /// not, is left out (a colleague's or a server's document is read through it).
    pub fn tidied(self) -> Branding {
        Branding {
            name: self.name.chars().take(NAME_LIMIT).collect(),
            logo: self.logo.filter(|logo| is_logo_url(logo)),
            accent: self.accent.as_deref().and_then(accent),
        }
    }
}

/// The branding an earlier panel kept on the device apart from the organizing, if any: brought
/// into it once.
pub fn load_earlier(user: Option<&UserData>) -> Option<Branding> {
    let json = user?.read(KeptFor::Device, KEY)?;
    serde_json::from_str::<Branding>(&json).ok().map(Branding::tidied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_browsers_write_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xff, 0xfe, 0x00, 0x10]), "//4AEA==");
    }

    #[test]
    fn a_logo_is_an_image_within_the_limit() {
        assert_eq!(logo_url("image/png", b"abc"), Ok("data:image/png;base64,YWJj".into()));
        assert_eq!(logo_url("text/html", b"<p>"), Err(LogoProblem::NotAnImage));
        let big = vec![0u8; LOGO_LIMIT + 1];
        assert_eq!(logo_url("image/jpeg", &big), Err(LogoProblem::TooLarge { size: LOGO_LIMIT + 1 }));
        assert!(logo_url("image/jpeg", &big[1..]).is_ok());
        assert_eq!(accent(" #A0B1c2 "), Some("#a0b1c2".into()));
        assert_eq!(accent("red"), None);
        assert_eq!(accent("#12345"), None);
    }

    #[test]
    fn a_branding_file_round_trips_and_a_wrong_one_changes_nothing() {
        let branding = Branding {
            name: "Agence \"Web\" ⟨Lyon⟩".into(),
            logo: Some(logo_url("image/svg+xml", b"<svg/>").unwrap()),
            accent: Some("#336699".into()),
        };
        assert_eq!(from_file(&to_file(&branding)), Ok(branding.clone()));
        assert_eq!(from_file("not json"), Err(FileProblem::NotBranding));
        assert_eq!(from_file(r#"{"name":"x"}"#), Err(FileProblem::NotBranding));
        assert_eq!(from_file(r#"{"format":"other","version":1}"#), Err(FileProblem::NotBranding));
        let future = to_file(&branding).replace("\"version\":1", "\"version\":2");
        assert_eq!(from_file(&future), Err(FileProblem::UnknownVersion("2".into())));
        let remote = to_file(&Branding { logo: Some("https://example.com/logo.png".into()), ..branding.clone() });
        assert_eq!(from_file(&remote), Err(FileProblem::BadLogo), "a remote logo is never fetched");
        let odd_colour = to_file(&Branding { accent: Some("url(x)".into()), ..branding.clone() });
        assert_eq!(from_file(&odd_colour).map(|b| b.accent), Ok(None), "an odd colour is left out");
        assert_eq!(from_file(&format!(r#"{{"format":"{FORMAT}","version":1}}"#)), Ok(Branding::default()));
    }

    #[test]
    fn a_branding_read_from_elsewhere_keeps_only_what_this_panel_takes() {
        let odd = Branding { name: "A".into(), logo: Some("https://x/l.png".into()), accent: Some("red".into()) };
        assert_eq!(odd.tidied(), Branding { name: "A".into(), logo: None, accent: None });
        let long = Branding { name: "x".repeat(6 * 1024 * 1024), ..Branding::default() };
        assert_eq!(long.tidied().name.len(), NAME_LIMIT, "a 6 MB name is cut");
        let fine = Branding {
            logo: Some(logo_url("image/png", b"x").unwrap()),
            accent: Some("#AABBCC".into()),
            ..Branding::default()
        };
        assert_eq!(fine.clone().tidied(), Branding { accent: Some("#aabbcc".into()), ..fine });
    }
}
