//! The OpenAPI document of API v1, `GET /api/v1/openapi.json`: generated from the
//! handlers' `#[utoipa::path]` attributes and the `ToSchema` of the types they take and
//! give, so it cannot drift from them (`tests/it/openapi.rs` also checks that every route
//! is in it, and schemathesis checks the live server against it in `scripts/test`).

use std::sync::OnceLock;

use rocket::http::ContentType;
use rocket::{Route, get, routes};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Content, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{export, history, lists, news, products, staples, stores, sync};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "aisle",
        description = "The JSON API of aisle, a self-hosted shopping-list server: lists and \
            items, ops for offline sync, live changes, products and prices, the household's \
            data. docs/API.md says what each answer means. Authenticate with \
            `Authorization: Bearer <token>` (`aisle token create` or the Settings page).",
    ),
    paths(
        lists::get_lists,
        lists::post_list,
        lists::get_list,
        lists::post_items,
        lists::get_suggestions,
        lists::get_names,
        lists::get_learned_categories,
        history::get_activity,
        history::undo_entry,
        sync::post_ops,
        sync::get_changes,
        sync::get_events,
        products::get_by_barcode,
        products::get_product,
        products::search_products,
        products::post_product,
        products::post_price,
        products::add_product_to_list,
        products::get_total,
        stores::put_order,
        staples::get_due,
        staples::post_not_now,
        staples::get_templates,
        staples::post_template,
        staples::post_template_to_list,
        staples::delete_template,
        news::get_push_key,
        news::post_subscription,
        news::post_unsubscribe,
        news::get_watch,
        news::put_watch,
        news::post_shopping,
        export::get_export,
        export::post_import,
        get_openapi,
    ),
    modifiers(&Common),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

/// What every operation shares: bearer authentication, and the refusals any request may
/// get (401; 400 and 422 for a body or parameter that does not fit; 404 when a path names
/// something that is not the household's; 413 for a body over the limit).
struct Common;

impl Modify for Common {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        api.info.version = env!("CARGO_PKG_VERSION").to_string();
        // Cargo.toml names no licence; an empty one is not a licence.
        api.info.license = None;
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        for (path, item) in api.paths.paths.iter_mut() {
            let named = path.contains('{');
            let ops = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                add_refusals(op, named);
            }
        }
    }
}

fn problem(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                )))),
            )
            .build(),
    )
}

fn add_refusals(op: &mut Operation, named: bool) {
    let public = op.operation_id.as_deref() == Some("get_openapi");
    let body = op.request_body.is_some();
    let queried = op
        .parameters
        .as_ref()
        .is_some_and(|p| {
            p.iter().any(|p| {
                matches!(p, RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
            })
        });
    let responses = &mut op.responses.responses;
    let mut add = |code: &str, description: &str| {
        responses
            .entry(code.to_string())
            .or_insert_with(|| problem(description));
    };
    if public {
        op.security = Some(Vec::new());
        return;
    }
    add(
        "401",
        "no token, or one that is not valid (revoked, expired)",
    );
    if named {
        add("404", "nothing of that id in the household");
    }
    if body {
        add("400", "the body is not JSON, or not UTF-8");
        add("413", "the body is over the size this request takes");
    }
    if body || named || queried {
        add(
            "422",
            "a value does not fit (the detail says which and why); nothing changed",
        );
    }
}

/// The document, built once.
fn document() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    })
}

/// This document. Needs no token: it describes the API and holds nothing of anyone's.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "the OpenAPI 3.1 document of this API", content_type = "application/json", body = Object)))]
#[get("/openapi.json")]
fn get_openapi() -> (ContentType, &'static str) {
    (ContentType::JSON, document())
}

pub fn routes() -> Vec<Route> {
    routes![get_openapi]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route of API v1 is in the document with its method, and the document has
    /// nothing else: a handler added without `#[utoipa::path]` (or with a path that
    /// differs from its route) fails here.
    #[test]
    fn the_document_has_every_route_and_only_those() {
        let doc = ApiDoc::openapi();
        let mut documented: Vec<String> = Vec::new();
        for (path, item) in &doc.paths.paths {
            for (method, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ] {
                if op.is_some() {
                    documented.push(format!("{method} {path}"));
                }
            }
        }
        let mut routed: Vec<String> = crate::api::routes()
            .iter()
            .map(|route| {
                let path: Vec<String> = route
                    .uri
                    .path()
                    .split('/')
                    .map(
                        |s| match s.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
                            Some(name) => format!("{{{name}}}"),
                            None => s.to_string(),
                        },
                    )
                    .collect();
                format!("{} /api/v1{}", route.method, path.join("/"))
            })
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }

    #[test]
    fn every_operation_says_how_it_refuses() {
        let doc = ApiDoc::openapi();
        let json = serde_json::to_value(&doc).unwrap();
        let list = &json["paths"]["/api/v1/lists/{id}"]["get"];
        for code in ["200", "401", "404", "422"] {
            assert!(list["responses"][code].is_object(), "{code}: {list}");
        }
        assert_eq!(json["security"][0]["bearer"], serde_json::json!([]));
        let open = &json["paths"]["/api/v1/openapi.json"]["get"];
        assert_eq!(open["security"], serde_json::json!([]), "needs no token");
        assert!(open["responses"]["401"].is_null());
        assert!(json["info"]["license"].is_null());
    }
}
