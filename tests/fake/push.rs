//! A fake Web Push service on loopback, and the browser's half of a subscription: it
//! records each request and answers with the status set last; [`decrypt`] opens a message
//! as a browser does (RFC 8291 over RFC 8188, written out here so the tests do not trust
//! the sender's own library) and [`verify_vapid`] checks its signature as a push service
//! does (RFC 8292). The same server stands in for ntfy and webhooks.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use aisle::push::webpush::Subscription;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hkdf::Hkdf;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use serde_json::Value;
use sha2::Sha256;

/// The end of every answer of the fakes: no body, one request per connection.
const CLOSE: &str = "Content-Length: 0\r\nConnection: close\r\n\r\n";

/// One request a fake received; header names in lower case.
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

/// An HTTP server on 127.0.0.1 that records each request and answers it with the status
/// (and extra header lines) set last. Its thread ends when it is dropped.
pub struct Fake {
    port: u16,
    state: Arc<Mutex<(Vec<Received>, u16, String)>>,
    stop: Arc<AtomicBool>,
}

impl Fake {
    pub fn start(status: u16) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new((Vec::new(), status, String::new())));
        let (stop, shared) = (Arc::<AtomicBool>::default(), state.clone());
        let flag = stop.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                let Some(request) = read_request(&stream) else {
                    continue;
                };
                let mut state = shared.lock().unwrap();
                state.0.push(request);
                let (status, extra) = (state.1, &state.2);
                let head = format!("HTTP/1.1 {status} Fake\r\n{extra}{CLOSE}");
                let _ = stream.write_all(head.as_bytes());
            }
        });
        Fake { port, state, stop }
    }

    pub fn answer(&self, status: u16, extra: &str) {
        let mut state = self.state.lock().unwrap();
        (state.1, state.2) = (status, extra.to_string());
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn take(&self) -> Vec<Received> {
        std::mem::take(&mut self.state.lock().unwrap().0)
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One HTTP/1.1 request with a Content-Length body (as ureq sends them).
pub fn read_request(stream: &TcpStream) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line.trim_end().is_empty() {
            break;
        }
        lines.push(line.trim_end().to_string());
    }
    let mut first = lines.first()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: HashMap<String, String> = (lines.iter().skip(1))
        .filter_map(|l| l.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let length = headers
        .get("content-length")
        .map_or(Some(0), |l| l.parse().ok());
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        path,
        headers,
        body,
    })
}

/// The browser's half of a subscription.
pub struct Browser {
    pub secret: SecretKey,
    pub auth: [u8; 16],
}

impl Browser {
    pub fn new() -> Browser {
        let (mut secret, mut auth) = ([0u8; 32], [0u8; 16]);
        getrandom::fill(&mut secret).unwrap();
        getrandom::fill(&mut auth).unwrap();
        let secret = SecretKey::from_slice(&secret).unwrap();
        Browser { secret, auth }
    }

    pub fn subscription(&self, endpoint: &str) -> Subscription {
        let (public, auth) = self.keys();
        Subscription::parse(endpoint, &public, &auth).unwrap()
    }

    /// Its public key and auth secret, base64url, as `PushSubscription.toJSON()` gives them.
    pub fn keys(&self) -> (String, String) {
        let public = B64.encode(self.secret.public_key().to_encoded_point(false).as_bytes());
        (public, B64.encode(self.auth))
    }
}

/// What decrypting gave, with the RFC's intermediate values.
pub struct Opened {
    pub plaintext: Vec<u8>,
    pub ecdh: Vec<u8>,
    pub cek: [u8; 16],
    pub nonce: [u8; 12],
}

/// RFC 8291 §3.4 over RFC 8188 §2, as a browser decrypts a push message of one record.
pub fn decrypt(body: &[u8], ua: &SecretKey, auth: &[u8]) -> Opened {
    let salt = &body[..16];
    let rs = u32::from_be_bytes(body[16..20].try_into().unwrap()) as usize;
    assert_eq!(
        body[20], 65,
        "the key id is the sender's uncompressed P-256 key"
    );
    let sender = PublicKey::from_sec1_bytes(&body[21..86]).unwrap();
    let ciphertext = &body[86..];
    assert!(
        rs >= 18 && ciphertext.len() <= rs,
        "one record of at most rs bytes"
    );

    let ecdh = p256::ecdh::diffie_hellman(ua.to_nonzero_scalar(), sender.as_affine());
    let mut key_info = b"WebPush: info\0".to_vec();
    key_info.extend_from_slice(ua.public_key().to_encoded_point(false).as_bytes());
    key_info.extend_from_slice(sender.to_encoded_point(false).as_bytes());
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(auth), ecdh.raw_secret_bytes())
        .expand(&key_info, &mut ikm)
        .unwrap();
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let (mut cek, mut nonce) = ([0u8; 16], [0u8; 12]);
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek)
        .unwrap();
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce)
        .unwrap();
    let mut padded = Aes128Gcm::new_from_slice(&cek)
        .unwrap()
        .decrypt(Nonce::from_slice(&nonce), ciphertext)
        .expect("the body decrypts");
    // The last record's text is followed by the delimiter 2 and zero or more zeros.
    while padded.last() == Some(&0) {
        padded.pop();
    }
    assert_eq!(padded.pop(), Some(2), "the last record's delimiter");
    Opened {
        plaintext: padded,
        ecdh: ecdh.raw_secret_bytes().to_vec(),
        cek,
        nonce,
    }
}

/// Checks `Authorization: vapid t=<JWT>, k=<key>` as a push service at `origin` does.
pub fn verify_vapid(authorization: &str, origin: &str, public_key: &str, contact: &str) {
    let params: HashMap<&str, &str> = authorization
        .strip_prefix("vapid ")
        .expect("the vapid scheme")
        .split(',')
        .map(|p| p.trim().split_once('=').unwrap())
        .collect();
    assert_eq!(params["k"], public_key);
    let (signed, signature) = params["t"].rsplit_once('.').unwrap();
    let (header, claims) = signed.split_once('.').unwrap();
    let decode =
        |part: &str| -> Value { serde_json::from_slice(&B64.decode(part).unwrap()).unwrap() };
    assert_eq!(decode(header)["alg"], "ES256");
    let key = VerifyingKey::from_sec1_bytes(&B64.decode(params["k"]).unwrap()).unwrap();
    let signature = Signature::from_slice(&B64.decode(signature).unwrap()).unwrap();
    key.verify(signed.as_bytes(), &signature)
        .expect("an ES256 signature by k");
    let claims = decode(claims);
    assert_eq!(claims["aud"], origin);
    assert_eq!(claims["sub"], contact);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let exp = claims["exp"].as_u64().unwrap();
    assert!(
        exp > now && exp <= now + 24 * 3600,
        "exp {exp} within 24 h of {now}"
    );
}
