//! What the client does after a failure, as pure functions (tested natively).

use kiubi_wire::error_code;

use super::ApiError;

/// Reads are tried at most this many times in all.
pub const MAX_TRIES: u32 = 3;

/// How long to wait before trying a read again after `error` on try number `tries` (1-based), or
/// `None` to give up. Only reads are retried (a write may have been applied); only failures that a
/// moment can cure: the network, 502/503/504, 5007, and the rate limit (4300), which waits longer.
pub fn retry_delay_ms(is_read: bool, error: &ApiError, tries: u32) -> Option<u32> {
    if !is_read || tries >= MAX_TRIES {
        return None;
    }
    let backoff = 400 * 2u32.pow(tries - 1);
    match error {
        ApiError::Network(_) => Some(backoff),
        ApiError::Api { code: error_code::ACCESS_ABUSE, .. } => Some(5_000 * tries),
        ApiError::Api { http_status: 502..=504, .. } => Some(backoff),
        ApiError::Api { code: error_code::SYS_UNEXPECTED_ERROR, .. } => Some(backoff),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: i64) -> ApiError {
        ApiError::Api { http_status: status, code, message: String::new(), fields: vec![] }
    }

    #[test]
    fn reads_are_retried_on_transient_failures_with_growing_delays() {
        assert_eq!(retry_delay_ms(true, &ApiError::Network("x".into()), 1), Some(400));
        assert_eq!(retry_delay_ms(true, &ApiError::Network("x".into()), 2), Some(800));
        assert_eq!(retry_delay_ms(true, &ApiError::Network("x".into()), 3), None, "three tries in all");
        assert_eq!(retry_delay_ms(true, &api(503, 5300), 1), Some(400));
        assert_eq!(retry_delay_ms(true, &api(502, 5007), 1), Some(400));
        assert_eq!(retry_delay_ms(true, &api(500, 5007), 1), Some(400));
        assert_eq!(retry_delay_ms(true, &api(429, 4300), 1), Some(5000));
    }

    #[test]
    fn other_failures_and_writes_are_not_retried() {
        assert_eq!(retry_delay_ms(false, &ApiError::Network("x".into()), 1), None);
        assert_eq!(retry_delay_ms(false, &api(503, 5300), 1), None);
        for error in
            [api(400, 4002), api(403, 4311), api(404, 4401), ApiError::Timeout, ApiError::Undecodable("x".into())]
        {
            assert_eq!(retry_delay_ms(true, &error, 1), None, "{error:?}");
        }
    }
}
