//! Configuration: defaults < TOML file < `AISLE_*` environment < flags, validated before
//! anything binds. The struct here is the one definition of the options: its fields are
//! the file's keys, `AISLE_` + the upper-cased key is the variable, and `ConfigArgs`
//! holds the flags (a test keeps the two in step).

mod error;
mod flags;
mod layers;
mod lenient;
mod net;
mod options;
mod validate;

pub use error::{ConfigError, Layer, ScheduleError};
pub use flags::ConfigArgs;
pub use net::Origin;
pub use options::{
    AcmeChallenge, Config, LETS_ENCRYPT, LETS_ENCRYPT_STAGING, Synchronous, TlsMode,
};
pub use validate::{issuer_roots, parse_schedule};
