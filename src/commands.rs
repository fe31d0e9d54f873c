//! The subcommands other than `serve`.

use std::io::Read;

use crate::auth::{password, token};
use crate::cli::{
    BackupArgs, ConfigArgs, HealthcheckArgs, JobsRunArgs, RestoreArgs, TokenCreateArgs, UserAddArgs,
};
use crate::config::Config;
use crate::db::users::Role;
use crate::db::{self, Db, households, tokens, users};
use crate::domain::text;
use crate::error::Error;
use crate::jobs;

/// A command's failure: the message for stderr.
pub type CommandResult = Result<(), String>;

fn open(config: &Config) -> Result<Db, String> {
    Db::open(&config.db_path(), config.synchronous, &config.backup_dir()).map_err(|e| e.to_string())
}

pub fn config_check(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args).map_err(|e| e.to_string())?;
    println!(
        "configuration is valid (data dir {}, listen {})",
        config.data_dir.display(),
        config.listen
    );
    Ok(())
}

pub fn config_dump(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args).map_err(|e| e.to_string())?;
    print!("{}", config.dump());
    Ok(())
}

/// `aisle user add`: creates the household if missing, then the user.
pub fn user_add(args: &UserAddArgs) -> CommandResult {
    let config = Config::load(&args.config).map_err(|e| e.to_string())?;
    let username = text::username(&args.username).map_err(|e| e.0)?;
    let household_name = text::name("the household name", &args.household).map_err(|e| e.0)?;
    let mut input = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password_raw = input.lines().next().unwrap_or("").to_string();
    password::check_policy(&password_raw).map_err(|e| e.public_message())?;
    let hash = password::hash(&password_raw).map_err(|e| e.to_string())?;
    let role = if args.admin {
        Role::Admin
    } else {
        Role::Member
    };
    let db = open(&config)?;
    let mut conn = db.conn().map_err(|e| e.to_string())?;
    let created = db::write(&mut conn, |tx| {
        let now = db::now_ms();
        let household = match households::find_by_name(tx, &household_name)? {
            Some(h) => h,
            None => households::create(tx, &household_name, now)?,
        };
        let user = users::create(tx, household, &username, &hash, role, now)?;
        if args.instance_admin {
            users::set_instance_admin(tx, user, true)?;
        }
        Ok(user)
    });
    match created {
        Ok(_) => {
            let instance = if args.instance_admin {
                " (instance admin)"
            } else {
                ""
            };
            println!(
                "created {} `{username}` in household `{household_name}`{instance}",
                role.as_str()
            );
            Ok(())
        }
        Err(e) => Err(e.public_message()),
    }
}

/// `aisle token create`: prints a new API token once.
pub fn token_create(args: &TokenCreateArgs) -> CommandResult {
    let config = Config::load(&args.config).map_err(|e| e.to_string())?;
    let name = text::name("the token name", &args.name).map_err(|e| e.0)?;
    let db = open(&config)?;
    let mut conn = db.conn().map_err(|e| e.to_string())?;
    let secret = token::generate();
    let hash = token::hash(&secret);
    db::write(&mut conn, |tx| {
        let user = users::find_by_username(tx, &args.username)?
            .ok_or_else(|| Error::invalid(format!("no user called `{}`", args.username)))?;
        tokens::create(tx, user.id, &name, &hash, db::now_ms())
    })
    .map_err(|e| e.public_message())?;
    println!("{secret}");
    Ok(())
}

/// `aisle healthcheck`: exit 0 when the readiness endpoint answers 200.
pub fn healthcheck(args: &HealthcheckArgs) -> CommandResult {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(5)))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .get(&args.url)
        .call()
        .map_err(|e| format!("{}: {e}", args.url))?;
    if response.status() == 200 {
        println!("ready");
        Ok(())
    } else {
        Err(format!("{} answered {}", args.url, response.status()))
    }
}

/// `aisle backup`: a verified copy now, into the backup directory or `--out`.
pub fn backup(args: &BackupArgs) -> CommandResult {
    let config = Config::load(&args.config).map_err(|e| e.to_string())?;
    let db = open(&config)?;
    let conn = db.conn().map_err(|e| e.to_string())?;
    match &args.out {
        Some(out) => {
            let size = crate::backup::backup_to(&conn, out).map_err(|e| e.to_string())?;
            println!("wrote {} ({size} bytes, verified)", out.display());
        }
        None => {
            let message = crate::backup::scheduled(&conn, &config, chrono::Utc::now())
                .map_err(|e| e.to_string())?;
            println!("{message}");
        }
    }
    Ok(())
}

/// `aisle restore FILE`: refuses under a running server, verifies, keeps a safety copy.
pub fn restore(args: &RestoreArgs) -> CommandResult {
    let config = Config::load(&args.config).map_err(|e| e.to_string())?;
    let _lock = db::lock_data_dir(&config.data_dir)?;
    let message = crate::backup::restore(&config, &args.file).map_err(|e| e.to_string())?;
    println!("{message}");
    Ok(())
}

fn local(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// `aisle jobs list`.
pub fn jobs_list(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args).map_err(|e| e.to_string())?;
    let db = open(&config)?;
    let conn = db.conn().map_err(|e| e.to_string())?;
    let status = jobs::status(&conn, &config).map_err(|e| e.to_string())?;
    println!("{:<17} {:<22} {:<20} LAST RUN", "JOB", "SCHEDULE", "NEXT");
    for s in status {
        let last = match &s.last {
            Some(r) => format!(
                "{} at {}{}",
                r.outcome.as_deref().unwrap_or("running"),
                local(r.started_ms),
                r.message
                    .as_deref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ),
            None => "never".to_string(),
        };
        println!(
            "{:<17} {:<22} {:<20} {last}",
            s.job.name(),
            s.schedule.as_deref().unwrap_or("off"),
            s.next
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| "-".into()),
        );
    }
    Ok(())
}

/// `aisle jobs run NAME`.
pub fn jobs_run(args: &JobsRunArgs) -> CommandResult {
    let job = jobs::Job::parse(&args.name).ok_or_else(|| {
        format!(
            "no job called `{}`; the jobs are backup, refresh_products and cleanup",
            args.name
        )
    })?;
    let config = Config::load(&args.config).map_err(|e| e.to_string())?;
    let db = open(&config)?;
    let _held = jobs::hold(&config, job).map_err(|e| e.to_string())?;
    let lookups = crate::lookup::Lookups::new(&config);
    let message = jobs::run_blocking(&db, &config, &lookups, job)?;
    println!("{}: {message}", job.name());
    Ok(())
}
