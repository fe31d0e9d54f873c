//! The instance admin page: scheduled jobs (with run-now) and backups (with download).
//!
//! Backups hold every household's data, so this page belongs to the instance admin: an
//! admin of the first household (the one created at setup), never to other households.

use rocket::fs::NamedFile;
use rocket::http::Header;
use rocket::outcome::Outcome;
use rocket::request::{self, FlashMessage, FromRequest, Request};
use rocket::{Route, State, get, post, routes};

use crate::backup;
use crate::db::users::User;
use crate::error::{Error, Result};
use crate::jobs::{self, Job};
use crate::server::AppState;
use crate::views::{AdminPage, BackupView, Chrome, JobView, render};
use crate::web::Reply;
use crate::web::auth::EmptyForm;
use crate::web::guards::{Admin, CsrfForm, Visitor, fail, state};

/// An admin of the instance's first household.
pub struct InstanceAdmin(pub User);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for InstanceAdmin {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        let admin = match req.guard::<Admin>().await {
            Outcome::Success(Admin(u)) => u,
            Outcome::Error(e) => return Outcome::Error(e),
            Outcome::Forward(s) => return Outcome::Forward(s),
        };
        let household = admin.household_id;
        let first = state(req)
            .db
            .run(move |c| {
                Ok(c.query_row("SELECT min(id) FROM households", [], |r| {
                    r.get::<_, Option<i64>>(0)
                })? == Some(household.0))
            })
            .await;
        match first {
            Ok(true) => Outcome::Success(InstanceAdmin(admin)),
            Ok(false) => fail(
                req,
                Error::Forbidden(
                    "the admin page belongs to the admins of the household that set up this server"
                        .into(),
                ),
            ),
            Err(e) => fail(req, e),
        }
    }
}

fn local(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

#[get("/admin")]
async fn show_admin(
    app: &State<AppState>,
    _admin: InstanceAdmin,
    visitor: &Visitor,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    let config = app.config.clone();
    let status = app.db.run(move |c| jobs::status(c, &config)).await?;
    let dir = app.config.backup_dir();
    let files = tokio::task::spawn_blocking(move || backup::list(&dir))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let jobs = status
        .into_iter()
        .map(|s| JobView {
            name: s.job.name(),
            schedule: s.schedule.unwrap_or_else(|| "off".into()),
            next: s
                .next
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "—".into()),
            last: s.last.as_ref().map(|r| {
                format!(
                    "{} at {}",
                    r.outcome.as_deref().unwrap_or("running"),
                    local(r.started_ms)
                )
            }),
            message: s.last.and_then(|r| r.message).unwrap_or_default(),
        })
        .collect();
    let backups = files
        .into_iter()
        .map(|f| BackupView {
            size: format!("{:.1} MB", f.size as f64 / 1_000_000.0),
            created: f
                .created
                .map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            verified: f.verified,
            name: f.name,
        })
        .collect();
    let certificate =
        (app.config.tls != crate::config::TlsMode::Off).then(|| match app.certificate.expires() {
            Some(t) => format!(
                "HTTPS certificate ({:?} mode) valid until {}",
                app.config.tls,
                local(t * 1000)
            ),
            None => format!("HTTPS ({:?} mode): no certificate yet", app.config.tls),
        });
    Ok(Reply::page(render(&AdminPage {
        chrome: Chrome::new("Admin", visitor, flash),
        certificate,
        jobs,
        backups,
        backup_dir: app.config.backup_dir().display().to_string(),
    })?))
}

#[post("/admin/jobs/<name>/run", data = "<form>")]
async fn run_job(
    app: &State<AppState>,
    admin: InstanceAdmin,
    name: &str,
    form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let _ = form;
    let job = Job::parse(name).ok_or(Error::NotFound)?;
    tracing::info!(job = job.name(), by = %admin.0.username, "run now");
    let message = app.scheduler.run_now(job).await?;
    Ok(Reply::flash("/admin", format!("{}: {message}", job.name())))
}

#[derive(rocket::Responder)]
pub struct Download {
    file: NamedFile,
    disposition: Header<'static>,
}

#[get("/admin/backups/<name>")]
async fn download_backup(
    app: &State<AppState>,
    _admin: InstanceAdmin,
    name: &str,
) -> Result<Download> {
    let dir = app.config.backup_dir();
    let wanted = name.to_string();
    let path = tokio::task::spawn_blocking(move || backup::find(&dir, &wanted))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .ok_or(Error::NotFound)?;
    let file = NamedFile::open(&path).await.map_err(|_| Error::NotFound)?;
    Ok(Download {
        file,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

pub fn routes() -> Vec<Route> {
    routes![show_admin, run_job, download_backup]
}
