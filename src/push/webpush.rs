//! Web Push: one message to one browser subscription, through that browser's push service
//! (so over the internet).
//!
//! - Encryption (RFC 8291, `Content-Encoding: aes128gcm`) is `web-push-native`'s, built on
//!   RustCrypto (no OpenSSL).
//! - VAPID (RFC 8292) is signed here with `p256`'s ECDSA: a JWT `{aud, exp, sub}` in
//!   `Authorization: vapid t=…, k=…`. (`web-push-native`'s own VAPID pulls in `jwt-simple`
//!   with RSA, Ed25519, secp256k1, P-384 and ML-DSA for one ES256 signature, sets `aud`
//!   without the port, and ties the JWT's lifetime to the `TTL` header.)
//! - The key pair is made once and kept in `DATA/vapid.key` (PKCS#8 PEM, mode 0600, written
//!   to a temporary file and renamed into place). Browsers subscribe against its public key
//!   ([`Vapid::public_key_base64url`]), so a new key means every phone subscribes again.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use p256::{PublicKey, SecretKey};

use super::{Delivery, PushError, Target, agent, refused, unreachable};

/// Most plaintext bytes one message may carry (push services take 4 KB of ciphertext).
pub const MAX_PAYLOAD: usize = 3 * 1024;
/// The key's file in the data directory.
pub const KEY_FILE: &str = "vapid.key";
/// How long a VAPID signature is valid (RFC 8292 allows at most 24 hours).
const JWT_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
const SERVICE: &str = "the push service";

/// aisle's VAPID key pair and the HTTP agent that sends with it.
pub struct Vapid {
    key: SigningKey,
    public: String,
    agent: ureq::Agent,
}

impl fmt::Debug for Vapid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vapid")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl Vapid {
    /// Loads `DATA/vapid.key`, or makes a new key pair and keeps it there.
    pub fn load_or_create(data_dir: &Path) -> Result<Vapid, PushError> {
        let path = data_dir.join(KEY_FILE);
        match fs::read_to_string(&path) {
            Ok(pem) => {
                warn_if_readable_by_others(&path);
                let secret = SecretKey::from_pkcs8_pem(&pem).map_err(|_| {
                    key_error(
                        &path,
                        "holds no P-256 private key: restore it from a backup, or delete it to \
                         make a new one (then every phone must turn notifications on again)",
                    )
                })?;
                Ok(Vapid::from_secret(&secret))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let secret = new_secret(&path)?;
                write_key(data_dir, &path, &secret)?;
                tracing::info!(path = %path.display(), "made a new VAPID key for Web Push");
                Ok(Vapid::from_secret(&secret))
            }
            Err(e) => Err(key_error(&path, &format!("could not be read ({e})"))),
        }
    }

    fn from_secret(secret: &SecretKey) -> Vapid {
        let point = secret.public_key().to_encoded_point(false);
        Vapid {
            key: SigningKey::from(secret),
            public: URL_SAFE_NO_PAD.encode(point.as_bytes()),
            agent: agent(),
        }
    }

    /// The public key as browsers take it (`applicationServerKey`): the uncompressed P-256
    /// point, base64url without padding.
    pub fn public_key_base64url(&self) -> String {
        self.public.clone()
    }

    /// Encrypts `payload` for `sub` and posts it to its push service, which keeps it for up
    /// to `ttl_secs` while the phone is offline. `contact` (`mailto:…` or `https://…`) is
    /// how the push service can reach whoever runs this aisle. Blocking.
    pub fn send(
        &self,
        sub: &Subscription,
        payload: &[u8],
        ttl_secs: u32,
        contact: &str,
    ) -> Result<Delivery, PushError> {
        if payload.is_empty() {
            return Err(PushError::Invalid("a push message needs some text".into()));
        }
        if payload.len() > MAX_PAYLOAD {
            return Err(PushError::PayloadTooLarge {
                size: payload.len(),
                max: MAX_PAYLOAD,
            });
        }
        check_contact(contact)?;
        let auth = web_push_native::Auth::from(sub.auth);
        let body = web_push_native::encrypt(payload.to_vec(), &sub.key, &auth)
            .map_err(|e| PushError::Crypto(e.to_string()))?;
        let authorization = self.authorization(&sub.target.origin, contact, unix_now())?;
        let origin = sub.target.origin.as_str();
        let response = self
            .agent
            .post(&sub.target.url)
            .header("TTL", ttl_secs.to_string())
            .header("Urgency", "normal")
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", authorization)
            .send(&body[..])
            .map_err(|e| unreachable(SERVICE, origin, &e))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => {
                tracing::debug!(origin, status, "web push delivered");
                Ok(Delivery::Delivered)
            }
            404 | 410 => {
                tracing::info!(origin, status, "web push subscription is gone");
                Ok(Delivery::Gone)
            }
            _ => Err(refused(SERVICE, origin, &response)),
        }
    }

    /// `vapid t=<JWT>, k=<public key>` for a push service at `aud`, valid 12 hours from `now`.
    fn authorization(&self, aud: &str, contact: &str, now: u64) -> Result<String, PushError> {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = serde_json::json!({
            "aud": aud,
            "exp": now + JWT_LIFETIME.as_secs(),
            "sub": contact,
        });
        let claims = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signed = format!("{header}.{claims}");
        let signature: Signature = self
            .key
            .try_sign(signed.as_bytes())
            .map_err(|e| PushError::Crypto(format!("VAPID signature: {e}")))?;
        let signature = URL_SAFE_NO_PAD.encode(signature.to_bytes());
        Ok(format!("vapid t={signed}.{signature}, k={}", self.public))
    }
}

/// A browser's push subscription: where to post, and the keys to encrypt for it.
#[derive(Clone)]
pub struct Subscription {
    target: Target,
    key: PublicKey,
    p256dh: [u8; 65],
    auth: [u8; 16],
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("origin", &self.target.origin)
            .finish_non_exhaustive()
    }
}

/// The shape of `PushSubscription.toJSON()`.
#[derive(serde::Deserialize)]
struct SubscriptionJson {
    endpoint: String,
    keys: KeysJson,
}

#[derive(serde::Deserialize)]
struct KeysJson {
    p256dh: String,
    auth: String,
}

impl Subscription {
    /// Checks a subscription as the browser gave it: an https endpoint (http only on
    /// loopback, for tests), `p256dh` a P-256 public key of 65 bytes and `auth` 16 bytes,
    /// both base64url.
    pub fn parse(endpoint: &str, p256dh: &str, auth: &str) -> Result<Subscription, PushError> {
        let target = Target::parse(endpoint, "the subscription's endpoint", true)?;
        let p256dh: [u8; 65] = decode_key(p256dh, "p256dh key")?;
        let key = PublicKey::from_sec1_bytes(&p256dh).map_err(|_| {
            PushError::Invalid("the subscription's p256dh key is not a P-256 public key".into())
        })?;
        let auth: [u8; 16] = decode_key(auth, "auth secret")?;
        Ok(Subscription {
            target,
            key,
            p256dh,
            auth,
        })
    }

    /// Reads `PushSubscription.toJSON()`: `{"endpoint": …, "keys": {"p256dh": …, "auth": …}}`
    /// (other fields such as `expirationTime` are ignored).
    pub fn from_json(json: &str) -> Result<Subscription, PushError> {
        let read: SubscriptionJson = serde_json::from_str(json).map_err(|_| {
            PushError::Invalid(
                "the subscription must be JSON with an endpoint and keys.p256dh and keys.auth"
                    .into(),
            )
        })?;
        Subscription::parse(&read.endpoint, &read.keys.p256dh, &read.keys.auth)
    }

    /// The push endpoint (a secret: whoever knows it can post to the phone).
    pub fn endpoint(&self) -> &str {
        &self.target.url
    }

    /// The endpoint's origin, safe to show and log.
    pub fn origin(&self) -> &str {
        &self.target.origin
    }

    /// The browser's public key, base64url without padding.
    pub fn p256dh(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.p256dh)
    }

    /// The browser's auth secret, base64url without padding.
    pub fn auth(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.auth)
    }
}

/// Decodes base64url (padded or not; standard base64's `+` and `/` accepted too) into
/// exactly `N` bytes.
fn decode_key<const N: usize>(text: &str, what: &str) -> Result<[u8; N], PushError> {
    let normal: String = text
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if normal.is_empty() {
        return Err(PushError::Invalid(format!(
            "the subscription's {what} is missing"
        )));
    }
    let bytes = URL_SAFE_NO_PAD.decode(normal).map_err(|_| {
        PushError::Invalid(format!("the subscription's {what} is not base64url text"))
    })?;
    bytes.as_slice().try_into().map_err(|_| {
        PushError::Invalid(format!(
            "the subscription's {what} is {} bytes long; it must be {N}",
            bytes.len()
        ))
    })
}

/// The VAPID `sub`: a `mailto:` address or an https URL.
fn check_contact(contact: &str) -> Result<(), PushError> {
    let ok = match contact.split_once(':') {
        Some(("mailto", address)) => {
            address.contains('@') && !address.contains(char::is_whitespace)
        }
        Some(("https", rest)) => {
            rest.starts_with("//") && rest.len() > 2 && !rest.contains(char::is_whitespace)
        }
        _ => false,
    };
    if ok && !contact.chars().any(char::is_control) {
        Ok(())
    } else {
        Err(PushError::Invalid(
            "the contact for push services must be a mailto: address or an https:// URL \
             (e.g. mailto:admin@example.org)"
                .into(),
        ))
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn key_error(path: &Path, why: &str) -> PushError {
    PushError::Key(format!("the Web Push key {} {why}", path.display()))
}

/// A new random P-256 private key.
fn new_secret(path: &Path) -> Result<SecretKey, PushError> {
    // A random 32-byte string is a valid scalar but for a chance of about 2^-32.
    for _ in 0..8 {
        let mut bytes = p256::elliptic_curve::zeroize::Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut_slice())
            .map_err(|e| key_error(path, &format!("could not be made: no randomness ({e})")))?;
        if let Ok(secret) = SecretKey::from_slice(bytes.as_slice()) {
            return Ok(secret);
        }
    }
    Err(key_error(path, "could not be made"))
}

/// Writes the key to a temporary file (mode 0600, synced) and renames it into place.
fn write_key(data_dir: &Path, path: &Path, secret: &SecretKey) -> Result<(), PushError> {
    let pem = secret
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| key_error(path, &format!("could not be encoded ({e})")))?;
    let temp: PathBuf = data_dir.join(format!(".{KEY_FILE}.{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        // A temporary file left by a crash of an earlier process with this id.
        let _ = fs::remove_file(&temp);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
        file.write_all(pem.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        File::open(data_dir)?.sync_all()
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        key_error(path, &format!("could not be written ({e})"))
    })
}

fn warn_if_readable_by_others(path: &Path) {
    if let Ok(meta) = fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            "the Web Push key can be read by other users: chmod 600 it"
        );
    }
}
