use std::collections::BTreeSet;

use clap::{Args, Parser};

use super::*;
use crate::config::{AcmeChallenge, Synchronous, TlsMode};
use clap::ValueEnum;

fn load(args: &ConfigArgs, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::load_from(args, vars.iter().map(|(k, v)| (k.into(), v.into())))
}

fn err(args: &ConfigArgs, vars: &[(&str, &str)]) -> String {
    load(args, vars).unwrap_err().to_string()
}

/// Arguments naming a new config file in `dir` with `text`.
fn file(dir: &tempfile::TempDir, text: &str) -> ConfigArgs {
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    let path = dir.path().join(format!("aisle{n}.toml"));
    std::fs::write(&path, text).unwrap();
    ConfigArgs {
        config: Some(path),
        ..Default::default()
    }
}

#[derive(Parser)]
struct Flags {
    #[command(flatten)]
    args: ConfigArgs,
}

#[test]
fn each_layer_overrides_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(load(&ConfigArgs::default(), &[]).unwrap().session_days, 30);
    let mut args = file(&dir, "session_days = 7\nlisten = \"127.0.0.1:9000\"\n");
    assert_eq!(load(&args, &[]).unwrap().session_days, 7);
    let env = [("AISLE_SESSION_DAYS", "8"), ("AISLE_LOG", "debug")];
    assert_eq!(load(&args, &env).unwrap().session_days, 8);
    args.session_days = Some(9);
    let c = load(&args, &env).unwrap();
    assert_eq!(c.session_days, 9);
    // Each option comes from the highest layer that has it.
    assert_eq!(
        (c.listen.as_str(), c.log.as_str()),
        ("127.0.0.1:9000", "debug")
    );
    assert_eq!(c.synchronous, Synchronous::Full);
    // A layer above mends a bad value below it.
    let mut args = file(&dir, "session_days = 0\n");
    args.session_days = Some(3);
    assert_eq!(
        load(&args, &[("AISLE_SESSION_DAYS", "x")])
            .unwrap()
            .session_days,
        3
    );
}

#[test]
fn a_bad_value_names_the_option_and_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    for (text, problem) in [
        ("session_days = \"lots\"", "`lots` is not a whole number"),
        ("session_days = 0", "0 is outside 1..=3650"),
        ("listen = 8080", "8080 is not a string"),
    ] {
        let option = text.split(' ').next().unwrap().replace('_', "-");
        let args = file(&dir, text);
        let path = args.config.as_ref().unwrap().display();
        let expected = format!("invalid option `{option}` (from config file {path}): {problem}");
        assert_eq!(err(&args, &[]), expected);
    }
    for (var, value, problem) in [
        (
            "AISLE_LOGIN_MAX_FAILURES",
            "lots",
            "`lots` is not a whole number",
        ),
        ("AISLE_MAX_CONNECTIONS", "-1", "-1 is not a whole number"),
        ("AISLE_LOOKUPS", "maybe", "`maybe` is not true or false"),
        (
            "AISLE_TLS",
            "x",
            "`x` is not one of off, acme, files, local-ca",
        ),
        (
            "AISLE_BACKUP_SCHEDULE",
            "at 3",
            "`at 3` is not a schedule (",
        ),
    ] {
        let option = var["AISLE_".len()..].to_ascii_lowercase().replace('_', "-");
        let e = err(&ConfigArgs::default(), &[(var, value)]);
        let expected = format!("invalid option `{option}` (from environment variable {var}): ");
        assert!(e.starts_with(&(expected + problem)), "{e}");
    }
    let flags = ConfigArgs {
        listen: Some("nonsense".into()),
        ..Default::default()
    };
    let e = err(&flags, &[("AISLE_LISTEN", "127.0.0.1:1")]);
    let expected = "invalid option `listen` (from the command line): `nonsense` is not";
    assert!(e.starts_with(expected), "{e}");
    // A rule between options names the one checked; a default is not called a source.
    let e = err(&ConfigArgs::default(), &[("AISLE_TLS", "acme")]);
    assert_eq!(
        e,
        "invalid option `acme-domain`: acme needs at least one domain"
    );
}

#[test]
fn the_file_must_be_readable_toml_with_known_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut missing = file(&dir, "");
    missing.config = Some(dir.path().join("missing.toml"));
    let e = load(&missing, &[]).unwrap_err();
    assert!(matches!(e, ConfigError::Read { .. }), "{e}");
    let e = load(&file(&dir, "listen = \n"), &[]).unwrap_err();
    assert!(matches!(e, ConfigError::Parse { .. }), "{e}");
    let args = file(&dir, "lisen = \"x\"\n");
    let path = args.config.as_ref().unwrap().display();
    let expected = format!("unknown option `lisen` in config file {path}");
    assert_eq!(err(&args, &[]), expected);
}

#[test]
fn environment_values_are_read_as_people_write_them() {
    let env = [
        ("AISLE_SECURE_COOKIES", "yes"),
        ("AISLE_LOOKUPS", "off"),
        ("AISLE_SYNCHRONOUS", "Normal"),
        ("AISLE_TLS", "local-ca"),
        ("AISLE_TLS_NAMES", "aisle.local, 192.168.1.10"),
        ("AISLE_ACME_CHALLENGE", "HTTP-01"),
        ("AISLE_ACME_DIRECTORY", "staging"),
        ("AISLE_LOOKUP_CONTACT", "12345"),
        ("AISLE_LOOKUP_TIMEOUT_MS", " 250 "),
        ("AISLE_BACKUP_SCHEDULE", ""),
        ("AISLE_PUBLIC_URL", " "),
        // Not options: left alone.
        ("AISLE_CONFIG", "/nonexistent.toml"),
        ("AISLE_HEALTHCHECK_URL", "nonsense"),
        ("AISLE_SOMETHING_ELSE", "nonsense"),
        ("LISTEN", "nonsense"),
    ];
    let c = load(&ConfigArgs::default(), &env).unwrap();
    assert!(c.secure_cookies && !c.lookups);
    assert_eq!(
        (c.synchronous, c.tls),
        (Synchronous::Normal, TlsMode::LocalCa)
    );
    assert_eq!(c.tls_names, ["aisle.local", "192.168.1.10"]);
    assert_eq!(c.acme_challenge, AcmeChallenge::Http01);
    assert_eq!(c.acme_directory, LETS_ENCRYPT_STAGING);
    assert_eq!(
        (c.lookup_contact.as_str(), c.lookup_timeout_ms),
        ("12345", 250)
    );
    assert_eq!((c.backup_schedule.as_str(), c.public_url), ("", None));
}

#[test]
fn flags_are_typed_and_lists_repeat_or_split() {
    let flags = Flags::try_parse_from([
        "aisle",
        "--tls",
        "LOCAL-CA",
        "--tls-name",
        "a.local,b.local",
        "--tls-name",
        "c.local",
        "--lookups",
        "off",
        "--session-days",
        "9",
        "--synchronous",
        "normal",
    ])
    .unwrap();
    let c = load(&flags.args, &[("AISLE_TLS_NAMES", "x.local")]).unwrap();
    assert_eq!(c.tls, TlsMode::LocalCa);
    assert_eq!(c.tls_names, ["a.local", "b.local", "c.local"]);
    assert_eq!((c.lookups, c.session_days), (false, 9));
    assert_eq!(c.synchronous, Synchronous::Normal);
    for [flag, bad] in [["--session-days", "x"], ["--tls", "x"], ["--lookups", "x"]] {
        let e = Flags::try_parse_from(["aisle", flag, bad]).err().unwrap();
        assert!(e.to_string().contains(flag), "{e}");
    }
}

#[test]
fn every_option_has_a_flag_and_every_flag_is_an_option() {
    let cmd = ConfigArgs::augment_args(clap::Command::new("aisle"));
    let ids = cmd.get_arguments().map(|a| a.get_id().to_string());
    let flags: BTreeSet<String> = ids.filter(|id| id != "config").collect();
    let options: BTreeSet<String> = to_dict(&Config::default()).into_keys().collect();
    assert_eq!(flags, options);
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str().replace("tls_names", "tls_name");
        assert_eq!(arg.get_long(), Some(id.replace('_', "-").as_str()));
    }
    fn same_names<T: ValueEnum + Serialize>() {
        for v in T::value_variants() {
            let clap = v.to_possible_value().unwrap();
            assert_eq!(Value::serialize(v).unwrap().as_str(), Some(clap.get_name()));
        }
    }
    same_names::<Synchronous>();
    same_names::<TlsMode>();
    same_names::<AcmeChallenge>();
}

#[test]
fn the_dump_reads_back_as_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let args = ConfigArgs {
        tls: Some(TlsMode::LocalCa),
        tls_names: vec!["aisle.local".into()],
        backup_dir: Some("/mnt/nas".into()),
        ..Default::default()
    };
    let dump = load(&args, &[]).unwrap().dump();
    for line in [
        "tls = \"local-ca\"\n",
        "tls_names = [\"aisle.local\"]\n",
        "synchronous = \"full\"\n",
        "acme_challenge = \"tls-alpn-01\"\n",
        "session_days = 30\n",
    ] {
        assert!(dump.contains(line), "{line} in {dump}");
    }
    assert_eq!(load(&file(&dir, &dump), &[]).unwrap().dump(), dump);
}
