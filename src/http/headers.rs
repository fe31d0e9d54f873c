//! Security headers on every response.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

/// `'wasm-unsafe-eval'` lets the list page compile its own WebAssembly (the add box's
/// reader, `assets/parse/`, from this origin only); it allows no `eval` of JavaScript.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                   img-src 'self' data:; object-src 'none'; base-uri 'self'; \
                   form-action 'self'{}; frame-ancestors 'none'";

pub struct SecurityHeaders {
    /// Send HSTS (only when aisle is reached over TLS).
    hsts: bool,
    csp: String,
}

impl SecurityHeaders {
    /// The headers for `config`: HSTS over TLS; forms may lead to the single sign-on
    /// provider (Settings → Single sign-on posts the password, then goes there, and
    /// browsers hold the redirect to the form's `form-action`).
    pub fn new(config: &crate::config::Config) -> SecurityHeaders {
        let provider = config
            .oidc_issuer
            .as_deref()
            .and_then(crate::config::Origin::of_url)
            .map(|origin| format!(" {}", origin.url()))
            .unwrap_or_default();
        SecurityHeaders {
            hsts: config.https(),
            csp: CSP.replace("{}", &provider),
        }
    }
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, _req: &'r Request<'_>, res: &mut Response<'r>) {
        res.set_header(Header::new("Content-Security-Policy", self.csp.clone()));
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        res.set_header(Header::new("Referrer-Policy", "same-origin"));
        res.set_header(Header::new("X-Frame-Options", "DENY"));
        res.set_header(Header::new(
            "Permissions-Policy",
            "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ));
        res.set_header(Header::new("Cross-Origin-Opener-Policy", "same-origin"));
        if self.hsts {
            res.set_header(Header::new(
                "Strict-Transport-Security",
                "max-age=63072000; includeSubDomains",
            ));
        }
        if res.headers().get_one("Cache-Control").is_none() {
            res.set_header(Header::new("Cache-Control", "no-store"));
        }
    }
}
