//! The subcommands other than `serve`.

use std::io::Read;

use crate::auth::{password, token};
use crate::cli::{
    BackupArgs, ConfigArgs, HealthcheckArgs, ImportArgs, JobsRunArgs, RestoreArgs, TokenCreateArgs,
    UserAddArgs, UserResetFactorsArgs,
};
use crate::config::Config;
use crate::db::security_log::{self, Entry, Event};
use crate::db::users::Role;
use crate::db::{self, Db, factors, households, tokens, users};
use crate::domain::text;
use crate::error::Error;
use crate::i18n::Lang;
use crate::jobs;

/// Why a command failed, in a sentence for stderr.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Open(#[from] db::OpenError),
    #[error(transparent)]
    Lock(#[from] db::LockError),
    #[error(transparent)]
    Backup(#[from] crate::db::backup::BackupError),
    #[error(transparent)]
    Job(#[from] jobs::JobError),
    #[error("{}", .0.public_message())]
    Refused(#[from] Error),
    #[error("cannot read the password from standard input: {0}")]
    Stdin(std::io::Error),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("{url}: {problem}")]
    NotReady { url: String, problem: String },
    #[error("no job called `{0}`; the jobs are backup, refresh_products and cleanup")]
    NoSuchJob(String),
}

/// A command's outcome.
pub type CommandResult = Result<(), CommandError>;

fn open(config: &Config) -> Result<Db, CommandError> {
    Ok(Db::open(
        &config.db_path(),
        config.synchronous,
        &config.backup_dir(),
    )?)
}

/// Runs `work` (database calls, lookups) to completion on a small runtime of its own.
fn block_on<T>(work: impl std::future::Future<Output = T>) -> Result<T, CommandError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CommandError::Runtime)?;
    Ok(runtime.block_on(work))
}

pub fn config_check(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args)?;
    println!(
        "configuration is valid (data dir {}, listen {})",
        config.data_dir.display(),
        config.listen
    );
    Ok(())
}

pub fn config_dump(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args)?;
    print!("{}", config.dump());
    Ok(())
}

/// `aisle user add`: creates the household if missing, then the user.
pub fn user_add(args: &UserAddArgs) -> CommandResult {
    let config = Config::load(&args.config)?;
    let username = text::username(&args.username).map_err(|e| Error::invalid(e.0))?;
    let household_name =
        text::name("the household name", &args.household).map_err(|e| Error::invalid(e.0))?;
    let language = match args.language.as_deref() {
        None => Lang::EN,
        Some(code) => Lang::from_code(code).ok_or_else(|| unknown_language(code))?,
    };
    let mut input = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .map_err(CommandError::Stdin)?;
    let password_raw = input.lines().next().unwrap_or("").to_string();
    password::check_policy(&password_raw)?;
    let hash = password::hash(&password_raw)?;
    let role = if args.admin {
        Role::Admin
    } else {
        Role::Member
    };
    let db = open(&config)?;
    let instance_admin = args.instance_admin;
    let (name, household) = (username.clone(), household_name.clone());
    block_on(db.write(move |tx| {
        let now = db::now_ms();
        let household = match households::find_by_name(tx, &household)? {
            Some(h) => h,
            None => households::create_in(tx, &household, language, now)?,
        };
        let user = users::create(tx, household, &name, &hash, role, now)?;
        let entry = Entry::new(Event::Join, Some(household), Some(user), &name)
            .method("cli")
            .detail(role.as_str());
        security_log::record(tx, &entry, now)?;
        if instance_admin {
            users::set_instance_admin(tx, user, true)?;
            let granted = Entry::new(Event::RoleChange, None, Some(user), &name)
                .method("cli")
                .detail("granted");
            security_log::record(tx, &granted, now)?;
        }
        Ok(user)
    }))??;
    let instance = if instance_admin {
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

/// `aisle user reset-factors`: the user signs in with their password alone again.
pub fn user_reset_factors(args: &UserResetFactorsArgs) -> CommandResult {
    let config = Config::load(&args.config)?;
    let db = open(&config)?;
    let username = args.username.clone();
    let had = block_on(db.write(move |tx| {
        let user = users::find_by_username(tx, &username)?
            .ok_or_else(|| Error::invalid(format!("no user called `{username}`")))?;
        let had = factors::remove_all(tx, user.id)?;
        factors::delete_challenges_for(tx, user.id)?;
        if had {
            let entry = Entry::of(Event::FactorReset, &user).method("cli");
            security_log::record(tx, &entry, db::now_ms())?;
        }
        Ok(had)
    }))??;
    if had {
        println!(
            "removed the second factors and passkeys of `{}`: they sign in with their password alone",
            args.username
        );
    } else {
        println!(
            "`{}` had no second factor or passkey; nothing changed",
            args.username
        );
    }
    Ok(())
}

/// An entry for what someone at the server's command line did: in the name of the system
/// user who ran it.
fn cli_entry(event: Event, household: Option<crate::ids::HouseholdId>) -> Entry {
    let user = std::env::var("USER").unwrap_or_else(|_| "(unknown)".into());
    Entry::new(event, household, None, &user).method("cli")
}

/// The refusal of a `--language` aisle does not have, naming the ones it has.
fn unknown_language(code: &str) -> Error {
    let known: Vec<&str> = Lang::all().map(Lang::code).collect();
    Error::invalid(format!(
        "aisle has no language `{code}`; --language takes one of: {}",
        known.join(", ")
    ))
}

/// `aisle token create`: prints a new API token once.
pub fn token_create(args: &TokenCreateArgs) -> CommandResult {
    let config = Config::load(&args.config)?;
    let name = text::name("the token name", &args.name).map_err(|e| Error::invalid(e.0))?;
    let db = open(&config)?;
    let secret = token::generate();
    let hash = token::hash(&secret);
    let username = args.username.clone();
    block_on(db.write(move |tx| {
        let user = users::find_by_username(tx, &username)?
            .ok_or_else(|| Error::invalid(format!("no user called `{username}`")))?;
        let now = db::now_ms();
        tokens::create(tx, user.id, &name, &hash, now)?;
        let entry = Entry::of(Event::TokenCreate, &user)
            .method("cli")
            .detail(name);
        security_log::record(tx, &entry, now)
    }))??;
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
    let not_ready = |problem: String| CommandError::NotReady {
        url: args.url.clone(),
        problem,
    };
    let response = agent
        .get(&args.url)
        .call()
        .map_err(|e| not_ready(e.to_string()))?;
    if response.status() == 200 {
        println!("ready");
        Ok(())
    } else {
        Err(not_ready(format!("answered {}", response.status())))
    }
}

/// `aisle backup`: a verified copy now, into the backup directory or `--out`. It never
/// removes another backup (retention is the scheduled job's).
pub fn backup(args: &BackupArgs) -> CommandResult {
    let config = Config::load(&args.config)?;
    let db = open(&config)?;
    let out = args.out.clone();
    let message = block_on(db.read(move |c| {
        Ok(match &out {
            Some(out) => crate::db::backup::backup_to(c, out)
                .map(|size| format!("wrote {} ({size} bytes, verified)", out.display())),
            None => crate::db::backup::manual(c, &config, chrono::Utc::now()),
        })
    }))???;
    println!("{message}");
    Ok(())
}

/// `aisle restore FILE`: refuses under a running server, verifies, keeps a safety copy.
pub fn restore(args: &RestoreArgs) -> CommandResult {
    let config = Config::load(&args.config)?;
    let _lock = db::lock_data_dir(&config.data_dir)?;
    let message = crate::db::backup::restore(&config, &args.file)?;
    // In the database as restored: the instance's log says it was replaced, and with what.
    let db = open(&config)?;
    let entry = cli_entry(Event::Restore, None).detail(args.file.display().to_string());
    block_on(db.write(move |tx| security_log::record(tx, &entry, db::now_ms())))??;
    println!("{message}");
    Ok(())
}

/// `aisle import`: adds an export to a household in one transaction and prints what it
/// added and how name clashes were resolved (the same sentences as the page's).
pub fn import(args: &ImportArgs) -> CommandResult {
    use strum::VariantNames;
    let kind: crate::import::Kind = args.from.parse().map_err(|_| {
        Error::invalid(format!(
            "cannot import from `{}`: aisle imports {}",
            args.from,
            crate::import::Kind::VARIANTS.join(", ")
        ))
    })?;
    let config = Config::load(&args.config)?;
    let crate::import::Converted { doc, skipped } = if kind.is_api() {
        let (Some(url), Some(token)) = (&args.url, &args.token) else {
            return Err(Error::invalid(format!(
                "importing from {kind} needs --url (its address) and --token (an API token it made)"
            ))
            .into());
        };
        let token = if token == "-" {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| Error::invalid(format!("cannot read the token: {e}")))?;
            line.trim().to_string()
        } else {
            token.clone()
        };
        crate::import::fetch(kind, url, &token)
            .map_err(|e| Error::invalid(format!("{e}; nothing was imported")))?
    } else {
        let Some(file) = &args.file else {
            return Err(Error::invalid(format!("give the {kind} file to import")).into());
        };
        let bytes = std::fs::read(file)
            .map_err(|e| Error::invalid(format!("cannot read {}: {e}", file.display())))?;
        let list = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported".into());
        crate::import::convert(kind, &bytes, &list)
            .map_err(|e| Error::invalid(format!("{}: {e}; nothing was imported", file.display())))?
    };
    let db = open(&config)?;
    let name = args.household.clone();
    let got = block_on(db.write(move |tx| {
        let household = households::find_by_name(tx, &name)?.ok_or_else(|| {
            Error::invalid(format!(
                "no household is called “{name}”; nothing was imported (`aisle user add` creates one)"
            ))
        })?;
        let now = db::now_ms();
        let got = crate::db::export::import(tx, household, &doc, now)?;
        security_log::record(tx, &cli_entry(Event::Import, Some(household)), now)?;
        Ok(got)
    }))??;
    println!("{}", crate::import::report(&got, &skipped));
    Ok(())
}

/// `aisle jobs list`.
pub fn jobs_list(args: &ConfigArgs) -> CommandResult {
    let config = Config::load(args)?;
    let db = open(&config)?;
    let shown = config.clone();
    let status = block_on(db.read(move |c| jobs::status(c, &shown)))??;
    println!("{:<17} {:<22} {:<20} LAST RUN", "JOB", "SCHEDULE", "NEXT");
    for s in status {
        let last = match &s.last {
            Some(r) => format!(
                "{} at {}{}",
                r.outcome.as_deref().unwrap_or("running"),
                crate::views::local(r.started_ms, "%Y-%m-%d %H:%M:%S"),
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
    let job =
        jobs::Job::parse(&args.name).ok_or_else(|| CommandError::NoSuchJob(args.name.clone()))?;
    let config = Config::load(&args.config)?;
    let db = open(&config)?;
    let _held = jobs::hold(&config, job)?;
    let lookups = crate::lookup::Lookups::new(&config);
    let message = block_on(jobs::run(&db, &config, &lookups, job))??;
    println!("{}: {message}", job.name());
    Ok(())
}
