//! What can be wrong with the configuration, said so that an operator can fix it: the
//! option, where its value came from, and what is wrong with it.

use std::fmt;
use std::path::PathBuf;

/// Where an option's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    Default,
    File(PathBuf),
    /// The variable's name, e.g. `AISLE_LISTEN`.
    Env(String),
    Flag,
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layer::Default => f.write_str("the default"),
            Layer::File(path) => write!(f, "config file {}", path.display()),
            Layer::Env(var) => write!(f, "environment variable {var}"),
            Layer::Flag => f.write_str("the command line"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("unknown option `{key}` in {layer}")]
    Unknown { key: String, layer: Layer },
    /// `option` is named as its flag is (`session-days`).
    #[error("invalid option `{option}`{}: {message}", from_layer(.layer.as_ref()))]
    Invalid {
        option: String,
        message: String,
        layer: Option<Layer>,
    },
}

/// " (from …)", except for a default: a default is wrong only next to another option.
fn from_layer(layer: Option<&Layer>) -> String {
    match layer {
        None | Some(Layer::Default) => String::new(),
        Some(layer) => format!(" (from {layer})"),
    }
}

impl ConfigError {
    pub fn invalid(option: &str, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            option: option.to_string(),
            message: message.into(),
            layer: None,
        }
    }
}

/// A job schedule that cron cannot read.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{raw}` is not a schedule ({reason}); use cron with seconds, e.g. \"0 0 3 * * *\" for \
     03:00 daily, or blank for off"
)]
pub struct ScheduleError {
    pub raw: String,
    pub reason: String,
}
