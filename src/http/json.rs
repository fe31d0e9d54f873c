//! A JSON body whose errors say what is wrong (Rocket's own only give a status).

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::request::Request;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::guards::fail;
use crate::http::plain;

pub struct JsonBody<T>(pub T);

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Send> FromData<'r> for JsonBody<T> {
    type Error = ();

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        // Imports carry a whole household; everything else is small.
        let kind = if req.uri().path() == "/api/v1/import" {
            "import"
        } else {
            "json"
        };
        let limit = req.limits().get(kind).unwrap_or(64.kibibytes());
        let bytes = match data.open(limit).into_bytes().await {
            Ok(b) if b.is_complete() => b.into_inner(),
            Ok(_) => return fail(req, Error::PayloadTooLarge),
            Err(e) => {
                tracing::debug!("reading a JSON body: {e}");
                let refused = "the body could not be read to the end; send it again";
                return fail(req, Error::bad_request(refused));
            }
        };
        match serde_json::from_slice::<T>(&bytes) {
            Ok(v) => data::Outcome::Success(JsonBody(v)),
            Err(e) => {
                tracing::debug!(path = %req.uri().path(), "JSON body refused: {e}");
                if e.is_data() {
                    fail(req, Error::invalid(plain::json_shape(&e)))
                } else {
                    fail(req, Error::bad_request(plain::json_syntax(&e, &bytes)))
                }
            }
        }
    }
}

/// A query parameter as Rocket read it into `Result<T, Errors>`: absent is `None`; one
/// that does not read (`online=null`; given twice, the first one counts) is refused with
/// 422 naming it, rather than quietly taken as absent, as a bare `Option<T>` would.
pub fn query<T>(
    value: Result<T, rocket::form::Errors<'_>>,
    name: &str,
    expected: &str,
) -> crate::error::Result<Option<T>> {
    match value {
        Ok(value) => Ok(Some(value)),
        Err(errors)
            if errors
                .iter()
                .all(|e| matches!(e.kind, rocket::form::error::ErrorKind::Missing)) =>
        {
            Ok(None)
        }
        Err(_) => Err(crate::error::Error::invalid(format!(
            "the query parameter `{name}` must be {expected}"
        ))),
    }
}
