//! Before the scenarios: the accounts (through the CLI, as an admin would), the cold
//! starts, and the households' live lists and browser sessions (through the API and the
//! login form, as phones would).

use std::path::Path;

use serde_json::json;

use super::procfs::{self, Server};
use super::report::{Binary, ColdStart};
use super::{
    Household, Options, PAGE_LIST, PASSWORD, TIMEOUT, client, free_port, median, ms, seed,
};

/// One admin account per household with `aisle user add`, and an API token for each
/// with `aisle token create`: the tokens, in the order of `users`.
pub(super) fn accounts(bin: &Path, data: &str, users: &[String]) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    for (h, user) in users.iter().enumerate() {
        let household = format!("Bench household {h}");
        procfs::run_cli(
            bin,
            &[
                "user",
                "add",
                "--data-dir",
                data,
                "--username",
                user,
                "--household",
                &household,
                "--admin",
                "--password-stdin",
            ],
            Some(PASSWORD),
        )?;
        let out = procfs::run_cli(
            bin,
            &[
                "token",
                "create",
                "--data-dir",
                data,
                "--username",
                user,
                "--name",
                "loadgen",
            ],
            None,
        )?;
        let token = out
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .ok_or("`aisle token create` printed nothing")?
            .to_string();
        tokens.push(token);
    }
    Ok(tokens)
}

/// Starts the server on the seeded database `scale.cold_starts` times, each timed from
/// spawn to a ready `/health/ready`.
pub(super) fn cold_starts(opts: &Options, data: &Path, db_bytes: u64) -> Result<ColdStart, String> {
    let mut trials = Vec::new();
    for t in 0..opts.scale.cold_starts {
        let log = opts.out.join(format!("server-cold-{t}.log"));
        let server = Server::start(&opts.bin, data, free_port()?, &log)?;
        trials.push(ms(server.ready_after));
        server.stop()?;
    }
    Ok(ColdStart {
        db_bytes,
        median_ms: median(trials.clone()),
        max_ms: trials.iter().copied().fold(0.0, f64::max),
        trials_ms: trials,
    })
}

/// The households as the load sees them: each gets a `list_items`-item list for the page
/// reads, `own` copies of it (one per connection of the page-after-a-change rounds),
/// another for the check-offs and an empty one for the adds, and logs in through the
/// form. Also returns the item count of every list made.
pub(super) fn households(
    base: &str,
    users: &[String],
    tokens: &[String],
    list_items: usize,
    own: usize,
) -> Result<(Vec<Household>, Vec<usize>), String> {
    let mut households = Vec::new();
    let mut counts = Vec::new();
    for (h, (user, token)) in users.iter().zip(tokens).enumerate() {
        let auth = format!("Bearer {token}");
        let (page_list, page_items) = make_list(base, &auth, PAGE_LIST, list_items, h)?;
        let own_lists = (0..own)
            .map(|_| make_list(base, &auth, PAGE_LIST, list_items, h))
            .collect::<Result<Vec<_>, _>>()?;
        let (checkoff_list, checkoff_items) =
            make_list(base, &auth, "Check-offs", list_items, h + 7)?;
        let (add_list, _) = make_list(base, &auth, "Adds", 0, 0)?;
        counts.push(page_items.len());
        counts.extend(own_lists.iter().map(|(_, items)| items.len()));
        counts.push(checkoff_items.len());
        let cookie = client::login(base, user, PASSWORD)?;
        households.push(Household {
            auth,
            cookie,
            page_list,
            own_lists,
            checkoff_list,
            checkoff_items,
            add_list,
        });
    }
    Ok((households, counts))
}

/// A list made through the API (name, then `items` parsed from add text): (id, item ids).
pub(super) fn make_list(
    base: &str,
    auth: &str,
    name: &str,
    items: usize,
    offset: usize,
) -> Result<(i64, Vec<i64>), String> {
    let a = client::agent(TIMEOUT);
    let headers = [("Authorization", auth)];
    let list = client::post_json(
        &a,
        &format!("{base}/api/v1/lists"),
        &headers,
        &json!({ "name": name }),
    )?
    .expect(201, "POST /api/v1/lists")?
    .json()?;
    let id = list["id"].as_i64().ok_or("the new list has no id")?;
    if items == 0 {
        return Ok((id, Vec::new()));
    }
    let added = client::post_json(
        &a,
        &format!("{base}/api/v1/lists/{id}/items"),
        &headers,
        &json!({ "text": seed::list_text(items, offset) }),
    )?
    .expect(201, "POST /api/v1/lists/{id}/items")?
    .json()?;
    let ids = added["items"]
        .as_array()
        .ok_or("no items in the answer")?
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect();
    Ok((id, ids))
}

pub(super) fn git_describe() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !s.is_empty()).then_some(s)
}

pub(super) fn binary_info(bin: &Path) -> Binary {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    let dynamic = procfs::is_dynamic(bin);
    // The benchmarked binary itself when it is static (`--server dist/…`), or else the
    // static x86_64 build that scripts/build-release puts in dist/.
    let static_bin = if dynamic == Some(false) {
        Some(bin.to_path_buf())
    } else {
        bin.ancestors()
            .nth(3)
            .map(|root| root.join("dist/aisle-x86_64-linux"))
            .filter(|p| p.is_file())
    };
    Binary {
        path: bin.display().to_string(),
        size_bytes: size(bin).unwrap_or(0),
        dynamic,
        static_size_bytes: static_bin.as_deref().and_then(size),
        static_path: static_bin.map(|p| p.display().to_string()),
    }
}
