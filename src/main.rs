//! The `aisle` binary: parses the command line and dispatches. Nothing else.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use aisle::cli::{Cli, Command, ConfigCommand, JobsCommand, TokenCommand, UserCommand};
use aisle::commands::{self, CommandError};
use aisle::{config::Config, logging, server};

/// mimalloc rather than the C library's allocator: musl's is slow under Rocket's many small
/// allocations (about half the page throughput), and glibc's keeps the 19 MiB of each
/// argon2 hash in per-thread arenas long after a login. See docs/PERFORMANCE.md.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => serve(&cli.config),
        Some(Command::Serve(args)) => serve(&args),
        Some(Command::User(UserCommand::Add(args))) => commands::user_add(&args),
        Some(Command::Token(TokenCommand::Create(args))) => commands::token_create(&args),
        Some(Command::Healthcheck(args)) => commands::healthcheck(&args),
        Some(Command::Config(ConfigCommand::Check(args))) => commands::config_check(&args),
        Some(Command::Config(ConfigCommand::Dump(args))) => commands::config_dump(&args),
        Some(Command::Backup(args)) => commands::backup(&args),
        Some(Command::Restore(args)) => commands::restore(&args),
        Some(Command::Jobs(JobsCommand::List(args))) => commands::jobs_list(&args),
        Some(Command::Jobs(JobsCommand::Run(args))) => commands::jobs_run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Blocking threads at most: one for each user that is bounded on its own (password hashes,
/// lookups, one per scheduled job), so none of them ever waits for a thread, plus a few for
/// short file reads (assets from disk, uploads, the backup list). Database calls do not
/// use this pool (they have their own fixed threads, `db::threads`). The cap stops bursts
/// from growing the pool towards tokio's default of 512 threads, each with a stack and an
/// allocator heap that outlive the burst.
const BLOCKING_THREADS: usize = aisle::auth::password::MAX_HASHES
    + aisle::lookup::MAX_IN_FLIGHT
    + aisle::jobs::Job::ALL.len()
    + 4;

fn serve(args: &aisle::cli::ConfigArgs) -> Result<(), CommandError> {
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
        .map_err(CommandError::Runtime)?;
    let result = runtime.block_on(server::serve(config));
    // Tasks still running after shutdown (a stuck download) get half a second, as in Rocket.
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(result?)
}
