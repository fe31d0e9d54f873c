//! The instance admin page: scheduled jobs (with run-now), backups (with download) and who
//! the instance admins are.
//!
//! Backups hold every household's data and password hashes, so this page belongs to the
//! instance admins: accounts holding the stored `instance_admin` role (the setup account,
//! `aisle user add --instance-admin`, or granted here), never inferred from ids.

use rocket::fs::NamedFile;
use rocket::outcome::{Outcome, try_outcome};
use rocket::request::{self, FlashMessage, FromRequest, Request};
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::backup;
use crate::db::security_log::{self, Entry, Event};
use crate::db::users::{self, User};
use crate::error::{Error, Result};
use crate::http::guards::{ClientIp, CsrfForm, CurrentUser, Visitor, fail, state};
use crate::i18n::Lang;
use crate::ids::UserId;
use crate::jobs::{self, Job};
use crate::views::{AdminPage, BackupView, Chrome, JobView, render};
use crate::web::forms::EmptyForm;
use crate::web::reply::{Reply, WithHeader};

/// A user holding the instance admin role (read from the database on every request), and
/// the language of their pages.
pub struct InstanceAdmin(pub User, pub Lang);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for InstanceAdmin {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        let current = try_outcome!(req.guard::<CurrentUser>().await);
        let lang = current.lang();
        let user = current.0;
        let id = user.id;
        let held = state(req)
            .db
            .read(move |c| users::is_instance_admin(c, id))
            .await;
        match held {
            Ok(true) => Outcome::Success(InstanceAdmin(user, lang)),
            Ok(false) => fail(
                req,
                Error::Forbidden(
                    "the Admin page is for instance admins only; an instance admin can give you the role there"
                        .into(),
                ),
            ),
            Err(e) => fail(req, e),
        }
    }
}

/// A moment in the server's local time, as `lang` writes it: its day and `HH:MM`.
pub(crate) fn local(lang: Lang, ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| when(lang, t.with_timezone(&chrono::Local)))
        .unwrap_or_default()
}

fn when(lang: Lang, t: chrono::DateTime<chrono::Local>) -> String {
    // `Lang::date` names the day of a UTC moment: give it the local wall clock's.
    let day = lang.date(t.naive_local().and_utc().timestamp_millis());
    let time = t.format("%H:%M").to_string();
    lang.with(
        "admin-when",
        &[
            ("date", day.as_str().into()),
            ("time", time.as_str().into()),
        ],
    )
}

/// A job's name, as the page's language says it.
fn job_label(lang: Lang, job: Job) -> String {
    lang.get(match job {
        Job::Backup => "admin-job-backup",
        Job::RefreshProducts => "admin-job-refresh-products",
        Job::Cleanup => "admin-job-cleanup",
    })
}

#[get("/admin")]
async fn show_admin(
    app: &State<AppState>,
    admin: InstanceAdmin,
    visitor: &Visitor,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    let config = app.config.clone();
    let (status, accounts) = app
        .db
        .read(move |c| Ok((jobs::status(c, &config)?, users::all_with_households(c)?)))
        .await?;
    let dir = app.config.backup_dir();
    let files = tokio::task::spawn_blocking(move || backup::list(&dir))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let lang = visitor.lang;
    let jobs = status
        .into_iter()
        .map(|s| JobView {
            name: s.job.name(),
            label: job_label(lang, s.job),
            schedule: s.schedule.unwrap_or_else(|| lang.get("admin-schedule-off")),
            next: s.next.map(|t| when(lang, t)).unwrap_or_else(|| "—".into()),
            last: s.last.as_ref().map(|r| {
                let id = match r.outcome.as_deref() {
                    Some("ok") => "admin-run-ok",
                    Some(_) => "admin-run-failed",
                    None => "admin-run-running",
                };
                lang.arg(id, "when", local(lang, r.started_ms).as_str())
            }),
            message: s.last.and_then(|r| r.message).unwrap_or_default(),
        })
        .collect();
    let backups = files
        .into_iter()
        .map(|f| BackupView {
            size: {
                let mb = format!("{:.1}", f.size as f64 / 1_000_000.0);
                let mb = mb.replace('.', lang.decimal_mark());
                lang.arg("admin-backup-size", "size", mb.as_str())
            },
            created: f
                .created
                .map(|t| local(lang, t.timestamp_millis()))
                .unwrap_or_default(),
            verified: f.verified,
            name: f.name,
        })
        .collect();
    let mode = format!("{:?}", app.config.tls);
    let certificate =
        (app.config.tls != crate::config::TlsMode::Off).then(|| match app.certificate.expires() {
            Some(t) => lang.with(
                "admin-certificate",
                &[
                    ("mode", mode.as_str().into()),
                    ("date", local(lang, t * 1000).as_str().into()),
                ],
            ),
            None => lang.arg("admin-no-certificate", "mode", mode.as_str()),
        });
    Ok(Reply::page(render(&AdminPage {
        chrome: Chrome::new(lang.get("admin-title"), visitor.viewer(), flash),
        certificate,
        jobs,
        backups,
        backup_dir: app.config.backup_dir().display().to_string(),
        users: accounts,
        me: admin.0.id,
    })?))
}

#[post("/admin/jobs/<name>/run", data = "<_form>")]
async fn run_job(
    app: &State<AppState>,
    admin: InstanceAdmin,
    name: &str,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let job = Job::parse(name).ok_or(Error::NotFound)?;
    tracing::info!(job = job.name(), by = %admin.0.username, "run now");
    let message = app.scheduler.run_now(job).await?;
    let lang = admin.1;
    let said = lang.with(
        "admin-job-ran",
        &[
            ("job", job_label(lang, job).as_str().into()),
            ("message", message.as_str().into()),
        ],
    );
    Ok(Reply::flash("/admin", said))
}

#[get("/admin/backups/<name>")]
async fn download_backup(
    app: &State<AppState>,
    admin: InstanceAdmin,
    ip: ClientIp,
    name: &str,
) -> Result<WithHeader<NamedFile>> {
    let dir = app.config.backup_dir();
    let wanted = name.to_string();
    let path = tokio::task::spawn_blocking(move || backup::find(&dir, &wanted))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .ok_or(Error::NotFound)?;
    let file = NamedFile::open(&path).await.map_err(|_| Error::NotFound)?;
    // Every household's data and password hashes leave the server: the instance's log says
    // who took them.
    let entry = Entry::new(
        Event::BackupDownload,
        None,
        Some(admin.0.id),
        &admin.0.username,
    )
    .from(&ip.address())
    .detail(name);
    app.db
        .write(move |tx| security_log::record(tx, &entry, crate::db::now_ms()))
        .await?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok(WithHeader::new(file, "Content-Disposition", disposition))
}

/// Grants (`on`) or revokes the instance admin role of any household's user.
async fn set_role(app: &AppState, admin: InstanceAdmin, id: UserId, on: bool) -> Result<Reply> {
    let lang = admin.1;
    let (actor, actor_name) = (admin.0.id, admin.0.username.clone());
    let username = app
        .db
        .write(move |tx| {
            let username = users::set_instance_admin(tx, id, on)?;
            let what = if on { "granted" } else { "revoked" };
            let entry = Entry::new(Event::RoleChange, None, Some(id), &username)
                .by(actor, &actor_name)
                .detail(what);
            security_log::record(tx, &entry, crate::db::now_ms())?;
            Ok(username)
        })
        .await?;
    let by = admin.0.username;
    if on {
        tracing::warn!(user = %username, by = %by, "instance admin granted");
        return Ok(Reply::flash(
            "/admin",
            lang.arg("admin-granted", "username", &username),
        ));
    }
    tracing::warn!(user = %username, by = %by, "instance admin revoked");
    if id == admin.0.id {
        return Ok(Reply::flash("/", lang.get("admin-you-revoked")));
    }
    Ok(Reply::flash(
        "/admin",
        lang.arg("admin-revoked", "username", &username),
    ))
}

button_pair!(set_role(InstanceAdmin, id: UserId),
    "/admin/users/<id>/grant" => grant(true),
    "/admin/users/<id>/revoke" => revoke(false),
);

pub fn routes() -> Vec<Route> {
    routes![show_admin, run_job, download_backup, grant, revoke]
}
