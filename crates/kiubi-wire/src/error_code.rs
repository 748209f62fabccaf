//! Error codes of the API (protocol notes §5.2), named as Kiubi's back office names them.

pub const REQUIRED_PARAMS: i64 = 4001;
pub const PARAMS_VALIDATION: i64 = 4002;
pub const PARAMS_ENCODING: i64 = 4012;
pub const ACCESS_ABUSE: i64 = 4300;
pub const ACCESS_AUTH_NEEDED: i64 = 4307;
pub const ACCESS_DENIED: i64 = 4308;
pub const ACCESS_IDENTIFICATION_FAILED: i64 = 4309;
pub const ACCESS_NOT_YOURS: i64 = 4310;
pub const ACCESS_TOKEN: i64 = 4311;
pub const ACCESS_INSUFFICIENT_SCOPE: i64 = 4312;
pub const UNKNOWN_RESOURCE: i64 = 4401;
pub const SYS_UNEXPECTED_ERROR: i64 = 5007;
pub const MAINTENANCE: i64 = 5300;
pub const REQUEST_TOO_LARGE: i64 = 413;

/// Codes after which the token is no longer usable: the user must sign in again.
pub fn is_auth_failure(code: i64) -> bool {
    matches!(code, ACCESS_AUTH_NEEDED | ACCESS_TOKEN)
}
