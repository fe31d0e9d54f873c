//! Passkeys (WebAuthn, through `webauthn-rs`): the relying party aisle is, and the
//! ceremonies in progress (a passkey being made, a sign-in), kept in memory for a few
//! minutes between the browser's two requests.
//!
//! WebAuthn works only in a secure context and for a domain name: the relying party is
//! the host of the public URL when that is `https://` with a name, or `localhost`. On a
//! plain `http://` address of the home network (or an IP address) passkeys are off, and
//! the pages say why.

use std::time::Duration;

use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, PasskeyRegistration,
    RequestChallengeResponse, Url, Webauthn, WebauthnBuilder,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use crate::config::Config;
use crate::ids::UserId;

use super::pending::Pending;

/// How long the browser has between the two halves of a ceremony.
const CEREMONY: Duration = Duration::from_secs(5 * 60);
/// Most ceremonies waiting at once, and from one client address; more are refused until
/// some finish or expire.
const MAX_WAITING: usize = 1_000;
const MAX_PER_CLIENT: usize = 20;

/// A ceremony between its two requests.
enum Waiting {
    Registration {
        user: UserId,
        state: PasskeyRegistration,
    },
    SignIn(DiscoverableAuthentication),
}

pub struct Passkeys {
    webauthn: Option<Webauthn>,
    waiting: Pending<Waiting>,
}

/// Why a ceremony could not go on.
#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    #[error("passkeys need the server's https:// address with a name (public_url), or localhost")]
    Unavailable,
    #[error("too many passkey ceremonies are waiting; try again in a few minutes")]
    Busy,
    #[error("this passkey request has expired or is unknown; try again")]
    Expired,
    #[error("the passkey was refused: {0}")]
    Refused(String),
}

impl Passkeys {
    /// The relying party of `config`'s public URL, if passkeys can work there.
    pub fn new(config: &Config) -> Passkeys {
        let webauthn = config.public_origin().ok().and_then(|origin| {
            let localhost = origin.host == "localhost";
            let named =
                origin.host.parse::<std::net::IpAddr>().is_err() && !origin.host.starts_with('[');
            if !named || (origin.scheme != "https" && !localhost) {
                return None;
            }
            let url = Url::parse(&origin.url()).ok()?;
            WebauthnBuilder::new(&origin.host, &url)
                .ok()?
                .rp_name("aisle")
                // A test or a development server on localhost may be on any port.
                .allow_any_port(localhost)
                .build()
                .map_err(|e| tracing::warn!("passkeys are off: {e}"))
                .ok()
        });
        Passkeys {
            webauthn,
            waiting: Pending::new(CEREMONY, MAX_WAITING, MAX_PER_CLIENT),
        }
    }

    pub fn available(&self) -> bool {
        self.webauthn.is_some()
    }

    fn webauthn(&self) -> Result<&Webauthn, PasskeyError> {
        self.webauthn.as_ref().ok_or(PasskeyError::Unavailable)
    }

    /// Keeps `ceremony` of `client` (an address key) for its second request; the id the
    /// browser sends back.
    fn wait(&self, client: &str, ceremony: Waiting) -> Result<String, PasskeyError> {
        self.waiting
            .wait(client, ceremony)
            .map_err(|_| PasskeyError::Busy)
    }

    fn take(&self, id: &str) -> Option<Waiting> {
        self.waiting.take(id)
    }

    /// Starts making a passkey for `user` (its `handle`), not on an authenticator that
    /// holds one of `existing` already. The options ask for a discoverable passkey: one
    /// that signs in without a username.
    pub fn start_registration(
        &self,
        client: &str,
        user: UserId,
        handle: [u8; 16],
        username: &str,
        existing: Vec<Vec<u8>>,
    ) -> Result<(String, CreationChallengeResponse), PasskeyError> {
        let webauthn = self.webauthn()?;
        let exclude = (!existing.is_empty()).then_some(existing);
        let (mut options, state) = webauthn
            .start_passkey_registration(uuid::Uuid::from_bytes(handle), username, username, exclude)
            .map_err(|e| PasskeyError::Refused(e.to_string()))?;
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.resident_key = Some(ResidentKeyRequirement::Required);
            selection.require_resident_key = true;
        }
        let id = self.wait(client, Waiting::Registration { user, state })?;
        Ok((id, options))
    }

    /// Finishes making a passkey for `user`: the passkey to store (webauthn-rs's JSON)
    /// and its credential id.
    pub fn finish_registration(
        &self,
        user: UserId,
        ceremony: &str,
        credential: &str,
    ) -> Result<(String, Vec<u8>), PasskeyError> {
        let webauthn = self.webauthn()?;
        let Some(Waiting::Registration { user: who, state }) = self.take(ceremony) else {
            return Err(PasskeyError::Expired);
        };
        if who != user {
            return Err(PasskeyError::Expired);
        }
        let credential = serde_json::from_str(credential).map_err(|e| {
            PasskeyError::Refused(format!("the browser's answer is not readable ({e})"))
        })?;
        let passkey = webauthn
            .finish_passkey_registration(&credential, &state)
            .map_err(|e| PasskeyError::Refused(e.to_string()))?;
        let id = passkey.cred_id().to_vec();
        let json =
            serde_json::to_string(&passkey).map_err(|e| PasskeyError::Refused(e.to_string()))?;
        Ok((json, id))
    }

    /// Starts a sign-in with any passkey of this server the browser's authenticators hold.
    pub fn start_sign_in(
        &self,
        client: &str,
    ) -> Result<(String, RequestChallengeResponse), PasskeyError> {
        let (mut options, state) = self
            .webauthn()?
            .start_discoverable_authentication()
            .map_err(|e| PasskeyError::Refused(e.to_string()))?;
        // Asked for by a button, not offered in the username field's autofill.
        options.mediation = None;
        let id = self.wait(client, Waiting::SignIn(state))?;
        Ok((id, options))
    }

    /// Which passkey the browser's answer to a sign-in names: (user handle, credential id).
    pub fn identify(&self, credential: &str) -> Result<SignInAnswer, PasskeyError> {
        let credential: webauthn_rs::prelude::PublicKeyCredential =
            serde_json::from_str(credential).map_err(|e| {
                PasskeyError::Refused(format!("the browser's answer is not readable ({e})"))
            })?;
        let (handle, id) = self
            .webauthn()?
            .identify_discoverable_authentication(&credential)
            .map_err(|e| PasskeyError::Refused(e.to_string()))?;
        Ok(SignInAnswer {
            handle: handle.as_bytes().to_vec(),
            credential_id: id.to_vec(),
            credential,
        })
    }

    /// Checks a sign-in's answer against the stored `passkey` (JSON); the passkey's new
    /// JSON when its counter moved.
    pub fn finish_sign_in(
        &self,
        ceremony: &str,
        answer: &SignInAnswer,
        passkey: &str,
    ) -> Result<Option<String>, PasskeyError> {
        let webauthn = self.webauthn()?;
        let Some(Waiting::SignIn(state)) = self.take(ceremony) else {
            return Err(PasskeyError::Expired);
        };
        let mut passkey: webauthn_rs::prelude::Passkey = serde_json::from_str(passkey)
            .map_err(|e| PasskeyError::Refused(format!("a stored passkey is unreadable ({e})")))?;
        let result = webauthn
            .finish_discoverable_authentication_v2(&answer.credential, state, &passkey)
            .map_err(|e| PasskeyError::Refused(e.to_string()))?;
        if passkey.update_credential(&result) == Some(true) {
            return Ok(serde_json::to_string(&passkey).ok());
        }
        Ok(None)
    }
}

/// A browser's answer to a sign-in, read.
pub struct SignInAnswer {
    pub handle: Vec<u8>,
    pub credential_id: Vec<u8>,
    credential: webauthn_rs::prelude::PublicKeyCredential,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(public_url: Option<&str>, listen: &str) -> Config {
        Config {
            public_url: public_url.map(str::to_string),
            listen: listen.to_string(),
            ..Config::default()
        }
    }

    #[test]
    fn passkeys_need_a_name_and_a_secure_context() {
        for (url, listen, on) in [
            (Some("https://lists.example.org"), "0.0.0.0:8080", true),
            (Some("http://localhost:8080"), "127.0.0.1:8080", true),
            (None, "127.0.0.1:8080", false),
            (Some("http://aisle.local:8080"), "0.0.0.0:8080", false),
            (Some("https://192.168.1.20"), "0.0.0.0:8080", false),
            (Some("http://192.168.1.20:8080"), "0.0.0.0:8080", false),
        ] {
            let passkeys = Passkeys::new(&config(url, listen));
            assert_eq!(passkeys.available(), on, "{url:?}");
        }
        let off = Passkeys::new(&config(None, "127.0.0.1:8080"));
        assert!(matches!(
            off.start_sign_in("a"),
            Err(PasskeyError::Unavailable)
        ));
    }

    #[test]
    fn a_ceremony_is_answered_once_and_by_its_user_only() {
        let passkeys = Passkeys::new(&config(Some("https://lists.example.org"), "0.0.0.0:8080"));
        let (id, options) = passkeys
            .start_registration("a", UserId(1), [7; 16], "ann", Vec::new())
            .unwrap();
        let selection = options.public_key.authenticator_selection.unwrap();
        assert_eq!(
            selection.resident_key,
            Some(ResidentKeyRequirement::Required)
        );
        // Another user's answer, then a second answer: neither finds the ceremony.
        assert!(matches!(
            passkeys.finish_registration(UserId(2), &id, "{}"),
            Err(PasskeyError::Expired)
        ));
        assert!(matches!(
            passkeys.finish_registration(UserId(1), &id, "{}"),
            Err(PasskeyError::Expired)
        ));
        let (sign_in, options) = passkeys.start_sign_in("a").unwrap();
        assert!(options.mediation.is_none());
        assert!(matches!(
            passkeys.identify("not json"),
            Err(PasskeyError::Refused(_))
        ));
        assert_ne!(sign_in, id);
    }
}
