//! The `aisle` binary: parses the command line and dispatches. Nothing else.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use aisle::cli::{Cli, Command, ConfigArgs, ConfigCommand, JobsCommand, TokenCommand, UserCommand};
use aisle::config::Config;
use aisle::server::ServeError;
use aisle::{commands, logging, server};

/// mimalloc rather than the C library's allocator: musl's is slow under Rocket's many small
/// allocations (about half the page throughput), and glibc's keeps the 19 MiB of each
/// argon2 hash in per-thread arenas long after a login.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => report(serve(&cli.config)),
        Some(Command::Serve(args)) => report(serve(&args)),
        Some(Command::User(UserCommand::Add(args))) => report(commands::user_add(&args)),
        Some(Command::User(UserCommand::ResetFactors(args))) => {
            report(commands::user_reset_factors(&args))
        }
        Some(Command::Token(TokenCommand::Create(args))) => report(commands::token_create(&args)),
        Some(Command::Healthcheck(args)) => report(commands::healthcheck(&args)),
        Some(Command::Config(ConfigCommand::Check(args))) => report(commands::config_check(&args)),
        Some(Command::Config(ConfigCommand::Dump(args))) => report(commands::config_dump(&args)),
        Some(Command::Backup(args)) => report(commands::backup(&args)),
        Some(Command::Restore(args)) => report(commands::restore(&args)),
        Some(Command::Jobs(JobsCommand::List(args))) => report(commands::jobs_list(&args)),
        Some(Command::Jobs(JobsCommand::Run(args))) => report(commands::jobs_run(&args)),
        Some(Command::Import(args)) => report(commands::import(&args)),
    }
}

/// A failure is one plain sentence on stderr and exit status 2.
fn report<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Blocking threads at most: one for each user that is bounded on its own (password hashes,
/// lookups, one per scheduled job), so none of them ever waits for a thread, plus a few for
/// short file reads (assets from disk, uploads, the backup list). Database calls do not
/// use this pool (the readers and the writer have their own threads, `db::threads`). The cap stops bursts
/// from growing the pool towards tokio's default of 512 threads, each with a stack and an
/// allocator heap that outlive the burst.
const BLOCKING_THREADS: usize = aisle::auth::password::MAX_HASHES
    + aisle::lookup::MAX_IN_FLIGHT
    + aisle::auth::sso::MAX_IN_FLIGHT
    + aisle::jobs::Job::ALL.len()
    + 4;

fn serve(args: &ConfigArgs) -> Result<(), ServeError> {
    // Validate everything before binding anything.
    let config = Config::load(args)?;
    logging::init(&config.log);
    // What `rocket::execute` builds (one async worker per core, threads named for Rocket),
    // with a bounded blocking pool.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_name("rocket-worker-thread")
        .max_blocking_threads(BLOCKING_THREADS)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let result = runtime.block_on(server::serve(config));
    // Tasks still running after shutdown (a stuck download) get half a second, as in Rocket.
    runtime.shutdown_timeout(Duration::from_millis(500));
    result
}
