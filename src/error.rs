//! The one error type. `web::error` turns it into HTTP (an HTML page or problem+json).

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    /// The object does not exist, or belongs to another household (never 403 for that).
    #[error("there is nothing here: it may have been deleted, or the link may be out of date")]
    NotFound,
    /// Like `NotFound`, with a message saying what is missing.
    #[error("{0}")]
    Missing(String),
    /// The request is malformed; the message says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// The request is well formed but a value is not acceptable; the message says which and why.
    #[error("{0}")]
    Invalid(String),
    #[error("you need to log in")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    /// Something that existed once and is used up or out of date (an invite link); the
    /// message says what to do instead.
    #[error("{0}")]
    Gone(String),
    #[error("too many attempts; try again in {}", about(*retry_after_secs))]
    TooManyRequests { retry_after_secs: u64 },
    #[error("that is more than aisle takes at once; send less, or split it into parts")]
    PayloadTooLarge,
    /// The request asks for more work at once than one request may (413); the message
    /// says the limit and how to split it.
    #[error("{0}")]
    TooMuch(String),
    #[error("{0}")]
    Unavailable(String),
    /// An internet provider sent something unusable.
    #[error("{0}")]
    BadGateway(String),
    /// An internet provider did not answer in time.
    #[error("{0}")]
    GatewayTimeout(String),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

/// A wait as a person says it: "30 seconds", "about 15 minutes", "about 2 hours".
fn about(secs: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match secs {
        0..60 => plural(secs.max(1), "second"),
        60..3600 => format!("about {}", plural(secs.div_ceil(60), "minute")),
        _ => format!("about {}", plural(secs.div_ceil(3600), "hour")),
    }
}

impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        tracing::warn!("database pool: {e}");
        Error::Unavailable("the database is busy; try again in a moment".into())
    }
}

impl From<crate::domain::Invalid> for Error {
    fn from(e: crate::domain::Invalid) -> Self {
        Error::Invalid(e.0)
    }
}

impl From<crate::domain::Error> for Error {
    fn from(e: crate::domain::Error) -> Self {
        match e {
            crate::domain::Error::Invalid(e) => e.into(),
            crate::domain::Error::TooMuch(m) => Error::TooMuch(m),
        }
    }
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Error::BadRequest(msg.into())
    }

    /// The HTTP status this error stands for.
    pub fn status_code(&self) -> u16 {
        match self {
            Error::NotFound | Error::Missing(_) => 404,
            Error::BadRequest(_) => 400,
            Error::Invalid(_) => 422,
            Error::Unauthorized => 401,
            Error::Forbidden(_) => 403,
            Error::Conflict(_) => 409,
            Error::Gone(_) => 410,
            Error::TooManyRequests { .. } => 429,
            Error::PayloadTooLarge | Error::TooMuch(_) => 413,
            Error::Unavailable(_) => 503,
            Error::BadGateway(_) => 502,
            Error::GatewayTimeout(_) => 504,
            Error::Database(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                503
            }
            Error::Database(_) | Error::Internal(_) => 500,
        }
    }

    /// What an error page says, in the page's language: the errors every page may meet
    /// have their own words in `locales/*/errors.ftl`; a refusal of a particular value
    /// says what it says (in English for now, docs/TRANSLATING.md).
    pub fn page_message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Error::NotFound => lang.get("error-not-found"),
            Error::Unauthorized => lang.get("error-default-401"),
            Error::PayloadTooLarge => lang.get("error-default-413"),
            Error::TooManyRequests { retry_after_secs } => {
                let secs = *retry_after_secs;
                let wait = match secs {
                    0..60 => lang.count("wait-seconds", secs.max(1)),
                    60..3600 => lang.count("wait-minutes", secs.div_ceil(60)),
                    _ => lang.count("wait-hours", secs.div_ceil(3600)),
                };
                lang.arg("error-too-many", "wait", &wait)
            }
            _ => match self.status_code() {
                500 => lang.get("error-default-500"),
                503 if matches!(self, Error::Database(_)) => lang.get("error-busy"),
                _ => self.public_message(),
            },
        }
    }

    /// What may be shown to the user: internals of 5xx errors are never shown.
    pub fn public_message(&self) -> String {
        match self.status_code() {
            500 => {
                "something went wrong on the server; it has been logged, so try again in a moment"
                    .to_string()
            }
            503 if matches!(self, Error::Database(_)) => {
                "the database is busy; try again in a moment".to_string()
            }
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lockout_says_the_wait_as_a_person_would() {
        for (secs, says) in [
            (1, "1 second"),
            (45, "45 seconds"),
            (60, "about 1 minute"),
            (893, "about 15 minutes"),
            (900, "about 15 minutes"),
            (5400, "about 2 hours"),
        ] {
            let e = Error::TooManyRequests {
                retry_after_secs: secs,
            };
            assert_eq!(
                e.to_string(),
                format!("too many attempts; try again in {says}")
            );
        }
    }
}
