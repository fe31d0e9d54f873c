//! Why certificates could not be set up.

/// Why certificates could not be set up; each names the file or step and why.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{0} holds no certificate")]
    NoCertificate(String),
    #[error("files mode needs --tls-cert and --tls-key")]
    MissingFiles,
    #[error("TLS is off")]
    Off,
    #[error("certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error(transparent)]
    Rustls(#[from] rustls::Error),
}

/// A `map_err` for a failure with the file at `path`.
pub fn file_error<E: std::fmt::Display>(path: &std::path::Path) -> impl Fn(E) -> TlsError + '_ {
    move |e| TlsError::File {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}
