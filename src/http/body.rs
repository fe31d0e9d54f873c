//! Sends a small response body in one piece.
//!
//! Rocket hands a body to the connection in chunks of 4 KiB by default, each through a
//! one-slot channel between two tasks: a 45 KB list page took eleven hand-offs, each
//! waking the other worker thread. A body of known size up to [`WHOLE`] now goes as one
//! chunk, and larger ones (a backup download) in chunks of [`WHOLE`]; streams of unknown
//! size keep their own chunk size.

use rocket::fairing::AdHoc;

/// The largest body sent as a single chunk; larger ones go in chunks of this size.
pub const WHOLE: usize = 256 * 1024;

/// The response fairing that sets each sized body's chunk size.
pub fn one_chunk() -> AdHoc {
    AdHoc::on_response("one chunk", |_req, res| {
        Box::pin(async move {
            if let Some(size) = res.body_mut().size().await {
                // One byte more than the body: the read that finds its end then needs no
                // second buffer.
                res.set_max_chunk_size(size.saturating_add(1).min(WHOLE));
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rocket::local::blocking::Client;
    use rocket::response::stream::TextStream;
    use rocket::{get, routes};

    #[get("/sized/<n>")]
    fn sized(n: usize) -> String {
        "x".repeat(n)
    }

    #[get("/stream")]
    fn stream() -> TextStream![&'static str] {
        TextStream! { yield "a"; }
    }

    fn chunk_size(client: &Client, path: &str) -> usize {
        client.get(path).dispatch().body().max_chunk_size()
    }

    #[test]
    fn sized_bodies_go_whole_up_to_the_limit_and_streams_keep_theirs() {
        let rocket = rocket::build()
            .mount("/", routes![sized, stream])
            .attach(one_chunk());
        let client = Client::untracked(rocket).expect("rocket");
        assert_eq!(chunk_size(&client, "/sized/45000"), 45_001);
        assert_eq!(chunk_size(&client, "/sized/10"), 11);
        assert_eq!(chunk_size(&client, "/sized/0"), 1);
        assert_eq!(chunk_size(&client, "/sized/1000000"), WHOLE);
        let default = rocket::response::Body::DEFAULT_MAX_CHUNK;
        assert_eq!(chunk_size(&client, "/stream"), default);
        assert_eq!(
            client
                .get("/sized/45000")
                .dispatch()
                .into_string()
                .map(|s| s.len()),
            Some(45_000)
        );
    }
}
