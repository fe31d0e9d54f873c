//! The one domain error: what a domain rule refuses. `crate::error::Error` takes it in by
//! `From` (and so into HTTP), with the message unchanged: it is written for the user.

/// A value a rule refuses (422): the message says which and why, and what to do. It lives
/// with the rules of typed text in `aisle_parse`, which the phone runs too.
pub use aisle_parse::Invalid;

/// Why a domain rule refuses. Rules that only judge a value return [`Invalid`], which
/// converts into this.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// More at once than one request may do (413); the message says the limit and how to
    /// split the work.
    #[error("{0}")]
    TooMuch(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_and_status_survive_into_the_crate_error() {
        let invalid = crate::error::Error::from(Invalid("the name must not be empty".into()));
        assert_eq!(invalid.status_code(), 422);
        assert_eq!(invalid.public_message(), "the name must not be empty");
        let wrapped = crate::error::Error::from(Error::from(Invalid("bad".into())));
        assert_eq!(
            (wrapped.status_code(), wrapped.to_string()),
            (422, "bad".into())
        );
        let too_much = crate::error::Error::from(Error::TooMuch("at most 500".into()));
        assert_eq!(
            (too_much.status_code(), too_much.to_string()),
            (413, "at most 500".into())
        );
    }
}
