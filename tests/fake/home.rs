//! A server for the product tests: pointed at a fake, with alice (admin of "Home") logged
//! in on the web and holding an API token. Uses the shared harness (`crate::common`).

#![allow(dead_code)]

use std::thread;
use std::time::Duration;

use serde_json::Value;

use super::{Fake, as_pairs, lookup_env};
use crate::common::{Client, Resp, Server, db_count};

pub const NUTELLA: &str = "3017620422003";
pub const MILK: &str = "4006381333931";
pub const EAN8: &str = "96385074";
pub const UPCA: &str = "036000291452";

/// A server pointed at a fake, with alice (admin of "Home") logged in and her API token.
pub struct Home {
    pub server: Server,
    pub web: Client,
    pub api: Client,
    pub token: String,
}

/// `Home::start` with the default 4 s lookup budget: for tests where the provider behaves,
/// so that a loaded machine never turns a slow success into a timeout.
pub fn home(fake: &Fake) -> Home {
    Home::start(fake, "4000", &[])
}

impl Home {
    /// A server with `AISLE_LOOKUP_TIMEOUT_MS=timeout_ms` and `extra` variables on top.
    pub fn start(fake: &Fake, timeout_ms: &str, extra: &[(&str, &str)]) -> Home {
        let mut env = lookup_env(fake, timeout_ms);
        for (k, v) in extra {
            env.retain(|(key, _)| key != k);
            env.push((k.to_string(), v.to_string()));
        }
        let server = Server::start_with(&as_pairs(&env));
        let web = server.user_client("alice", "Home", true);
        let token = server.cli_token("alice", "phone");
        let api = server.client();
        Home {
            server,
            web,
            api,
            token,
        }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.api.api_get(path, &self.token)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.api.api_post_json(path, &self.token, body)
    }

    pub fn lookup(&self, code: &str) -> Resp {
        self.get(&format!("/api/v1/products/barcode/{code}"))
    }

    /// Creates a product by hand through the API; returns its id.
    pub fn product(&self, body: Value) -> i64 {
        let resp = self.post("/api/v1/products", &body);
        assert_eq!(resp.status, 201, "{}", resp.describe());
        resp.json()["id"].as_i64().unwrap()
    }

    pub fn price(&self, product: i64, body: Value) -> Value {
        let resp = self.post(&format!("/api/v1/products/{product}/prices"), &body);
        assert_eq!(resp.status, 201, "{}", resp.describe());
        resp.json()
    }

    pub fn count(&self, sql: &str) -> i64 {
        db_count(&self.server, sql)
    }

    /// Waits (bounded) until the product's JSON satisfies `done`; returns it.
    pub fn wait_for_product(&self, id: i64, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..400 {
            let p = self.get(&format!("/api/v1/products/{id}"));
            assert_eq!(p.status, 200, "{}", p.describe());
            let p = p.json();
            if done(&p) {
                return p;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!("product {id}: {what} never happened");
    }

    pub fn products(&self) -> i64 {
        self.count("SELECT count(*) FROM products")
    }
}

pub fn keys(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

/// (store, amount_minor, currency, observed_on, source) of a price array.
pub fn price_rows(prices: &Value) -> Vec<(String, i64, String, String, String)> {
    prices
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["store"].as_str().unwrap_or("").to_string(),
                p["amount_minor"].as_i64().unwrap(),
                p["currency"].as_str().unwrap().to_string(),
                p["observed_on"].as_str().unwrap().to_string(),
                p["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn row(
    store: &str,
    minor: i64,
    cur: &str,
    day: &str,
    src: &str,
) -> (String, i64, String, String, String) {
    (store.into(), minor, cur.into(), day.into(), src.into())
}

pub fn id_from(location: &str, prefix: &str) -> i64 {
    location.strip_prefix(prefix).unwrap().parse().unwrap()
}
