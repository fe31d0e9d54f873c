//! Forms several pages share. Each carries the `csrf_token` that `CsrfForm` checks.

use rocket::form::FromForm;

/// A button that only needs the CSRF token (check, archive, revoke, …).
#[derive(FromForm)]
pub struct EmptyForm {
    csrf_token: Option<String>,
}

/// A name for something new or renamed (a list, a store, an API token).
#[derive(FromForm)]
pub struct NameForm {
    csrf_token: Option<String>,
    pub name: String,
}

/// A dangerous action confirmed by typing something (a password, a name).
#[derive(FromForm)]
pub struct TypedConfirmForm {
    csrf_token: Option<String>,
    pub confirm: String,
}

crate::csrf_forms!(EmptyForm, NameForm, TypedConfirmForm);

/// An optional id field (a store, a category): blank is none; anything else must be a
/// number, or it comes back as the refused text.
pub fn optional_id(raw: &str) -> Result<Option<i64>, &str> {
    match raw.trim() {
        "" => Ok(None),
        s => s.parse().map(Some).map_err(|_| s),
    }
}
