//! The item parser (`aisle::domain::parse::parse_items`) on what people type or paste.
//! Run with `cargo bench --bench parse`.

use std::hint::black_box;

use aisle::domain::parse::parse_items;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Spellings the parser meets in practice: numbers, fractions, glued units, number words,
/// multipliers, notes.
const LINES: &[&str] = &[
    "2 cups milk",
    "1 loaf bread",
    "a dozen eggs",
    "500g butter",
    "1 1/2 kg potatoes",
    "½ lb ground beef",
    "1½ tbsp olive oil",
    "bananas x6",
    "3 × greek yogurt",
    "tomatoes (ripe)",
    "two onions",
    "1,5 l orange juice",
    "21 seasoning salt",
    "2 cans chickpeas - the small ones",
    "Parmesan",
    "3 bunches cilantro",
    "4 Cloves Garlic",
    "1 box cereal (no sugar)",
    "6 bottles sparkling water",
    "an avocado",
];

fn pasted(n: usize) -> String {
    (0..n)
        .map(|i| LINES[i % LINES.len()])
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse_items");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one item: `2 cups milk`", |b| {
        b.iter(|| parse_items(black_box("2 cups milk")))
    });
    g.throughput(Throughput::Elements(3));
    g.bench_function("one line, 3 items", |b| {
        b.iter(|| parse_items(black_box("2 cups milk, 1 loaf bread, 3 eggs")))
    });
    let list = pasted(60);
    assert_eq!(parse_items(&list).len(), 60, "every pasted line is an item");
    g.throughput(Throughput::Elements(60));
    g.bench_function("pasted list, 60 lines", |b| {
        b.iter(|| parse_items(black_box(&list)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
