//! local-ca mode: the CA certificate for phones to install, and how to install it.

use rocket::http::ContentType;
use rocket::{Route, State, get, routes};

use crate::app::AppState;
use crate::config::TlsMode;
use crate::error::{Error, Result};
use crate::http::guards::Visitor;
use crate::views::{CaPage, Chrome, Html, render};
use crate::web::reply::WithHeader;

fn ca_path(app: &AppState) -> Result<std::path::PathBuf> {
    if app.config.tls != TlsMode::LocalCa {
        return Err(Error::Missing(
            "this server does not use its own certificate authority".into(),
        ));
    }
    Ok(app.config.data_dir.join("tls").join("ca.pem"))
}

/// The CA certificate (public; it holds no secret), as phones expect to download it.
#[get("/ca.crt")]
async fn ca_certificate(app: &State<AppState>) -> Result<WithHeader<(ContentType, Vec<u8>)>> {
    let path = ca_path(app)?;
    let pem = tokio::fs::read(&path).await.map_err(|_| Error::NotFound)?;
    let body = (ContentType::new("application", "x-x509-ca-cert"), pem);
    let disposition = "attachment; filename=\"aisle-ca.crt\"";
    Ok(WithHeader::new(body, "Content-Disposition", disposition))
}

/// How to install the CA on Android and iOS.
#[get("/ca")]
async fn ca_page(app: &State<AppState>, visitor: &Visitor) -> Result<Html> {
    ca_path(app)?;
    render(&CaPage {
        chrome: Chrome::new(visitor.lang.get("ca-title"), visitor.viewer(), None),
    })
}

pub fn routes() -> Vec<Route> {
    routes![ca_certificate, ca_page]
}
