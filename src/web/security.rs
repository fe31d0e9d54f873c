//! The security log pages: `/household/security` (the household's admins, its own
//! entries) and `/admin/security` (instance admins, every entry).

use rocket::{Route, State, get, routes};

use crate::app::AppState;
use crate::db::security_log::{self, Event, Logged};
use crate::db::users::Role;
use crate::error::Result;
use crate::http::guards::{Admin, Visitor};
use crate::i18n::Lang;
use crate::views::security::{LogRow, SecurityLogPage};
use crate::views::{Chrome, render, role_name};
use crate::web::admin::{InstanceAdmin, local};
use crate::web::reply::Reply;

/// Entries a page shows, newest first; "Older entries" shows the next ones.
const SHOWN: usize = 100;

#[get("/household/security?<before>")]
async fn household_log(
    app: &State<AppState>,
    admin: Admin,
    visitor: &Visitor,
    before: Option<i64>,
) -> Result<Reply> {
    let household = admin.0.household_id;
    let entries = app
        .db
        .read(move |c| security_log::for_household(c, household, before, SHOWN))
        .await?;
    page(app, visitor, entries, false)
}

#[get("/admin/security?<before>")]
async fn instance_log(
    app: &State<AppState>,
    _admin: InstanceAdmin,
    visitor: &Visitor,
    before: Option<i64>,
) -> Result<Reply> {
    let entries = app
        .db
        .read(move |c| security_log::for_instance(c, before, SHOWN))
        .await?;
    page(app, visitor, entries, true)
}

/// A page of `entries`: the instance's log (each entry with its household) or a
/// household's.
fn page(app: &AppState, visitor: &Visitor, entries: Vec<Logged>, instance: bool) -> Result<Reply> {
    let lang = visitor.lang;
    let (path, back, back_label, intro) = if instance {
        let back = lang.get("security-back-admin");
        ("/admin/security", "/admin", back, "security-intro-instance")
    } else {
        let back = lang.get("security-back-household");
        (
            "/household/security",
            "/household",
            back,
            "security-intro-household",
        )
    };
    let intro = lang.with(intro, &[("days", app.config.security_log_days.into())]);
    let older = (entries.len() == SHOWN)
        .then(|| entries.last().map(|e| format!("{path}?before={}", e.id)))
        .flatten();
    let rows = entries.iter().map(|e| row(lang, e)).collect();
    Ok(Reply::page(render(&SecurityLogPage {
        chrome: Chrome::new(lang.get("security-title"), visitor.viewer(), None),
        intro,
        instance,
        rows,
        older,
        back,
        back_label,
    })?))
}

fn row(lang: Lang, e: &Logged) -> LogRow {
    let event = e.event.parse::<Event>().ok();
    let what = match event {
        Some(event) => lang.get(&format!(
            "security-event-{}",
            event.as_str().replace('_', "-")
        )),
        // Written by a newer aisle.
        None => e.event.clone(),
    };
    let how = e.method.as_deref().map(|m| {
        if security_log::METHODS.contains(&m) {
            lang.get(&format!("security-method-{m}"))
        } else {
            m.to_string()
        }
    });
    let (detail, detail_is_code) = detail_of(lang, event, e.detail.as_deref());
    LogRow {
        when: local(lang, e.at_ms),
        household: e.household.clone(),
        what,
        failed: !e.success,
        who: e.username.clone(),
        by: e.actor.clone(),
        how,
        address: e.address.clone(),
        detail,
        detail_is_code,
        imported: e.imported,
    }
}

/// An entry's detail in the page's language: a role by its name, a grant or revocation,
/// revoked tokens counted; a file or an import's kind as written; names as they are.
fn detail_of(lang: Lang, event: Option<Event>, detail: Option<&str>) -> (Option<String>, bool) {
    let Some(detail) = detail else {
        return (None, false);
    };
    let said = match (event, detail) {
        (Some(Event::Join | Event::InviteCreate), role) => {
            Role::parse(role).map(|r| role_name(lang, r))
        }
        (Some(Event::RoleChange), "granted") => Some(lang.get("security-role-granted")),
        (Some(Event::RoleChange), "revoked") => Some(lang.get("security-role-revoked")),
        (Some(Event::Lockout), "address") => Some(lang.get("security-lockout-address")),
        (Some(Event::Lockout), "username") => Some(lang.get("security-lockout-username")),
        (Some(Event::FactorAdd | Event::FactorRemove), "totp") => {
            Some(lang.get("security-factor-totp"))
        }
        (Some(Event::FactorAdd | Event::FactorRemove), "passkey") => {
            Some(lang.get("security-factor-passkey"))
        }
        (Some(Event::FactorAdd | Event::FactorRemove), "sso") => {
            Some(lang.get("security-factor-sso"))
        }
        (Some(Event::FactorAdd | Event::FactorRemove), "sso-email") => {
            Some(lang.get("security-factor-sso-email"))
        }
        (Some(Event::PasswordChange | Event::PasswordReset), n) => n
            .parse::<u32>()
            .ok()
            .map(|n| lang.count("security-tokens-revoked", n)),
        (Some(Event::Import | Event::Restore | Event::BackupDownload), _) => {
            return (Some(detail.to_string()), true);
        }
        _ => Some(detail.to_string()),
    };
    match said {
        Some(said) => (Some(said), false),
        None => (Some(detail.to_string()), true),
    }
}

pub fn routes() -> Vec<Route> {
    routes![household_log, instance_log]
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn every_event_and_method_has_words_in_every_complete_language() {
        let events =
            Event::iter().map(|e| format!("security-event-{}", e.as_str().replace('_', "-")));
        let methods = security_log::METHODS
            .iter()
            .map(|m| format!("security-method-{m}"));
        let ids: Vec<String> = events.chain(methods).collect();
        for code in crate::i18n::tests::COMPLETE {
            let lang = Lang::from_code(code).expect(code);
            for id in &ids {
                assert!(lang.has(id), "{code} has no `{id}`");
            }
        }
    }

    #[test]
    fn details_read_in_the_pages_language() {
        let de = Lang::from_code("de").expect("German");
        let said = |event, detail| detail_of(de, Some(event), Some(detail));
        assert_eq!(
            said(Event::Join, "member"),
            (Some("Mitglied".into()), false)
        );
        assert!(!said(Event::Lockout, "address").1);
        assert_eq!(said(Event::Import, "grocy"), (Some("grocy".into()), true));
        assert_eq!(
            said(Event::TokenCreate, "Küche"),
            (Some("Küche".into()), false)
        );
        assert_eq!(detail_of(de, Some(Event::Login), None), (None, false));
    }
}
