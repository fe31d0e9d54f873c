//! Certificates for the `files` and `local-ca` modes: a resolver that reloads PEM files
//! when they change, and aisle's own small CA for the LAN.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rustls::crypto::ring::sign::any_supported_type;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

use super::error::{TlsError, file_error};

/// Reads a certificate chain and key (PEM) into what rustls serves.
pub fn load(cert: &Path, key: &Path) -> Result<CertifiedKey, TlsError> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(file_error(cert))?
        .collect::<Result<_, _>>()
        .map_err(file_error(cert))?;
    if chain.is_empty() {
        return Err(TlsError::NoCertificate(cert.display().to_string()));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(file_error(key))?;
    let signing = any_supported_type(&key_der).map_err(file_error(key))?;
    Ok(CertifiedKey::new(chain, signing))
}

/// The expiry (unix seconds) of the first certificate in a PEM file.
pub fn expiry_of_pem(path: &Path) -> Option<i64> {
    let pem = std::fs::read(path).ok()?;
    let der = CertificateDer::pem_slice_iter(&pem).next()?.ok()?;
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    Some(cert.validity().not_after.timestamp())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Serves the certificate in two PEM files, picking up replaced files without a restart
/// (checked at most every two seconds, on handshakes).
#[derive(Debug)]
pub struct FileResolver {
    cert: PathBuf,
    key: PathBuf,
    state: Mutex<FileState>,
    expiry: Arc<Mutex<Option<i64>>>,
}

#[derive(Debug)]
struct FileState {
    current: Arc<CertifiedKey>,
    stamps: (Option<SystemTime>, Option<SystemTime>),
    checked: Instant,
}

impl FileResolver {
    pub fn new(
        cert: &Path,
        key: &Path,
        expiry: Arc<Mutex<Option<i64>>>,
    ) -> Result<FileResolver, TlsError> {
        let current = Arc::new(load(cert, key)?);
        if let Ok(mut e) = expiry.lock() {
            *e = expiry_of_pem(cert);
        }
        Ok(FileResolver {
            cert: cert.to_path_buf(),
            key: key.to_path_buf(),
            state: Mutex::new(FileState {
                current,
                stamps: (modified(cert), modified(key)),
                checked: Instant::now(),
            }),
            expiry,
        })
    }

    fn current(&self) -> Option<Arc<CertifiedKey>> {
        let mut s = self.state.lock().ok()?;
        if s.checked.elapsed() >= Duration::from_secs(2) {
            s.checked = Instant::now();
            let stamps = (modified(&self.cert), modified(&self.key));
            if stamps != s.stamps {
                match load(&self.cert, &self.key) {
                    Ok(k) => {
                        tracing::info!(cert = %self.cert.display(), "certificate files changed: reloaded");
                        s.current = Arc::new(k);
                        s.stamps = stamps;
                        if let Ok(mut e) = self.expiry.lock() {
                            *e = expiry_of_pem(&self.cert);
                        }
                    }
                    // Half-written files: keep serving the old certificate and look again.
                    Err(e) => {
                        tracing::warn!("certificate files changed but cannot be loaded yet: {e}")
                    }
                }
            }
        }
        Some(Arc::clone(&s.current))
    }
}

impl ResolvesServerCert for FileResolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        self.current()
    }
}

/// Where local-ca keeps its files.
pub struct LocalCa {
    pub dir: PathBuf,
}

impl LocalCa {
    pub fn ca_cert(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }
    pub fn server_cert(&self) -> PathBuf {
        self.dir.join("server.pem")
    }
    pub fn server_key(&self) -> PathBuf {
        self.dir.join("server.key")
    }

    /// Makes the CA (once; phones install it) and a server certificate for `names`
    /// (again whenever the names change or it nears expiry).
    pub fn ensure(&self, names: &[String]) -> Result<(), TlsError> {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
        let io = file_error::<std::io::Error>(&self.dir);
        let tls = TlsError::Generate;
        std::fs::create_dir_all(&self.dir).map_err(&io)?;
        let ca_key_path = self.dir.join("ca.key");
        if !self.ca_cert().exists() || !ca_key_path.exists() {
            let key = KeyPair::generate().map_err(tls)?;
            let mut params = CertificateParams::new(Vec::<String>::new()).map_err(tls)?;
            params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
            params
                .distinguished_name
                .push(DnType::CommonName, "aisle local CA");
            params
                .distinguished_name
                .push(DnType::OrganizationName, "aisle");
            params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
            params.not_before = time_from(SystemTime::now() - Duration::from_secs(86_400));
            params.not_after =
                time_from(SystemTime::now() + Duration::from_secs(10 * 365 * 86_400));
            let cert = params.self_signed(&key).map_err(tls)?;
            write_private(&ca_key_path, key.serialize_pem().as_bytes()).map_err(&io)?;
            std::fs::write(self.ca_cert(), cert.pem()).map_err(&io)?;
            tracing::info!(ca = %self.ca_cert().display(), "created the local CA");
        }
        let names_file = self.dir.join("server.names");
        let wanted = names.join("\n");
        let expires_soon = expiry_of_pem(&self.server_cert())
            .is_none_or(|t| t < chrono::Utc::now().timestamp() + 30 * 86_400);
        let same_names = std::fs::read_to_string(&names_file).is_ok_and(|n| n == wanted);
        if same_names && !expires_soon && self.server_key().exists() {
            return Ok(());
        }
        let ca_pem = std::fs::read_to_string(self.ca_cert()).map_err(&io)?;
        let ca_key =
            KeyPair::from_pem(&std::fs::read_to_string(&ca_key_path).map_err(&io)?).map_err(tls)?;
        let ca = CertificateParams::from_ca_cert_pem(&ca_pem)
            .map_err(tls)?
            .self_signed(&ca_key)
            .map_err(tls)?;
        let key = KeyPair::generate().map_err(tls)?;
        let mut params = CertificateParams::new(names.to_vec()).map_err(tls)?;
        params.distinguished_name.push(
            DnType::CommonName,
            names.first().map(String::as_str).unwrap_or("aisle"),
        );
        params.not_before = time_from(SystemTime::now() - Duration::from_secs(86_400));
        // Apple devices refuse server certificates valid for longer than 825 days.
        params.not_after = time_from(SystemTime::now() + Duration::from_secs(820 * 86_400));
        let cert = params.signed_by(&key, &ca, &ca_key).map_err(tls)?;
        write_private(&self.server_key(), key.serialize_pem().as_bytes()).map_err(&io)?;
        std::fs::write(self.server_cert(), format!("{}{}", cert.pem(), ca.pem())).map_err(&io)?;
        std::fs::write(&names_file, wanted).map_err(&io)?;
        tracing::info!(names = %names.join(", "), "issued a server certificate from the local CA");
        Ok(())
    }
}

fn time_from(t: SystemTime) -> rocket::time::OffsetDateTime {
    rocket::time::OffsetDateTime::from(t)
}

fn write_private(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(data)?;
    f.sync_all()
}

/// The names a LAN server is reached by: configured ones, or this machine's name,
/// `localhost` and the loopback addresses.
pub fn default_names(configured: &[String]) -> Vec<String> {
    if !configured.is_empty() {
        return configured.to_vec();
    }
    let mut names = Vec::new();
    // /etc/hostname first: the hardened unit's ProcSubset=pid hides /proc/sys.
    let host = ["/etc/hostname", "/proc/sys/kernel/hostname"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|h| h.trim().to_string())
        .find(|h| !h.is_empty());
    if let Some(host) = host {
        names.push(format!("{host}.local"));
        names.push(host);
    }
    names.extend([
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ]);
    names
}
