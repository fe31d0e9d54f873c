//! How options are read leniently from any layer: choices in any case, lists as arrays
//! or comma-separated text.

use clap::ValueEnum;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// An enum option by its flag's value name, in any case: `local-ca`, `FULL`.
pub(super) fn choice<'de, D: Deserializer<'de>, T: ValueEnum>(d: D) -> Result<T, D::Error> {
    let raw = String::deserialize(d)?;
    T::from_str(raw.trim(), true).map_err(|_| {
        let names: Vec<String> = (T::value_variants().iter())
            .filter_map(|v| Some(v.to_possible_value()?.get_name().to_string()))
            .collect();
        D::Error::custom(format!("`{raw}` is not one of {}", names.join(", ")))
    })
}

/// A list option: an array in the file, comma-separated in the environment.
pub(super) fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum List {
        Many(Vec<String>),
        Joined(String),
    }
    Ok(match List::deserialize(d)? {
        List::Many(items) => items,
        List::Joined(joined) => joined
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    })
}
