//! The installable app: web app manifest, service worker and offline page.

use std::sync::LazyLock;

use rocket::http::ContentType;
use rocket::{Route, get, routes};
use sha2::Digest;

use crate::error::Result;
use crate::i18n::Lang;
use crate::views::assets;
use crate::views::{Chrome, Html, OfflinePage, render};
use crate::web::reply::WithHeader;

/// Files the service worker keeps for offline use, besides the page scripts.
const SHELL: &[&str] = &[
    "app.css",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "notify.js",
    assets::READER,
];

static SERVICE_WORKER: LazyLock<String> = LazyLock::new(|| {
    let mut urls: Vec<String> = SHELL.iter().map(|f| assets::url(f)).collect();
    urls.extend(assets::scripts().iter().cloned());
    // Every language's words for the scripts: a page opened offline has them whatever
    // language it was opened in (a few kilobytes each).
    urls.extend(Lang::all().map(|l| l.script_url().to_string()));
    urls.push("/offline".into());
    // The worker's version changes whenever an asset does, so phones pick up new code.
    let hashes: String = urls
        .iter()
        .map(|u| u.split('/').nth(2).unwrap_or(""))
        .collect();
    let version: String = sha2::Sha256::digest(hashes.as_bytes())[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let source = assets::text("sw.js").unwrap_or_default();
    source.replace("__VERSION__", &version).replace(
        "__SHELL__",
        &serde_json::to_string(&urls).unwrap_or_else(|_| "[]".into()),
    )
});

/// The service worker, at the root so its scope is the whole app.
#[get("/sw.js")]
fn service_worker() -> WithHeader<(ContentType, &'static str)> {
    let body = (ContentType::JavaScript, SERVICE_WORKER.as_str());
    WithHeader::new(body, "Cache-Control", "no-cache")
}

#[get("/manifest.webmanifest")]
fn manifest() -> WithHeader<(ContentType, String)> {
    let body = serde_json::json!({
        "id": "/",
        "name": "aisle",
        "short_name": "aisle",
        "description": "Your household's shopping lists",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f7f7f5",
        "theme_color": "#1f7a4d",
        "icons": [
            {"src": assets::url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": assets::url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": assets::url("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"}
        ]
    });
    let body = (
        ContentType::new("application", "manifest+json"),
        body.to_string(),
    );
    WithHeader::new(body, "Cache-Control", "no-cache")
}

/// Shown by the service worker for pages that were never opened on this phone.
#[get("/offline")]
fn offline(lang: Lang) -> Result<Html> {
    render(&OfflinePage {
        chrome: Chrome::bare(lang.get("offline-title"), lang),
    })
}

pub fn routes() -> Vec<Route> {
    routes![service_worker, manifest, offline]
}
