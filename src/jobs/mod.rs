//! The built-in scheduler: one task per job sleeping until its next firing (cron with
//! seconds, local time), a missed run caught up once at start, one run of a job at a time,
//! and every run recorded.

pub mod cleanup;
pub mod refresh_products;

use std::sync::Arc;

use chrono::{DateTime, Local, TimeZone, Utc};
use rocket::Shutdown;

use crate::config::{Config, parse_schedule};
use crate::db::{self, Db, jobs};
use crate::error::{Error, Result};
use crate::lookup::Lookups;
use strum::{EnumString, IntoStaticStr, VariantArray};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, VariantArray, IntoStaticStr, EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Job {
    Backup,
    RefreshProducts,
    Cleanup,
}

impl Job {
    pub const ALL: &[Job] = Self::VARIANTS;

    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(name: &str) -> Option<Job> {
        name.parse().ok()
    }

    /// The job's schedule from config; `None` when off.
    pub fn schedule(self, config: &Config) -> Option<cron::Schedule> {
        let raw = match self {
            Job::Backup => &config.backup_schedule,
            Job::RefreshProducts => &config.refresh_schedule,
            Job::Cleanup => &config.cleanup_schedule,
        };
        // Validated when the config was loaded.
        parse_schedule(raw).ok().flatten()
    }
}

/// What the admin page and `aisle jobs list` show of a job.
#[derive(Debug, Clone)]
pub struct JobStatus {
    pub job: Job,
    pub schedule: Option<String>,
    pub next: Option<DateTime<Local>>,
    pub last: Option<jobs::Run>,
}

pub fn status(conn: &rusqlite::Connection, config: &Config) -> Result<Vec<JobStatus>> {
    Job::ALL
        .iter()
        .map(|&job| {
            let schedule = job.schedule(config);
            Ok(JobStatus {
                job,
                next: schedule.as_ref().and_then(|s| s.upcoming(Local).next()),
                schedule: schedule.map(|s| s.to_string()),
                last: jobs::last(conn, job.name())?,
            })
        })
        .collect()
}

/// Holds `DATA_DIR/aisle-job-NAME.lock` for as long as the returned file lives, so that
/// the scheduler, "Run now" and `aisle jobs run` (another process) never run the same job
/// at once: two backups racing for the disk, two refreshes spending the providers' quota.
/// `Conflict` while anyone holds it, this process included (each call opens the file
/// anew, and a lock belongs to the open file).
pub fn hold(config: &Config, job: Job) -> Result<std::fs::File> {
    let path = config
        .data_dir
        .join(format!("aisle-job-{}.lock", job.name()));
    let held = db::try_lock(&path)
        .map_err(|(step, e)| Error::Internal(format!("cannot {step} {}: {e}", path.display())))?;
    held.ok_or_else(|| {
        Error::Conflict(format!(
            "{} is already running (by the server's schedule, \"Run now\" or `aisle jobs run`)",
            job.name()
        ))
    })
}

/// Why a job's run failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Backup(#[from] crate::db::backup::BackupError),
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<JobError> for Error {
    fn from(e: JobError) -> Error {
        match e {
            JobError::Failed(e) => e,
            JobError::Backup(e) => Error::Internal(e.to_string()),
        }
    }
}

/// Does a job's work. `Ok` holds what it did, in a sentence.
async fn work(
    db: &Db,
    config: &Config,
    lookups: &Arc<Lookups>,
    job: Job,
) -> Result<String, JobError> {
    let now = db::now_ms();
    Ok(match job {
        // On a reader: the copy is a snapshot, and writes go on meanwhile.
        Job::Backup => {
            let config = config.clone();
            db.read(move |c| Ok(crate::db::backup::scheduled(c, &config, Utc::now())))
                .await??
        }
        Job::Cleanup => {
            let keep_ms = i64::from(config.security_log_days) * 86_400_000;
            db.write(move |tx| cleanup::run(tx, now, keep_ms)).await?
        }
        Job::RefreshProducts => refresh_products::run(db, lookups, now).await?,
    })
}

/// Runs a job and records the run. `Ok` holds the run's message. The caller holds the job
/// (`hold`).
pub async fn run(
    db: &Db,
    config: &Config,
    lookups: &Arc<Lookups>,
    job: Job,
) -> Result<String, JobError> {
    let run = db
        .write(move |tx| jobs::start(tx, job.name(), db::now_ms()))
        .await?;
    let started = std::time::Instant::now();
    let outcome = work(db, config, lookups, job).await;
    let (ok, message) = match &outcome {
        Ok(m) => (true, m.clone()),
        Err(e) => (false, e.to_string()),
    };
    let recorded = message.clone();
    db.write(move |tx| jobs::finish(tx, run, ok, &recorded, db::now_ms()))
        .await?;
    let secs = started.elapsed().as_secs_f64();
    if ok {
        tracing::info!(job = job.name(), seconds = secs, "{message}");
    } else {
        tracing::error!(job = job.name(), seconds = secs, "job failed: {message}");
    }
    outcome
}

/// The scheduler's shared state: the database, the config and the lookups.
pub struct Scheduler {
    db: Db,
    config: Config,
    lookups: Arc<Lookups>,
}

impl Scheduler {
    pub fn new(db: Db, config: Config, lookups: Arc<Lookups>) -> Arc<Scheduler> {
        Arc::new(Scheduler {
            db,
            config,
            lookups,
        })
    }

    /// Runs a job now unless it is already running (`hold`).
    pub async fn run_now(self: &Arc<Self>, job: Job) -> Result<String> {
        let _held = hold(&self.config, job)?;
        Ok(run(&self.db, &self.config, &self.lookups, job).await?)
    }

    /// Starts one task per scheduled job; they end at shutdown.
    pub fn start(self: &Arc<Self>, shutdown: Shutdown) {
        for &job in Job::ALL {
            let Some(schedule) = job.schedule(&self.config) else {
                tracing::info!(job = job.name(), "job is off (blank schedule)");
                continue;
            };
            let me = Arc::clone(self);
            let shutdown = shutdown.clone();
            tokio::spawn(async move { me.job_loop(job, schedule, shutdown).await });
        }
    }

    async fn job_loop(self: Arc<Self>, job: Job, schedule: cron::Schedule, mut shutdown: Shutdown) {
        let db = self.db.clone();
        let last = db
            .read(move |c| Ok(jobs::last(c, job.name())?.map(|r| r.started_ms)))
            .await
            .unwrap_or(None);
        if missed_since(&schedule, last, Utc::now()) {
            tracing::info!(
                job = job.name(),
                "catching up a run missed while aisle was not running"
            );
            let _ = self.run_now(job).await;
        }
        loop {
            let Some(next) = schedule.upcoming(Local).next() else {
                return;
            };
            let wait = (next - Local::now()).to_std().unwrap_or_default();
            tokio::select! {
                _ = tokio::time::sleep(wait) => {
                    if let Err(e) = self.run_now(job).await {
                        tracing::warn!(job = job.name(), "{e}");
                    }
                }
                _ = &mut shutdown => return,
            }
        }
    }
}

/// True when a firing of `schedule` fell between the last run and now (the box was off).
pub fn missed_since(
    schedule: &cron::Schedule,
    last_run_ms: Option<i64>,
    now: DateTime<Utc>,
) -> bool {
    let Some(last) = last_run_ms.and_then(|ms| Utc.timestamp_millis_opt(ms).single()) else {
        return false;
    };
    schedule
        .after(&last.with_timezone(&Local))
        .next()
        .is_some_and(|t| t.with_timezone(&Utc) < now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_job_is_held_once_in_this_process_too() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            ..Config::default()
        };
        let held = hold(&config, Job::Backup).unwrap();
        let again = hold(&config, Job::Backup).unwrap_err();
        assert!(matches!(again, Error::Conflict(_)), "{again}");
        assert!(again.to_string().contains("backup is already running"));
        // Another job is not held up, and the job is free again once let go.
        drop(hold(&config, Job::Cleanup).unwrap());
        drop(held);
        hold(&config, Job::Backup).unwrap();
    }

    #[test]
    fn a_firing_between_the_last_run_and_now_is_missed() {
        let daily: cron::Schedule = cron::Schedule::from_str("0 0 3 * * *").unwrap();
        let now = Utc::now();
        let hour = 3_600_000;
        let ago = |ms: i64| Some(now.timestamp_millis() - ms);
        assert!(missed_since(&daily, ago(25 * hour), now));
        assert!(!missed_since(&daily, ago(hour / 60), now));
        assert!(
            !missed_since(&daily, None, now),
            "a job that never ran has nothing to catch up"
        );
    }
}
