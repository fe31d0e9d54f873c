//! A method an address does not take is answered 405 with `Allow` naming those it does
//! (RFC 9110 §15.5.6), not 404: for Rocket's own methods by the fairing here, for methods
//! Rocket does not know (`QUERY`) by the front door, with the same table of routes.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Header, Method, Status};
use rocket::{Request, Response, Route};

/// One segment of a route's path.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Static(String),
    /// `<id>`: any one segment.
    One,
    /// `<path..>`: the rest, however many segments.
    Rest,
}

/// Every route's method and path pattern.
#[derive(Debug, Clone, Default)]
pub struct Methods(Vec<(Method, Vec<Segment>)>);

impl Methods {
    pub fn of<'a>(routes: impl Iterator<Item = &'a Route>) -> Methods {
        Methods(
            routes
                .map(|route| (route.method, pattern(route.uri.path())))
                .collect(),
        )
    }

    /// The methods `path` takes, in a fixed order (`HEAD` with `GET`, as Rocket answers it).
    pub fn allowed(&self, path: &str) -> Vec<Method> {
        let given: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut allowed: Vec<Method> = self
            .0
            .iter()
            .filter(|(_, pattern)| matches(pattern, &given))
            .map(|(method, _)| *method)
            .collect();
        if allowed.contains(&Method::Get) {
            allowed.push(Method::Head);
        }
        allowed.sort_by_key(|m| m.as_str());
        allowed.dedup();
        allowed
    }
}

fn pattern(path: &str) -> Vec<Segment> {
    path.trim_start_matches('/')
        .split('/')
        .map(|s| match s {
            _ if s.starts_with('<') && s.ends_with("..>") => Segment::Rest,
            _ if s.starts_with('<') && s.ends_with('>') => Segment::One,
            _ => Segment::Static(s.to_string()),
        })
        .collect()
}

fn matches(pattern: &[Segment], given: &[&str]) -> bool {
    match (pattern.first(), given.first()) {
        (Some(Segment::Rest), _) => true,
        (None, None) => true,
        (Some(Segment::One), Some(_)) => matches(&pattern[1..], &given[1..]),
        (Some(Segment::Static(s)), Some(g)) if s == g => matches(&pattern[1..], &given[1..]),
        _ => false,
    }
}

/// The `Allow` header's value.
pub fn allow_value(allowed: &[Method]) -> String {
    let names: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
    names.join(", ")
}

/// The problem+json a 405 carries.
pub fn problem(method: &str, allowed: &[Method]) -> String {
    let detail = match allowed {
        [] => format!("Nothing here answers {method}."),
        _ => format!("This address takes {}, not {method}.", allow_value(allowed)),
    };
    serde_json::json!({
        "type": "about:blank",
        "title": "Not allowed here",
        "status": 405,
        "detail": detail,
    })
    .to_string()
}

/// Turns the 404 of an API address that matched no route but takes other methods into
/// a 405 with `Allow`.
pub struct MethodNotAllowed;

#[rocket::async_trait]
impl Fairing for MethodNotAllowed {
    fn info(&self) -> Info {
        Info {
            name: "405 with Allow",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path();
        if res.status() != Status::NotFound || req.route().is_some() || !path.starts_with("/api/") {
            return;
        }
        let allowed = Methods::of(req.rocket().routes()).allowed(path.as_str());
        if allowed.is_empty() || allowed.contains(&req.method()) {
            return;
        }
        let body = problem(req.method().as_str(), &allowed);
        res.set_status(Status::MethodNotAllowed);
        res.set_header(Header::new("Allow", allow_value(&allowed)));
        res.set_header(ContentType::new("application", "problem+json"));
        res.set_sized_body(body.len(), std::io::Cursor::new(body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_takes_the_methods_of_the_routes_it_matches() {
        let methods = Methods(vec![
            (Method::Get, pattern("/api/v1/lists")),
            (Method::Post, pattern("/api/v1/lists")),
            (Method::Get, pattern("/api/v1/lists/<id>")),
            (Method::Post, pattern("/api/v1/lists/<id>/ops")),
            (Method::Get, pattern("/assets/<path..>")),
        ]);
        let allowed = |p| allow_value(&methods.allowed(p));
        assert_eq!(allowed("/api/v1/lists"), "GET, HEAD, POST");
        assert_eq!(allowed("/api/v1/lists/7"), "GET, HEAD");
        assert_eq!(allowed("/api/v1/lists/7/ops"), "POST");
        assert_eq!(allowed("/assets/a/b.css"), "GET, HEAD");
        assert_eq!(allowed("/api/v1/lists/7/nothing"), "");
        assert_eq!(allowed("/api/v1"), "");
    }
}
