//! Spreadsheet exports (CSV): a header row names the columns, in any order and case; a
//! file without one has the item as typed in its first column.

use super::builder::{Builder, Fields};
use crate::domain::Invalid;

/// The header words of each column aisle reads.
const NAME: &[&str] = &["name", "item", "product", "title", "summary", "text"];
const QUANTITY: &[&str] = &["quantity", "qty", "amount", "count"];
const UNIT: &[&str] = &["unit", "units"];
const NOTE: &[&str] = &["note", "notes", "description", "comment", "comments"];
const CATEGORY: &[&str] = &["category", "aisle", "section", "label", "group"];
const LIST: &[&str] = &["list", "list name", "shopping list"];
const DONE: &[&str] = &[
    "done",
    "checked",
    "complete",
    "completed",
    "bought",
    "status",
];

pub fn read(b: &mut Builder, text: &str, list: &str) -> Result<(), Invalid> {
    // A comma, a semicolon (spreadsheets where the comma is the decimal point) or a tab.
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|c| c == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        None => return Ok(()),
        Some(row) => row.map_err(|e| Invalid(format!("the file is not CSV: {e}")))?,
    };
    let column = |words: &[&str]| {
        header
            .iter()
            .position(|h| words.contains(&h.trim().to_lowercase().as_str()))
    };
    let name = column(NAME);
    let columns = [QUANTITY, UNIT, NOTE, CATEGORY, LIST, DONE].map(column);
    if name.is_none() {
        // No header: every row's first column is an item as typed.
        let first_cell = header.get(0).unwrap_or("").to_string();
        b.text(list, &first_cell, false);
    }
    for (n, row) in rows.enumerate() {
        let row = row.map_err(|e| Invalid(format!("row {} of the file is not CSV: {e}", n + 2)))?;
        let Some(at) = name else {
            b.text(list, row.get(0).unwrap_or(""), false);
            continue;
        };
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::trim);
        let [quantity, unit, note, category, list_col, done] = columns.map(cell);
        let done = done.is_some_and(|d| {
            matches!(
                d.to_lowercase().as_str(),
                "1" | "true" | "yes" | "x" | "done" | "checked" | "completed" | "bought"
            )
        });
        b.fields(
            list_col.filter(|l| !l.is_empty()).unwrap_or(list),
            Fields {
                name: row.get(at).unwrap_or(""),
                quantity,
                unit,
                note,
                category,
                done,
            },
        );
    }
    Ok(())
}
