//! What the sync tests share (`sync.rs`, `sync_refusals.rs`, `sync_live.rs`): a household
//! member with an API token and a browser session, and readers for op results and items.

use serde_json::{Value, json};

use super::{Client, Resp, Server, snapshot};

/// A household member with an API token and a logged-in browser session.
pub struct Member {
    pub client: Client,
    pub token: String,
}

impl Member {
    pub fn new(server: &Server, username: &str, household: &str) -> Member {
        let client = server.user_client(username, household, false);
        let token = server.cli_token(username, "phone");
        Member { client, token }
    }

    /// Sends a batch of ops; returns the raw answer.
    pub fn send_ops(&self, list: i64, ops: Value) -> Resp {
        self.client.api_post_json(
            &format!("/api/v1/lists/{list}/ops"),
            &self.token,
            &json!({ "ops": ops }),
        )
    }

    /// Sends a batch of ops that must be accepted; returns `{version, results}`.
    pub fn ops(&self, list: i64, ops: Value) -> Value {
        let resp = self.send_ops(list, ops);
        assert_eq!(resp.status, 200, "ops: {}", resp.describe());
        let body = resp.json();
        assert!(body["version"].is_i64(), "{body}");
        body
    }

    pub fn get(&self, path: &str) -> Resp {
        self.client.api_get(path, &self.token)
    }

    pub fn list(&self, list: i64) -> Value {
        let resp = self.get(&format!("/api/v1/lists/{list}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }

    pub fn version(&self, list: i64) -> i64 {
        self.list(list)["version"].as_i64().expect("a list version")
    }

    pub fn items(&self, list: i64) -> Vec<Value> {
        self.list(list)["items"]
            .as_array()
            .expect("the list's items")
            .clone()
    }

    /// The id of the item named `name` on `list`.
    pub fn item_id(&self, list: i64, name: &str) -> i64 {
        find(&self.items(list), name)["id"]
            .as_i64()
            .expect("an item id")
    }

    pub fn changes(&self, list: i64, since: i64) -> Value {
        let resp = self.get(&format!("/api/v1/lists/{list}/changes?since={since}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }
}

/// The first item an op result carries.
pub fn result_item(result: &Value) -> &Value {
    &result["items"][0]
}

pub fn id_of(result: &Value) -> i64 {
    result_item(result)["id"].as_i64().expect("an item id")
}

pub fn find<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name:?} in {items:?}"))
}

pub fn names(items: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = items
        .iter()
        .map(|i| i["name"].as_str().expect("an item name").to_string())
        .collect();
    names.sort();
    names
}

pub fn statuses(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .expect("op results")
        .iter()
        .map(|r| r["status"].as_str().expect("an op status").to_string())
        .collect()
}

/// Everything households own, leaving out the record of applied op ids (which an
/// ignored op adds to, so that its replay answers the same).
pub fn data_snapshot(server: &Server) -> String {
    let full = snapshot(server);
    match full.find("SELECT * FROM applied_ops") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

/// One member of "Home" with a list "Weekly".
pub fn home_with_list() -> (Server, Member, i64) {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    (server, alice, list)
}
