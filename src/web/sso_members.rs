//! An admin's part of single sign-on, on the Household page: the email a member's first
//! sign-in through the provider links them by, and ending a member's link.

use rocket::form::FromForm;
use rocket::{Route, State, post, routes};

use crate::app::AppState;
use crate::db::security_log::{Entry, Event};
use crate::db::sso;
use crate::error::{Error, Result};
use crate::http::guards::{Admin, CsrfForm};
use crate::i18n::Lang;
use crate::ids::UserId;
use crate::web::forms::EmptyForm;
use crate::web::household::change_member;
use crate::web::reply::Reply;

/// A member's sign-in email, given by an admin; blank takes it away.
#[derive(FromForm)]
pub struct EmailForm {
    csrf_token: Option<String>,
    email: String,
}

crate::csrf_forms!(EmailForm);

/// An admin gives a member the email their first single sign-on links them by (blank
/// takes it away), or ends a member's link.
#[post("/household/members/<id>/sso", data = "<form>")]
async fn member_email(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: UserId,
    form: CsrfForm<EmailForm>,
) -> Result<Reply> {
    if !app.sso.available() {
        return Err(Error::NotFound);
    }
    let typed = form.0.email.trim().to_string();
    let email = (!typed.is_empty()).then_some(typed);
    if let Some(email) = email.as_deref().filter(|e| !is_email(e)) {
        return Err(Error::invalid(lang.arg(
            "household-sso-email-invalid",
            "email",
            email,
        )));
    }
    let household = admin.0.household_id;
    let given = email.clone();
    let action = "change how they sign in";
    let (name, ()) = change_member(app, &admin, id, action, move |tx, member| {
        match sso::set_email(tx, household, id, given.as_deref()) {
            Err(Error::Conflict(_)) => {
                let email = given.as_deref().unwrap_or_default();
                let taken = lang.arg("household-sso-email-taken", "email", email);
                return Err(Error::Conflict(taken));
            }
            set => set?,
        }
        let event = match given {
            Some(_) => Event::FactorAdd,
            None => Event::FactorRemove,
        };
        Ok(((), Some(Entry::of(event, member).detail("sso-email"))))
    })
    .await?;
    let said = match &email {
        Some(email) => lang.with(
            "household-sso-email-set",
            &[
                ("name", name.as_str().into()),
                ("email", email.as_str().into()),
            ],
        ),
        None => lang.arg("household-sso-email-removed", "name", &name),
    };
    Ok(Reply::flash("/household", said))
}

#[post("/household/members/<id>/sso/unlink", data = "<_form>")]
async fn member_unlink(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: UserId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let action = "change how they sign in";
    let (name, ()) = change_member(app, &admin, id, action, move |tx, member| {
        if !sso::unlink(tx, id)? {
            return Err(Error::NotFound);
        }
        Ok((
            (),
            Some(Entry::of(Event::FactorRemove, member).detail("sso")),
        ))
    })
    .await?;
    Ok(Reply::flash(
        "/household",
        lang.arg("household-sso-unlinked", "name", &name),
    ))
}

/// An email as far as aisle needs one: something@somewhere, one line, not too long.
fn is_email(email: &str) -> bool {
    email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email
            .split_once('@')
            .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'))
}

pub fn routes() -> Vec<Route> {
    routes![member_email, member_unlink]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_loosely() {
        assert!(is_email("anna@example.org"));
        for bad in ["anna", "@example.org", "anna@example", "an na@example.org"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
