//! Wire types of the Kiubi "API DBO" v1, shared by the panel (wasm) and the local stand-in (native).
//!
//! Field names are exactly those of the reference (`api-dbo-v1.fr.txt`). Decoding is lenient in the
//! ways the real API and its official clients are (see `lenient`): numbers and booleans may arrive as
//! strings, absent links are `false`, unknown fields are ignored.

pub mod calendar;
pub mod encoding;
pub mod enums;
pub mod envelope;
pub mod error_code;
pub mod lenient;
pub mod models;
pub mod params;
pub mod paths;
pub mod team;
pub mod validate;

pub use envelope::{decode, open, Failure, Reply};
pub use envelope::{Envelope, ErrorBody, FieldError, Links, Meta};

pub mod paging;

/// API keys and session tokens are 40 lowercase hexadecimal characters (protocol notes §2.1).
pub fn is_well_formed_token(token: &str) -> bool {
    token.len() == 40 && token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_forty_lowercase_hex_characters() {
        assert!(super::is_well_formed_token(&"a1".repeat(20)));
        assert!(!super::is_well_formed_token(&"A1".repeat(20)));
        assert!(!super::is_well_formed_token(&"a1".repeat(19)));
        assert!(!super::is_well_formed_token(&"g1".repeat(20)));
    }
}
