//! The layers, merged by figment: defaults < TOML file < `AISLE_*` environment < flags.
//! Environment values are taken as the strings they are; numbers and booleans are read
//! from them leniently (`yes`, `on`, `1`), enums in any case, lists comma-separated.

use std::ffi::OsString;

use rocket::figment::error::{Actual, Kind};
use rocket::figment::providers::{Format, Toml};
use rocket::figment::value::{Dict, Map, Value};
use rocket::figment::{self, Figment, Metadata, Profile, Provider, Source};
use serde::Serialize;

use super::error::{ConfigError, Layer};
use super::flags::ConfigArgs;
use super::options::{Config, LETS_ENCRYPT_STAGING};

const ENV_PREFIX: &str = "AISLE_";
const ENV: &str = "AISLE_* environment";
const FLAGS: &str = "command-line flags";

impl Config {
    /// Builds the configuration from the layers and validates it.
    pub fn load(args: &ConfigArgs) -> Result<Config, ConfigError> {
        Config::load_from(args, std::env::vars_os())
    }

    /// [`Config::load`] from the given environment variables.
    pub fn load_from(
        args: &ConfigArgs,
        env: impl IntoIterator<Item = (OsString, OsString)>,
    ) -> Result<Config, ConfigError> {
        let defaults = to_dict(&Config::default());
        let env = env_layer(&defaults, env);
        let mut flags = to_dict(args);
        flags.retain(|_, v| match v {
            Value::Empty(..) => false,
            Value::Array(_, items) => !items.is_empty(),
            _ => true,
        });
        let mut figment = Figment::from(Named("defaults", defaults));
        if let Some(path) = &args.config {
            // Read here first: figment takes an unreadable file for an empty one.
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            figment = figment.merge(Toml::file_exact(path));
        }
        let figment = figment.merge(Named(ENV, env)).merge(Named(FLAGS, flags));
        let mut config: Config = figment
            .extract_lossy()
            .map_err(|e| from_figment(&figment, e))?;
        if config.acme_directory.trim() == "staging" {
            config.acme_directory = LETS_ENCRYPT_STAGING.to_string();
        }
        // A blank value (`AISLE_PUBLIC_URL=`) is the option unset.
        for option in [
            &mut config.public_url,
            &mut config.oidc_issuer,
            &mut config.oidc_client_id,
            &mut config.oidc_client_secret,
            &mut config.oidc_name,
            &mut config.oidc_household,
        ] {
            *option = option.take().filter(|value| !value.trim().is_empty());
        }
        let ca = config.oidc_issuer_ca.take();
        config.oidc_issuer_ca = ca.filter(|path| !path.as_os_str().is_empty());
        config.validate().map_err(|mut e| {
            if let ConfigError::Invalid { option, layer, .. } = &mut e {
                let key = option.replace('-', "_");
                *layer = Some(layer_of(figment.find_metadata(&key), &key));
            }
            e
        })?;
        Ok(config)
    }
}

/// A layer given as a table, named so that an error can say where a value came from.
struct Named(&'static str, Dict);

impl Provider for Named {
    fn metadata(&self) -> Metadata {
        Metadata::named(self.0)
    }

    fn data(&self) -> figment::Result<Map<Profile, Dict>> {
        Ok(Profile::Default.collect(self.1.clone()))
    }
}

/// The fields of a struct as a table; `Config` and `ConfigArgs` always make one.
fn to_dict<T: Serialize>(value: &T) -> Dict {
    Value::serialize(value)
        .ok()
        .and_then(Value::into_dict)
        .unwrap_or_default()
}

/// `AISLE_<KEY>` for every key of the configuration, as strings; other variables
/// (`AISLE_CONFIG`, `AISLE_HEALTHCHECK_URL`, anyone else's) are left alone.
fn env_layer(keys: &Dict, env: impl IntoIterator<Item = (OsString, OsString)>) -> Dict {
    env.into_iter()
        .filter_map(|(name, value)| {
            let key = name
                .to_str()?
                .strip_prefix(ENV_PREFIX)?
                .to_ascii_lowercase();
            let value = value.to_string_lossy().trim().to_string();
            keys.contains_key(&key).then(|| (key, Value::from(value)))
        })
        .collect()
}

fn layer_of(metadata: Option<&Metadata>, key: &str) -> Layer {
    let Some(metadata) = metadata else {
        return Layer::Default;
    };
    match (&metadata.source, metadata.name.as_ref()) {
        (Some(Source::File(path)), _) => Layer::File(path.clone()),
        (_, ENV) => Layer::Env(format!("{ENV_PREFIX}{}", key.to_ascii_uppercase())),
        (_, FLAGS) => Layer::Flag,
        _ => Layer::Default,
    }
}

fn from_figment(figment: &Figment, e: figment::Error) -> ConfigError {
    let key = e.path.join(".");
    let layer = layer_of(e.metadata.as_ref().or(figment.find_metadata(&key)), &key);
    let message = match e.kind {
        Kind::UnknownField(key, _) => return ConfigError::Unknown { key, layer },
        Kind::Message(message) if key.is_empty() => {
            return match layer {
                Layer::File(path) => ConfigError::Parse { path, message },
                _ => ConfigError::invalid("config", message),
            };
        }
        Kind::InvalidType(actual, expected) | Kind::InvalidValue(actual, expected) => {
            not_a(actual, &expected)
        }
        Kind::Message(message) => message,
        other => other.to_string(),
    };
    ConfigError::Invalid {
        option: key.replace('_', "-"),
        message,
        layer: Some(layer),
    }
}

/// "`lots` is not a whole number", from what serde found and expected.
fn not_a(actual: Actual, expected: &str) -> String {
    let found = match actual {
        Actual::Str(s) => format!("`{s}`"),
        Actual::Signed(n) => n.to_string(),
        Actual::Unsigned(n) => n.to_string(),
        other => other.to_string(),
    };
    let expected = match expected {
        "u8" | "u16" | "u32" | "u64" => "a whole number",
        "a boolean" => "true or false",
        other => other,
    };
    format!("{found} is not {expected}")
}

#[cfg(test)]
mod tests;
