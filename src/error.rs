//! Errors and how they reach people.
//!
//! Rules: `domain` and `extract` return their own error types; `storage` returns
//! `diesel::QueryResult`; services and handlers return `Result<_, AppError>`; command-line code
//! may use `anyhow`. `AppError` maps to a status code in one place ([`ResponseError`] below):
//! validation 400, unauthenticated 401, forbidden 403, not found 404, conflict 409, too large 413,
//! rate-limited 429, storage unavailable 503 (with its cause: disk full, read-only, server out
//! of reach), and unexpected 500, whose detail is logged and never shown.
//! Unique-constraint violations become 409 in [`From<diesel::result::Error>`], not per handler.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

/// Every failure a request or command can end in.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request is malformed: not the documented shape (JSON, types, ranges, NUL). 400.
    #[error("{0}")]
    Validation(String),
    /// The request has the documented shape but a value breaks a rule the API description
    /// cannot state (password policy, a span inside the text, a reason to reject). 422.
    #[error("{0}")]
    Rule(String),
    #[error("you need to log in")]
    Unauthenticated,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// A write named a version that is no longer current (409, like any conflict).
    #[error("{0}")]
    Stale(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("too many failed attempts; wait 15 minutes and try again")]
    RateLimited,
    /// The database cannot take the request now; the message says why.
    #[error("{0}")]
    Unavailable(String),
    #[error("an unexpected error occurred")]
    Unexpected(String),
}

impl AppError {
    /// A short stable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::Rule(_) => "unprocessable",
            AppError::Unauthenticated | AppError::BadCredentials => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) | AppError::Stale(_) => "conflict",
            AppError::TooLarge(_) => "too_large",
            AppError::RateLimited => "rate_limited",
            AppError::Unavailable(_) => "unavailable",
            AppError::Unexpected(_) => "internal",
        }
    }

    pub fn validation(message: impl Into<String>) -> Self {
        AppError::Validation(message.into())
    }

    pub fn rule(message: impl Into<String>) -> Self {
        AppError::Rule(message.into())
    }

    pub fn not_found(what: &str) -> Self {
        AppError::NotFound(format!("{what} not found"))
    }

    /// The 409 sent when a write names a version that is no longer current.
    pub fn stale(what: &str) -> Self {
        AppError::Stale(format!(
            "someone else changed this {what} since you loaded it; reload to see their change"
        ))
    }

    /// The message shown to the person; the detail of unexpected errors stays in the log.
    pub fn public_message(&self) -> String {
        self.to_string()
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::BAD_REQUEST,
            AppError::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) | AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Unexpected(detail) = self {
            tracing::error!(%detail, "request failed");
        }
        if let AppError::Unavailable(cause) = self {
            tracing::error!(%cause, "database unavailable");
            return HttpResponse::build(self.status_code())
                .insert_header((actix_web::http::header::RETRY_AFTER, "10"))
                .json(json!({"error": { "code": self.code(), "message": self.public_message() }}));
        }
        HttpResponse::build(self.status_code()).json(json!({
            "error": { "code": self.code(), "message": self.public_message() }
        }))
    }
}

impl From<crate::domain::ValidationError> for AppError {
    /// A domain value that breaks a rule: the request had the right shape, so 422.
    fn from(e: crate::domain::ValidationError) -> Self {
        AppError::Rule(e.0)
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound("not found".into()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                AppError::Conflict(format!("already exists ({})", info.message()))
            }
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => AppError::Unavailable(
                "the connection to the database was lost; try again in a moment".into(),
            ),
            Error::DatabaseError(_, ref info) => match storage_trouble(info.message()) {
                Some(cause) => AppError::Unavailable(cause.into()),
                None => AppError::Unexpected(e.to_string()),
            },
            other => AppError::Unexpected(other.to_string()),
        }
    }
}

/// The storage failure a database error message names, in words for the person waiting.
fn storage_trouble(message: &str) -> Option<&'static str> {
    let m = message.to_ascii_lowercase();
    if m.contains("readonly") || m.contains("read-only") || m.contains("read only") {
        Some("the database is read-only: nothing can be saved until it is writable again")
    } else if m.contains("disk is full") || m.contains("no space left") {
        Some("the database's disk is full: nothing can be saved until space is freed")
    } else if m.contains("disk i/o error") || m.contains("i/o error") {
        Some("the database's disk failed (I/O error): nothing can be saved now")
    } else if m.contains("database is locked") {
        Some("the database is busy: try again in a moment")
    } else {
        None
    }
}

impl From<crate::storage::DatabaseError> for AppError {
    fn from(e: crate::storage::DatabaseError) -> Self {
        match e {
            crate::storage::DatabaseError::Query(q) => q.into(),
            crate::storage::DatabaseError::Pool(p) => AppError::Unavailable(format!(
                "no database connection could be had in time (the server may be down or \
                 overloaded): {p}"
            )),
            crate::storage::DatabaseError::Connect(c) => AppError::Unavailable(c.to_string()),
            other => AppError::Unexpected(other.to_string()),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Unexpected(e.to_string())
    }
}

impl From<crate::report::ReportError> for AppError {
    fn from(e: crate::report::ReportError) -> Self {
        match e {
            crate::report::ReportError::Format(m) => AppError::Validation(m),
            other => AppError::Unexpected(other.to_string()),
        }
    }
}

impl From<crate::template::TemplateError> for AppError {
    fn from(e: crate::template::TemplateError) -> Self {
        AppError::Unexpected(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn database_error(message: &str) -> Error {
        Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message.to_string()))
    }

    #[test]
    fn storage_failures_are_503s_that_name_their_cause() {
        for (message, cause) in [
            ("attempt to write a readonly database", "read-only"),
            ("database or disk is full", "disk is full"),
            (
                "could not extend file: No space left on device",
                "disk is full",
            ),
            ("disk I/O error", "I/O error"),
        ] {
            let e = AppError::from(database_error(message));
            assert_eq!(
                e.status_code(),
                StatusCode::SERVICE_UNAVAILABLE,
                "{message}"
            );
            assert!(e.public_message().contains(cause), "{message}");
        }
        let lost = AppError::from(Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection".to_string()),
        ));
        assert_eq!(lost.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        let other = AppError::from(database_error("syntax error"));
        assert_eq!(other.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
