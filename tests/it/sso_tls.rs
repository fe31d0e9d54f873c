//! Single sign-on with a provider whose HTTPS certificate is from the household's own CA
//! (`oidc_issuer_ca`): the real provider of `common::oidc` serving HTTPS with a
//! certificate made here; aisle trusts it only when told the CA, and then only that CA.

use std::path::{Path, PathBuf};

use crate::common::oidc::{Provider, sign_in_at_provider_trusting};
use crate::common::*;

const CLIENT: &str = "aisle";
const SECRET: &str = "a-test-client-secret";

/// A CA (its PEM) and a certificate for 127.0.0.1 signed by it, written to `dir` as
/// `name.pem` and `name.key`.
fn household_ca(dir: &Path, name: &str) -> (String, PathBuf, PathBuf) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, format!("{name} CA"));
    let ca = params.self_signed(&ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let (cert_file, key_file) = (
        dir.join(format!("{name}.pem")),
        dir.join(format!("{name}.key")),
    );
    std::fs::write(&cert_file, cert.pem()).unwrap();
    std::fs::write(&key_file, key.serialize_pem()).unwrap();
    (ca.pem(), cert_file, key_file)
}

fn server_for(provider: &Provider, ca_file: Option<&str>) -> Server {
    let mut env = vec![
        ("AISLE_OIDC_ISSUER", provider.issuer.as_str()),
        ("AISLE_OIDC_CLIENT_ID", CLIENT),
        ("AISLE_OIDC_CLIENT_SECRET", SECRET),
        ("AISLE_OIDC_HOUSEHOLD", "Home"),
    ];
    if let Some(ca) = ca_file {
        env.push(("AISLE_OIDC_ISSUER_CA", ca));
    }
    Server::start_with(&env)
}

#[test]
fn a_provider_with_the_households_own_certificate_signs_in_once_its_ca_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let (ca_pem, cert, key) = household_ca(dir.path(), "home");
    let accounts = serde_json::json!({
        "carl": {"email": "carl@example.org", "email_verified": true,
                 "preferred_username": "carl"},
    });
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let idp = Provider::start_with(
        CLIENT,
        SECRET,
        &accounts,
        &[("OIDC_TLS_CERT", cert), ("OIDC_TLS_KEY", key)],
    );
    assert!(idp.issuer.starts_with("https://"), "{}", idp.issuer);

    // Without the CA, the certificate is nobody's aisle knows: the provider cannot be
    // reached, and nothing was signed in or made.
    let untrusting = server_for(&idp, None);
    let refused = untrusting.client().get("/login/sso");
    assert_eq!(refused.status, 502, "{}", refused.describe());
    assert!(
        refused.message().contains("could not be reached"),
        "{}",
        refused.message()
    );
    assert_eq!(db_count(&untrusting, "SELECT count(*) FROM users"), 0);
    drop(untrusting);

    // With it, Carl signs in (and joins Home) through the provider's HTTPS.
    let ca_file = dir.path().join("home-ca.pem");
    std::fs::write(&ca_file, &ca_pem).unwrap();
    let server = server_for(&idp, Some(ca_file.to_str().unwrap()));
    server.user_client("admin", "Home", true);
    let carl = server.client();
    let go = carl.get("/login/sso");
    assert_eq!(go.status, 303, "{}\n{}", go.describe(), server.log());
    let at = go
        .location()
        .expect("a redirect to the provider")
        .to_string();
    assert!(at.starts_with(&idp.issuer), "{at}");
    let back = sign_in_at_provider_trusting(&at, "carl", Some(&ca_pem));
    let path = back
        .strip_prefix(&server.base_url())
        .unwrap_or_else(|| panic!("not the server's address: {back}"));
    assert_eq!(carl.get(path).redirected(), "/", "{}", idp.log());
    assert!(carl.logged_in());
    assert_eq!(
        db_count(
            &server,
            "SELECT count(*) FROM users WHERE username = 'carl'"
        ),
        1
    );

    // Only that CA is trusted for the provider: another CA's file refuses it.
    let (other_pem, _, _) = household_ca(dir.path(), "other");
    let other_file = dir.path().join("other-ca.pem");
    std::fs::write(&other_file, &other_pem).unwrap();
    let elsewhere = server_for(&idp, Some(other_file.to_str().unwrap()));
    assert_eq!(elsewhere.client().get("/login/sso").status, 502);
}

#[test]
fn a_ca_file_that_is_not_one_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let check = |ca: &str, issuer: Option<&str>| {
        let mut env = vec![("AISLE_OIDC_ISSUER_CA", ca)];
        if let Some(issuer) = issuer {
            env.extend([
                ("AISLE_OIDC_ISSUER", issuer),
                ("AISLE_OIDC_CLIENT_ID", CLIENT),
            ]);
        }
        run_cli_env(&["config", "check"], None, &env)
    };
    let issuer = Some("https://auth.example.org");

    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let missing = dir.path().join("missing.pem");
    let (_, _, key) = household_ca(dir.path(), "home");
    for (file, says) in [
        (&empty, "holds no PEM certificate"),
        (&missing, "cannot read"),
        // A key is not a certificate.
        (&key, "holds no PEM certificate"),
    ] {
        let (status, _, err) = check(file.to_str().unwrap(), issuer);
        assert!(!status.success(), "{file:?} was accepted");
        assert!(err.contains("oidc-issuer-ca"), "{err}");
        assert!(err.contains(says), "{err}");
    }

    // Without single sign-on the option would do nothing: refused too.
    let (ca_pem, _, _) = household_ca(dir.path(), "good");
    let good = dir.path().join("good-ca.pem");
    std::fs::write(&good, ca_pem).unwrap();
    let (status, _, err) = check(good.to_str().unwrap(), None);
    assert!(!status.success());
    assert!(err.contains("oidc-issuer-ca"), "{err}");
    let (status, _, err) = check(good.to_str().unwrap(), issuer);
    assert!(status.success(), "{err}");
    // A blank value is the option unset.
    let (status, _, err) = check("", issuer);
    assert!(status.success(), "{err}");
}
