use std::sync::{Arc, Barrier};

use super::*;

const WINDOW: Duration = Duration::from_secs(60);

fn throttle(max_failures: u32) -> Throttle {
    Throttle::new(Limits::new(max_failures, WINDOW))
}

fn small(max_failures: u32, max_keys: usize, max_attempts: usize) -> Throttle {
    Throttle::new(Limits {
        max_keys,
        max_attempts,
        ..Limits::new(max_failures, WINDOW)
    })
}

/// One failed attempt (reserved, then dropped without success).
fn fail(t: &Throttle, address: &str, username: &str, now: Instant) -> Result<(), u64> {
    t.begin(address, username, now).map(drop)
}

#[test]
fn blocks_after_max_failures_until_the_window_passes() {
    let t = throttle(3);
    let start = Instant::now();
    for i in 0..3 {
        assert!(fail(&t, "a", "x", start).is_ok(), "attempt {i}");
    }
    assert_eq!(fail(&t, "b", "x", start), Err(60), "the username is spent");
    assert_eq!(fail(&t, "a", "y", start), Err(60), "the address is spent");
    assert_eq!(
        fail(&t, "a", "y", start + Duration::from_millis(30_500)),
        Err(30),
        "rounded up"
    );
    assert!(fail(&t, "a", "x", start + Duration::from_secs(61)).is_ok());
    assert!(fail(&t, "c", "z", start).is_ok(), "others are not affected");
}

#[test]
fn an_attempt_counts_while_it_is_in_flight() {
    let t = Throttle::new(Limits {
        max_in_flight: 10,
        ..Limits::new(2, WINDOW)
    });
    let now = Instant::now();
    let first = t.begin("a", "x", now).unwrap();
    let second = t.begin("b", "x", now).unwrap();
    // Neither has been judged yet, and still a third is refused.
    assert_eq!(fail(&t, "c", "x", now).unwrap_err(), 60);
    first.succeeded();
    drop(second);
    // The success cleared the username's count, the failure before it included.
    assert!(fail(&t, "c", "x", now).is_ok());
}

#[test]
fn at_most_max_failures_of_a_burst_get_through() {
    let t = Arc::new(Throttle::new(Limits {
        max_in_flight: 100,
        ..Limits::new(5, WINDOW)
    }));
    let barrier = Arc::new(Barrier::new(40));
    let now = Instant::now();
    let threads: Vec<_> = (0..40)
        .map(|i| {
            let (t, barrier) = (Arc::clone(&t), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                // Half from one address, half for one username from many addresses.
                let address = if i % 2 == 0 {
                    "a".to_string()
                } else {
                    format!("b{i}")
                };
                t.begin(&address, "x", now).is_ok()
            })
        })
        .collect();
    let through = threads
        .into_iter()
        .filter_map(|h| h.join().ok())
        .filter(|ok| *ok)
        .count();
    assert_eq!(through, 5);
}

#[test]
fn an_address_has_at_most_max_in_flight_logins_in_flight() {
    let t = throttle(100);
    let now = Instant::now();
    let held: Vec<_> = (0..MAX_IN_FLIGHT)
        .map(|i| t.begin("a", &format!("u{i}"), now).unwrap())
        .collect();
    assert_eq!(
        fail(&t, "a", "other", now),
        Err(1),
        "one too many in flight"
    );
    assert!(
        fail(&t, "b", "other", now).is_ok(),
        "another address is not held up"
    );
    drop(held);
    let again = t.begin("a", "other", now);
    assert!(again.is_ok(), "slots come back when attempts end");
    // Failed attempts stay counted after their slot is freed.
    drop(again);
    let state = t.lock();
    assert_eq!(
        state.keys[&key("ip", "a")].len(),
        MAX_IN_FLIGHT as usize + 1
    );
    assert!(state.in_flight.is_empty());
}

#[test]
fn success_forgets_the_username_and_only_this_attempt_of_the_address() {
    let t = throttle(3);
    let now = Instant::now();
    fail(&t, "a", "x", now).unwrap();
    fail(&t, "a", "x", now).unwrap();
    t.begin("a", "x", now).unwrap().succeeded();
    let state = t.lock();
    assert!(!state.keys.contains_key(&key("user", "x")));
    assert_eq!(
        state.keys[&key("ip", "a")].len(),
        2,
        "its own failures stay"
    );
    assert_eq!(state.attempts, 2);
}

#[test]
fn a_full_table_refuses_new_keys_and_evicts_nothing_unexpired() {
    // Room for 6 keys: a victim username at its limit, then a flood of new usernames.
    let t = small(2, 6, 1000);
    let start = Instant::now();
    fail(&t, "a1", "victim", start).unwrap();
    fail(&t, "a2", "victim", start).unwrap();
    let later = start + Duration::from_secs(10);
    let mut refused = 0;
    for i in 0..100 {
        let address = format!("f{}", i / 2);
        if fail(&t, &address, &format!("flood{i}"), later).is_err() {
            refused += 1;
        }
    }
    assert!(
        refused >= 98,
        "the flood found room for {} keys",
        100 - refused
    );
    assert!(t.lock().keys.len() <= 6);
    // The victim's count survived the flood: still refused, from any address, with the
    // wait of its own failures.
    assert_eq!(fail(&t, "a3", "victim", later), Err(50));
    assert_eq!(fail(&t, "a1", "victim", later), Err(50));
    // A new key waits until the first entry can expire; then room is made.
    let wait = fail(&t, "new", "newcomer", later).unwrap_err();
    assert_eq!(wait, 50);
    let after = start + WINDOW;
    assert!(fail(&t, "new", "newcomer", after).is_ok());
    assert_eq!(
        fail(&t, "a1", "victim", after + Duration::from_secs(10)),
        Ok(())
    );
}

#[test]
fn a_full_table_still_serves_known_keys() {
    let t = small(3, 4, 1000);
    let now = Instant::now();
    fail(&t, "home", "alice", now).unwrap();
    fail(&t, "x", "y", now).unwrap();
    assert!(fail(&t, "z", "w", now).is_err(), "full");
    // Known address and username: no new key needed.
    t.begin("home", "alice", now).unwrap().succeeded();
    assert!(fail(&t, "home", "alice", now).is_ok());
}

#[test]
fn the_attempt_budget_is_a_bound_too() {
    let t = small(100, 1000, 6);
    let now = Instant::now();
    for i in 0..3 {
        fail(&t, "a", &format!("u{i}"), now).unwrap();
    }
    assert!(fail(&t, "a", "u0", now).is_err(), "six timestamps held");
    assert_eq!(t.lock().attempts, 6);
    assert!(
        fail(&t, "a", "u0", now + WINDOW).is_ok(),
        "expired ones are dropped"
    );
    // u1 and u2 are left until a full table needs their room.
    assert_eq!(t.lock().attempts, 4);
    let later = now + WINDOW;
    assert!(fail(&t, "a", "u3", later).is_ok(), "six again");
    assert!(
        fail(&t, "a", "u4", later).is_ok(),
        "a full table drops what expired"
    );
    let state = t.lock();
    assert_eq!(state.attempts, 6);
    assert!(!state.keys.contains_key(&key("user", "u1")));
}

#[test]
fn expired_keys_are_dropped_and_the_count_stays_right() {
    let t = small(5, 1000, 1000);
    let start = Instant::now();
    for i in 0..4 {
        fail(&t, "a", &format!("u{i}"), start + Duration::from_secs(i)).unwrap();
    }
    {
        let state = t.lock();
        assert_eq!((state.keys.len(), state.attempts), (5, 8));
    }
    // A minute after the first two: they are gone from the address, and touching a key
    // drops what has expired.
    fail(&t, "a", "u9", start + Duration::from_millis(61_500)).unwrap();
    let state = t.lock();
    assert_eq!(state.keys[&key("ip", "a")].len(), 3);
    assert_eq!(
        state.attempts,
        state.keys.values().map(VecDeque::len).sum::<usize>()
    );
}

#[test]
fn long_usernames_cost_a_fixed_size_key() {
    let t = throttle(1);
    let now = Instant::now();
    let long = "x".repeat(64 * 1024);
    fail(&t, "a", &long, now).unwrap();
    assert!(fail(&t, "b", &long, now).is_err());
    assert!(fail(&t, "b", &long[1..], now).is_ok(), "a different name");
}

#[test]
fn the_attempt_that_uses_up_a_key_says_so() {
    let t = throttle(3);
    let now = Instant::now();
    let last = |address: &str, username: &str| {
        let attempt = t.begin(address, username, now).expect("allowed");
        attempt.uses_up()
    };
    assert_eq!(last("a", "x"), None);
    assert_eq!(last("a", "y"), None);
    assert_eq!(
        last("a", "z"),
        Some(UsedUp::Address),
        "the address's third failure"
    );
    assert_eq!(last("b", "w"), None);
    assert_eq!(last("c", "w"), None);
    assert_eq!(
        last("d", "w"),
        Some(UsedUp::Username),
        "the username's third failure"
    );
}

#[test]
fn a_right_password_in_a_burst_leaves_the_address_its_wrong_guesses_and_no_more() {
    let t = throttle(3);
    let now = Instant::now();
    // Three in flight from one address; the right password is among them.
    let right = t.begin("a", "x", now).unwrap();
    let wrong: Vec<_> = (0..2).map(|_| t.begin("a", "x", now).unwrap()).collect();
    assert_eq!(fail(&t, "a", "x", now), Err(1), "three in flight");
    right.succeeded();
    // Its reservation is given back: one more wrong guess is judged, then the address is
    // spent with three wrong guesses in all.
    assert!(fail(&t, "a", "x", now).is_ok());
    drop(wrong);
    assert_eq!(fail(&t, "a", "x", now), Err(60));
}
