//! One error type for the whole panel, with a short message for the user in their language.

use kiubi_wire::{error_code, Failure, FieldError};

use crate::i18n::{Key, Locale};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The API answered with an error envelope (or a non-200 `meta.status_code`).
    Api { http_status: u16, code: i64, message: String, fields: Vec<FieldError> },
    /// The request never got an answer (offline, DNS, CORS refusal, connection reset).
    Network(String),
    /// No answer within the time limit.
    Timeout,
    /// An answer came but is not the API's envelope, or its `data` has the wrong shape.
    Undecodable(String),
    /// The page that asked was left: nobody waits for the answer any more.
    Aborted,
}

impl ApiError {
    pub fn from_failure(http_status: u16, failure: Failure) -> ApiError {
        match failure {
            Failure::Api { meta, error } => ApiError::Api {
                // The envelope's status is the API's own word; fall back to HTTP's when it is missing.
                http_status: u16::try_from(meta.status_code).ok().filter(|s| *s != 0).unwrap_or(http_status),
                code: error.code,
                message: error.message,
                fields: error.fields,
            },
            Failure::Undecodable(detail) => ApiError::Undecodable(detail),
        }
    }

    /// The API's message for the form field `name`, to show beside it.
    pub fn field_message(&self, name: &str) -> Option<&str> {
        match self {
            ApiError::Api { fields, .. } => fields.iter().find(|f| f.field == name).map(|f| f.message.as_str()),
            _ => None,
        }
    }

    /// The token was refused: the user must sign in again.
    pub fn is_auth_failure(&self) -> bool {
        matches!(self, ApiError::Api { code, .. } if error_code::is_auth_failure(*code))
    }

    /// A short sentence for the user. For a refused request the API's own (French) message is shown
    /// when it has one, since it is the most precise; our own wording otherwise.
    pub fn user_message(&self, locale: Locale) -> String {
        match self {
            ApiError::Api { code, .. } if error_code::is_auth_failure(*code) => {
                locale.tr(Key::ErrorBadToken).to_owned()
            }
            ApiError::Api { code: error_code::ACCESS_ABUSE, .. } => locale.tr(Key::ErrorRateLimit).to_owned(),
            ApiError::Api { code: error_code::ACCESS_INSUFFICIENT_SCOPE, .. } => {
                locale.tr(Key::ErrorNoRight).to_owned()
            }
            ApiError::Api { http_status: 503, .. } | ApiError::Api { code: error_code::MAINTENANCE, .. } => {
                locale.tr(Key::ErrorMaintenance).to_owned()
            }
            // A server-side failure says nothing the user can act on but "try again", so it is said
            // in the user's language rather than in the API's French.
            ApiError::Api { http_status, code, message, .. } if *http_status >= 500 || message.trim().is_empty() => {
                format!("{} ({http_status}, {code})", locale.tr(Key::ErrorServer))
            }
            ApiError::Api { message, .. } => message.clone(),
            ApiError::Network(_) => locale.tr(Key::ErrorNetwork).to_owned(),
            ApiError::Timeout => locale.tr(Key::ErrorTimeout).to_owned(),
            ApiError::Undecodable(_) => locale.tr(Key::ErrorUndecodable).to_owned(),
            ApiError::Aborted => locale.tr(Key::ErrorAborted).to_owned(),
        }
    }
}

/// For logs and developers (in English, with the details a user message leaves out); users read
/// `user_message`.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Api { http_status, code, message, fields } => {
                write!(f, "API error {code} (HTTP {http_status})")?;
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                fields.iter().try_for_each(|field| write!(f, "; {}: {}", field.field, field.message))
            }
            ApiError::Network(detail) => write!(f, "network error: {detail}"),
            ApiError::Timeout => f.write_str("no answer in time"),
            ApiError::Undecodable(detail) => write!(f, "unreadable reply: {detail}"),
            ApiError::Aborted => f.write_str("aborted: nobody waits for the answer any more"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use kiubi_wire::{ErrorBody, Meta};

    /// A 4002 refusal with the API's message on the email field.
    fn refused_email() -> ApiError {
        ApiError::Api {
            http_status: 400,
            code: 4002,
            message: "Paramètres invalides".into(),
            fields: vec![FieldError { field: "email".into(), message: "Adresse email invalide".into() }],
        }
    }

    #[test]
    fn displayed_for_developers_with_the_details() {
        assert_eq!(
            refused_email().to_string(),
            "API error 4002 (HTTP 400): Paramètres invalides; email: Adresse email invalide"
        );
        assert_eq!(ApiError::Timeout.to_string(), "no answer in time");
        let boxed: Box<dyn std::error::Error> = Box::new(ApiError::Network("reset".into()));
        assert_eq!(boxed.to_string(), "network error: reset");
    }

    fn api_failure(status: i64, code: i64, message: &str) -> ApiError {
        let meta = Meta { status_code: status, ..Default::default() };
        let error = ErrorBody { code, message: message.into(), fields: vec![] };
        ApiError::from_failure(200, Failure::Api { meta: Box::new(meta), error })
    }

    #[test]
    fn envelope_status_wins_over_http_status() {
        assert!(matches!(api_failure(403, 4311, ""), ApiError::Api { http_status: 403, .. }));
    }

    #[test]
    fn bad_token_is_an_auth_failure_with_our_message() {
        let err = api_failure(403, 4311, "Token invalide");
        assert!(err.is_auth_failure());
        assert_eq!(err.user_message(Locale::En), Locale::En.tr(Key::ErrorBadToken));
        assert!(!api_failure(404, 4401, "").is_auth_failure());
    }

    #[test]
    fn api_message_is_shown_when_present() {
        assert_eq!(api_failure(404, 4401, "Site inconnu").user_message(Locale::En), "Site inconnu");
        assert!(api_failure(500, 5007, " ").user_message(Locale::Fr).contains("(500, 5007)"));
    }

    #[test]
    fn a_missing_right_is_said_as_such() {
        let refused = api_failure(403, 4312, "Droits insuffisants : site:backup");
        assert!(!refused.is_auth_failure(), "the session stays");
        assert!(refused.user_message(Locale::En).starts_with("You do not have the right"));
    }

    #[test]
    fn server_failures_are_said_in_the_users_language() {
        let failure = api_failure(500, 5007, "Erreur inattendue");
        assert_eq!(failure.user_message(Locale::En), "The API ran into an error, try again (500, 5007)");
        assert!(failure.user_message(Locale::Fr).starts_with("L'API a rencontré une erreur"));
    }

    #[test]
    fn field_errors_are_found_by_field_name() {
        let error = refused_email();
        assert_eq!(error.field_message("email"), Some("Adresse email invalide"));
        assert_eq!(error.field_message("phone"), None);
        assert_eq!(ApiError::Timeout.field_message("email"), None);
    }

    #[test]
    fn transport_failures_have_messages_in_both_languages() {
        for err in
            [ApiError::Timeout, ApiError::Network("x".into()), ApiError::Undecodable("x".into()), ApiError::Aborted]
        {
            assert_ne!(err.user_message(Locale::Fr), err.user_message(Locale::En));
        }
    }
}
