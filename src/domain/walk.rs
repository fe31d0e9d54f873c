//! Learning a store's aisle order from the walk through the shop.
//!
//! While shopping, a household checks items off in the order it passes them. The check-offs
//! are split into trips ([`trips`]), and from enough trips [`learn`] estimates the order of
//! the categories (and of the items within each category). [`merge`] then fits that order
//! into the store's stored order without touching what the household placed by hand.
//!
//! # The rule
//!
//! - **Positions.** In each usable trip, every category gets a position in [0, 1]: the
//!   categories are ranked by the mean index of their check-offs and the rank is divided by
//!   (number of categories − 1). Ranking categories rather than using raw check-off indices
//!   keeps one big category (a full produce run) from pushing every later category back.
//!   Items get positions the same way, but among the check-offs of their own category only:
//!   their order relative to each other is what is learned, so the category's own drift
//!   within the trip should not leak into it.
//! - **Recency.** The k-th most recent trip containing a category (or an item) weighs
//!   [`DECAY`]^k, so the newest counts most and old walks fade out.
//! - **Robustness.** A key's learned position is the *weighted median* of its positions, not
//!   the mean. With the 0.8 decay, once a key was seen in three trips no single trip holds
//!   half of its weight (with two, the newer decides), so one odd trip (a detour, a reversed
//!   walk, going back for the milk) can never move a position outside the range the other
//!   trips give it: if they keep each category apart from its neighbours, one odd trip
//!   changes nothing. A weighted mean would let it drag a category past its neighbours.
//! - **Enough evidence.** Nothing is learned from fewer than [`MIN_TRIPS`] usable trips, and
//!   a category or item must appear in at least [`MIN_SEEN`] of them to be learned.
//!   Equal positions are ordered by the key's `Ord`, so the result is deterministic.

use std::collections::{BTreeMap, BTreeSet};

/// A gap between two check-offs this long (or longer) ends a trip.
pub const TRIP_GAP_MS: i64 = 10 * 60 * 1000;
/// Trips with fewer check-offs than this are ignored.
pub const MIN_CHECKS: usize = 4;
/// Nothing is learned from fewer usable trips than this.
pub const MIN_TRIPS: usize = 3;
/// A category or item must appear in at least this many usable trips to be learned.
pub const MIN_SEEN: usize = 2;
/// The weight of a trip relative to the next more recent trip with the same key.
pub const DECAY: f64 = 0.8;

/// One check-off: when, in which category, which item (a normalised name key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOff<C> {
    /// When the item was checked off, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The category the item was in when it was checked off.
    pub category: C,
    /// The item's normalised name key.
    pub item: String,
}

/// Splits check-offs (in any order; they are sorted by time, equal times keeping their input
/// order) into trips at gaps of [`TRIP_GAP_MS`] or more, oldest trip first, and drops trips
/// with fewer than [`MIN_CHECKS`] check-offs. The trips borrow the check-offs.
pub fn trips<C>(checks: &[CheckOff<C>]) -> Vec<Vec<&CheckOff<C>>> {
    let mut sorted: Vec<&CheckOff<C>> = checks.iter().collect();
    sorted.sort_by_key(|check| check.at_ms);
    sorted
        .chunk_by(|a, b| b.at_ms.saturating_sub(a.at_ms) < TRIP_GAP_MS)
        .filter(|trip| trip.len() >= MIN_CHECKS)
        .map(<[&CheckOff<C>]>::to_vec)
        .collect()
}

/// What [`learn`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned<C> {
    /// Categories seen in enough trips, in learned walking order (first aisle first).
    pub categories: Vec<C>,
    /// For each learned category, the item keys seen in enough trips, in learned order.
    pub items: BTreeMap<C, Vec<String>>,
    /// How many usable trips there were; nothing is learned below [`MIN_TRIPS`].
    pub trips: usize,
}

/// Learns the walking order from check-offs, by the rule in the module docs: the
/// categories' order and the items' order within each. Returns empty `categories` and
/// `items` when there are fewer than [`MIN_TRIPS`] usable trips.
pub fn learn<C: Copy + Ord>(checks: &[CheckOff<C>]) -> Learned<C> {
    learn_with(checks, true)
}

/// [`learn`] for the categories alone (`items` stays empty): what sorting a list by its
/// store needs, at a fraction of the work.
pub fn learn_categories<C: Copy + Ord>(checks: &[CheckOff<C>]) -> Learned<C> {
    learn_with(checks, false)
}

fn learn_with<C: Copy + Ord>(checks: &[CheckOff<C>], with_items: bool) -> Learned<C> {
    let trips = trips(checks);
    let mut learned = Learned {
        categories: Vec::new(),
        items: BTreeMap::new(),
        trips: trips.len(),
    };
    if trips.len() < MIN_TRIPS {
        return learned;
    }
    // Each key's positions, oldest trip first; item keys borrowed until the end.
    let mut categories: BTreeMap<C, Vec<f64>> = BTreeMap::new();
    let mut items: BTreeMap<C, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    for trip in &trips {
        for (category, position) in positions(trip.iter().map(|check| check.category)) {
            categories.entry(category).or_default().push(position);
            if !with_items {
                continue;
            }
            let walk = trip
                .iter()
                .filter(|check| check.category == category)
                .map(|check| check.item.as_str());
            let in_category = items.entry(category).or_default();
            for (item, position) in positions(walk) {
                in_category.entry(item).or_default().push(position);
            }
        }
    }
    learned.categories = rank(categories);
    if with_items {
        for category in &learned.categories {
            let in_category = items.remove(category).unwrap_or_default();
            let ranked = rank(in_category).into_iter().map(str::to_owned).collect();
            learned.items.insert(*category, ranked);
        }
    }
    learned
}

/// The position in [0, 1] of each distinct key in one walk: keys are ranked by the mean
/// index of their occurrences (ties by key) and the rank is divided by (keys − 1). A walk
/// with a single key puts it in the middle.
fn positions<K: Ord>(walk: impl Iterator<Item = K>) -> Vec<(K, f64)> {
    let mut indices: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (index, key) in walk.enumerate() {
        indices.entry(key).or_default().push(index);
    }
    let mut means: Vec<(f64, K)> = indices
        .into_iter()
        .map(|(key, at)| (at.iter().sum::<usize>() as f64 / at.len() as f64, key))
        .collect();
    means.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let last = means.len().saturating_sub(1) as f64;
    let position = |rank: usize| if last > 0.0 { rank as f64 / last } else { 0.5 };
    let ranked = means.into_iter().enumerate();
    ranked
        .map(|(rank, (_, key))| (key, position(rank)))
        .collect()
}

/// The keys seen at least [`MIN_SEEN`] times, ordered by the weighted median of their
/// positions (listed oldest first), ties by key.
fn rank<K: Ord>(positions: BTreeMap<K, Vec<f64>>) -> Vec<K> {
    let mut ranked: Vec<(f64, K)> = positions
        .into_iter()
        .filter(|(_, seen)| seen.len() >= MIN_SEEN)
        .map(|(key, seen)| (weighted_median(&seen), key))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, key)| key).collect()
}

/// The lower weighted median of positions listed oldest first, the k-th most recent
/// weighing [`DECAY`]^k: the smallest position at which half the weight is reached.
fn weighted_median(oldest_first: &[f64]) -> f64 {
    let mut weighted = Vec::with_capacity(oldest_first.len());
    let mut weight = 1.0;
    for &position in oldest_first.iter().rev() {
        weighted.push((position, weight));
        weight *= DECAY;
    }
    weighted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = weighted.iter().map(|(_, weight)| weight).sum::<f64>() / 2.0;
    let mut reached = 0.0;
    for &(position, weight) in &weighted {
        reached += weight;
        if reached >= half {
            return position;
        }
    }
    weighted.last().map_or(0.5, |&(position, _)| position)
}

/// Where a category's place in a store's effective order comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The household placed it by hand.
    Hand,
    /// Learned from the walk through the shop.
    Learned,
    /// Neither: it keeps its stored slot.
    Default,
}

/// The store's effective order. `stored` is the store's current order (first aisle first),
/// each category with whether the household placed it by hand. Hand-placed categories and
/// categories not learned keep their slots (their index in `stored`); the slots held by the
/// other, learned categories are refilled with those categories in learned order.
///
/// Returns every category of `stored` exactly once (a repeat in `stored` is dropped), with
/// its origin. Categories in `learned` but not in `stored` are ignored.
pub fn merge<C: Copy + Ord>(stored: &[(C, bool)], learned: &Learned<C>) -> Vec<(C, Origin)> {
    let mut seen = BTreeSet::new();
    let stored: Vec<(C, bool)> = stored
        .iter()
        .copied()
        .filter(|(category, _)| seen.insert(*category))
        .collect();
    let movable: BTreeSet<C> = stored
        .iter()
        .filter(|(category, by_hand)| !by_hand && learned.categories.contains(category))
        .map(|(category, _)| *category)
        .collect();
    // Each movable category exactly once, in learned order: one per movable slot.
    let mut unplaced = movable.clone();
    let mut refill = learned
        .categories
        .iter()
        .copied()
        .filter(|category| unplaced.remove(category));
    stored
        .iter()
        .map(|&(category, by_hand)| {
            if by_hand {
                (category, Origin::Hand)
            } else if movable.contains(&category) {
                (refill.next().unwrap_or(category), Origin::Learned)
            } else {
                (category, Origin::Default)
            }
        })
        .collect()
}

/// What a household moved when it rearranged an order from `before` to `after`: the fewest
/// entries that, taken out, leave the rest in their old relative order (the complement of a
/// longest increasing subsequence of old places). Dragging one category gives that one;
/// swapping two neighbours gives one of them. Entries of `after` missing from `before`
/// count as moved.
pub fn moved<C: Copy + Eq>(before: &[C], after: &[C]) -> Vec<C> {
    let old: Vec<Option<usize>> = after
        .iter()
        .map(|c| before.iter().position(|b| b == c))
        .collect();
    // best[i]: the longest increasing run of old places ending at i; from[i]: its previous.
    let mut best = vec![0usize; old.len()];
    let mut from = vec![None; old.len()];
    for i in 0..old.len() {
        let Some(here) = old[i] else { continue };
        best[i] = 1;
        for j in 0..i {
            if matches!(old[j], Some(there) if there < here) && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                from[i] = Some(j);
            }
        }
    }
    let mut kept = vec![false; old.len()];
    let mut at = (0..old.len()).max_by_key(|&i| (best[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        if best[i] == 0 {
            break;
        }
        kept[i] = true;
        at = from[i];
    }
    after
        .iter()
        .zip(kept)
        .filter(|(_, kept)| !kept)
        .map(|(c, _)| *c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Origin::{Default as D, Hand as H, Learned as L};

    const MINUTE: i64 = 60 * 1000;
    const DAY: i64 = 24 * 60 * MINUTE;
    /// Convergence: after 6 noisy trips the learned order is at least this close to the
    /// true one (Kendall tau ≥ 0.9: at most 2 of the 45 category pairs out of order).
    const MIN_TAU: f64 = 0.9;

    /// A walk: (category, item) in the order checked off.
    type Walk = Vec<(u8, String)>;

    /// SplitMix64: a small deterministic PRNG.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let z = (self.0 ^ (self.0 >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        /// Uniform in lo..=hi.
        fn range(&mut self, lo: usize, hi: usize) -> usize {
            lo + (self.next() % (hi - lo + 1) as u64) as usize
        }
        fn chance(&mut self, p: f64) -> bool {
            (self.next() >> 11) as f64 / ((1u64 << 53) as f64) < p
        }
    }

    fn check(at_ms: i64, category: u8, item: &str) -> CheckOff<u8> {
        let item = item.to_string();
        CheckOff {
            at_ms,
            category,
            item,
        }
    }

    fn walk(steps: &[(u8, &str)]) -> Walk {
        steps
            .iter()
            .map(|&(c, item)| (c, item.to_string()))
            .collect()
    }

    /// Check-offs for walks on consecutive days, 1–3 minutes apart within a walk.
    fn days(walks: &[Walk], rng: &mut Rng) -> Vec<CheckOff<u8>> {
        let mut checks = Vec::new();
        for (day, walk) in (0..).zip(walks) {
            let mut at_ms = day * DAY;
            for (category, item) in walk {
                at_ms += rng.range(1, 3) as i64 * MINUTE;
                checks.push(check(at_ms, *category, item));
            }
        }
        checks
    }

    /// A store walked in true order: categories 0..10, each with 2–4 items whose names
    /// are not alphabetical in walking order.
    fn store(rng: &mut Rng) -> Walk {
        let sizes: Vec<usize> = (0..10).map(|_| rng.range(2, 4)).collect();
        (0..10u8)
            .flat_map(|c| (0..sizes[usize::from(c)]).map(move |n| (c, format!("{}-{c}", 9 - n))))
            .collect()
    }

    /// A random ≥ 60% of the store in true order, each adjacent pair swapped with p = 0.15.
    fn noisy_walk(rng: &mut Rng, store: &Walk) -> Walk {
        let mut picked: Vec<usize> = (0..store.len()).collect();
        for i in (1..picked.len()).rev() {
            picked.swap(i, rng.range(0, i));
        }
        picked.truncate(rng.range(store.len().div_ceil(5) * 3, store.len()));
        picked.sort_unstable();
        let mut walk: Walk = picked.into_iter().map(|i| store[i].clone()).collect();
        for i in 1..walk.len() {
            if rng.chance(0.15) {
                walk.swap(i - 1, i);
            }
        }
        walk
    }

    fn kendall_tau(order: &[u8], truth: &[u8]) -> f64 {
        let rank = |k: u8| truth.iter().position(|&t| t == k).expect("same keys");
        let (mut score, mut pairs) = (0.0, 0.0);
        for (i, &a) in order.iter().enumerate() {
            for &b in &order[i + 1..] {
                score += if rank(a) < rank(b) { 1.0 } else { -1.0 };
                pairs += 1.0;
            }
        }
        score / pairs
    }

    #[test]
    fn trips_split_at_ten_minute_gaps_sorted_without_short_trips() {
        // Sorted: 0 1 2 11 (9 min: same trip) 12 | 22 (10 min: new trip) 30 31 32 | 60 61 62.
        let minutes = [30, 0, 1, 2, 11, 12, 22, 31, 32, 62, 61, 60];
        let checks: Vec<CheckOff<u8>> = minutes
            .iter()
            .map(|m| check(m * MINUTE, 1, &m.to_string()))
            .collect();
        let split: Vec<Vec<i64>> = trips(&checks)
            .iter()
            .map(|trip| trip.iter().map(|c| c.at_ms / MINUTE).collect())
            .collect();
        // The last trip has only 3 check-offs and is dropped.
        assert_eq!(split, [vec![0, 1, 2, 11, 12], vec![22, 30, 31, 32]]);
    }

    #[test]
    fn too_few_trips_learn_nothing_and_merge_keeps_stored() {
        let good = walk(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let short = walk(&[(1, "a"), (2, "b"), (3, "c")]);
        let learned = learn(&days(&[good.clone(), short, good], &mut Rng(1)));
        assert!(learned.categories.is_empty() && learned.items.is_empty());
        assert_eq!(learned.trips, 2);
        let stored = [4, 3, 2, 1].map(|c| (c, c == 3));
        assert_eq!(merge(&stored, &learned), [(4, D), (3, H), (2, D), (1, D)]);
    }

    #[test]
    fn converges_on_the_true_order_over_many_seeds() {
        let truth: Vec<u8> = (0..10).collect();
        let mut min_tau = f64::MAX;
        for seed in 0..20 {
            let mut rng = Rng(seed);
            let store = store(&mut rng);
            let walks: Vec<Walk> = (0..6).map(|_| noisy_walk(&mut rng, &store)).collect();
            let checks = days(&walks, &mut rng);
            let learned = learn(&checks);
            assert_eq!(learned.trips, 6);
            // Sorting a list learns the categories alone, to the same order.
            let categories_alone = Learned {
                items: BTreeMap::new(),
                ..learned.clone()
            };
            assert_eq!(learn_categories(&checks), categories_alone);
            assert_eq!(learned.categories.len(), 10, "seed {seed}");
            let tau = kendall_tau(&learned.categories, &truth);
            assert!(tau >= MIN_TAU, "seed {seed}: tau {tau}");
            min_tau = min_tau.min(tau);
        }
        eprintln!("minimum Kendall tau over 20 seeds: {min_tau}");
    }

    #[test]
    fn one_odd_trip_does_not_reorder() {
        for seed in 0..10 {
            let mut rng = Rng(seed);
            let store = store(&mut rng);
            // Good trips: in order, each category's first item ("9-…") and ~70% of the rest.
            let good: Vec<Walk> = (0..5)
                .map(|_| {
                    let kept = store
                        .iter()
                        .filter(|s| s.1.starts_with('9') || rng.chance(0.7));
                    kept.cloned().collect()
                })
                .collect();
            let before = learn(&days(&good, &mut rng)).categories;
            assert_eq!(before, (0..10).collect::<Vec<u8>>());
            let reversed: Walk = store.iter().rev().cloned().collect();
            // Came back for all of category 0 at the end: a weighted mean would move it.
            let mut went_back = store.clone();
            went_back.rotate_left(store.iter().filter(|s| s.0 == 0).count());
            for (at, odd) in [(5, &reversed), (3, &reversed), (5, &went_back)] {
                let mut walks = good.clone();
                walks.insert(at, odd.clone());
                let after = learn(&days(&walks, &mut rng)).categories;
                let tau = kendall_tau(&after, &before);
                assert_eq!(tau, 1.0, "seed {seed}, odd trip at {at}");
            }
        }
    }

    #[test]
    fn items_come_out_in_walking_order() {
        let walks = [
            walk(&[(1, "pear"), (1, "apple"), (1, "fig"), (2, "milk")]),
            walk(&[(1, "pear"), (1, "fig"), (2, "milk"), (2, "egg")]),
            walk(&[(1, "apple"), (1, "fig"), (2, "milk"), (2, "egg")]),
            walk(&[(1, "pear"), (1, "apple"), (2, "egg"), (2, "kiwi")]),
        ];
        let learned = learn(&days(&walks, &mut Rng(2)));
        assert_eq!(learned.categories, [1, 2]);
        assert_eq!(learned.items[&1], ["pear", "apple", "fig"]);
        // "kiwi" was seen in one trip only.
        assert_eq!(learned.items[&2], ["milk", "egg"]);
    }

    #[test]
    fn categories_seen_once_are_not_learned() {
        let usual = walk(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let once = walk(&[(1, "a"), (2, "b"), (9, "z"), (3, "c"), (4, "d")]);
        let learned = learn(&days(&[usual.clone(), once, usual], &mut Rng(3)));
        assert_eq!(learned.categories, [1, 2, 3, 4]);
        assert!(!learned.items.contains_key(&9));
    }

    fn learned(categories: &[u8]) -> Learned<u8> {
        Learned {
            categories: categories.to_vec(),
            items: BTreeMap::new(),
            trips: MIN_TRIPS,
        }
    }

    #[test]
    fn merge_refills_only_learned_non_hand_slots() {
        // 2 is learned but placed by hand, 3 is not learned, 6 is learned but not stored,
        // and the repeated 5 is dropped.
        let stored = [1, 2, 3, 4, 5, 5].map(|c| (c, c == 2));
        let expected = [(5, L), (2, H), (3, D), (4, L), (1, L)];
        assert_eq!(merge(&stored, &learned(&[6, 5, 4, 2, 1])), expected);
    }

    #[test]
    fn merge_keeps_fixed_slots_and_permutes_stored() {
        let mut rng = Rng(7);
        for _ in 0..200 {
            let n = rng.range(0, 12) as u8;
            let mut order: Vec<u8> = (0..n).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.range(0, i));
            }
            let stored: Vec<(u8, bool)> = order.iter().map(|&c| (c, rng.chance(0.3))).collect();
            let learned_order: Vec<u8> = (0..15).rev().filter(|_| rng.chance(0.6)).collect();
            let merged = merge(&stored, &learned(&learned_order));

            let mut sorted: Vec<u8> = merged.iter().map(|m| m.0).collect();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<u8>>());
            for (&(category, by_hand), &(placed, origin)) in stored.iter().zip(&merged) {
                let is_learned = learned_order.contains(&category);
                match origin {
                    H => assert!(by_hand && placed == category),
                    D => assert!(!by_hand && !is_learned && placed == category),
                    L => assert!(!by_hand && is_learned),
                }
            }
            // The learned slots hold the movable categories, in learned order.
            let movable = learned_order
                .iter()
                .filter(|&&c| stored.contains(&(c, false)));
            let placed = merged.iter().filter(|m| m.1 == L).map(|m| m.0);
            assert!(placed.eq(movable.copied()));
        }
    }

    #[test]
    fn moved_names_what_was_dragged() {
        let before = [1, 2, 3, 4, 5, 6];
        assert_eq!(moved(&before, &before), Vec::<i32>::new());
        // Drag 5 to the front; drag 1 to the end.
        assert_eq!(moved(&before, &[5, 1, 2, 3, 4, 6]), [5]);
        assert_eq!(moved(&before, &[2, 3, 4, 5, 6, 1]), [1]);
        // Swap two neighbours: one of them moved.
        assert_eq!(moved(&before, &[1, 3, 2, 4, 5, 6]).len(), 1);
        // Reversed: all but one moved; something new counts as moved.
        assert_eq!(moved(&before, &[6, 5, 4, 3, 2, 1]).len(), 5);
        assert_eq!(moved(&before, &[1, 2, 9, 3]), [9]);
    }
}
