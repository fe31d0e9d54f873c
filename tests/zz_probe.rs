#![allow(clippy::unwrap_used)]
mod common;
use common::*;

#[test]
fn probe() {
    let server = Server::start();
    let c = server.user_client("alice", "Home", true);
    let l = c.create_list("Weekly");
    c.add_items(l, "2 cups milk, 1 loaf bread, 3 eggs");
    println!("{}", serde_json::to_string_pretty(&c.list_json(l)).unwrap());
    for t in [
        "-2 eggs",
        "0 eggs",
        "999999 eggs",
        "<script>alert(1)</script>",
        "<b>bold</b> <script>evil</script>",
        "1e9 eggs",
        "2 eggs",
        "1 Egg",
    ] {
        let r = c.submit(&format!("/lists/{l}/items"), &[("text", t)]);
        println!("{t:?} -> {} {:?}", r.status, r.message());
    }
    println!("{}", serde_json::to_string_pretty(&c.items(l)).unwrap());
    let big = "a".repeat(200 * 1024);
    let r = c.submit(&format!("/lists/{l}/items"), &[("text", &big)]);
    println!("big -> {} {:?}", r.status, r.message());
    let r = c.submit("/lists/abc/rename", &[("name", "x")]);
    println!("abc -> {} {:?}", r.status, r.message());
    let r = c.get("/lists/0");
    println!("0 -> {} {:?}", r.status, r.message());
    let r = c.send(
        "POST",
        "/api/v1/lists",
        &[],
        Some(("application/json", big.clone().into_bytes())),
    );
    println!("api big -> {} {}", r.status, r.body);
    let l2 = c.create_list("<script>alert(1)</script>");
    let r = c.get("/");
    println!("{}", &r.body[r.body.find("<main>").unwrap()..]);
    let _ = l2;
    println!("{}", c.get(&format!("/lists/{l}")).body);
}
