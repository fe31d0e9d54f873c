//! iCalendar to-dos (`VTODO`), as Home Assistant's Local To-do and Nextcloud Tasks export
//! them: each open to-do an item (its summary as typed, its description the note, its
//! first category its category), on a list named after the calendar.

use icalendar::{Calendar, CalendarComponent, Component, EventLike, TodoStatus};

use super::builder::{Builder, Fields};
use crate::domain::Invalid;

pub fn read(b: &mut Builder, text: &str, list: &str) -> Result<(), Invalid> {
    let calendar: Calendar = text
        .parse()
        .map_err(|e| Invalid(format!("the file is not iCalendar (.ics): {e}")))?;
    let own = calendar
        .get_name()
        .map(unescape)
        .filter(|l| !l.trim().is_empty());
    let list = own.as_deref().unwrap_or(list);
    let mut todos = 0;
    for component in &calendar.components {
        let CalendarComponent::Todo(todo) = component else {
            continue;
        };
        todos += 1;
        let done =
            todo.get_status() == Some(TodoStatus::Completed) || todo.get_completed().is_some();
        let summary = unescape(todo.get_summary().unwrap_or(""));
        let note = todo.get_description().map(unescape);
        let category = todo.get_categories().and_then(|c| c.into_iter().next());
        b.fields(
            list,
            Fields {
                name: &summary,
                note: note.as_deref(),
                category: category.as_deref(),
                done,
                ..Fields::default()
            },
        );
    }
    if todos == 0 {
        return Err(Invalid(
            "the file has no to-dos (VTODO): export the to-do list, not a calendar of events"
                .into(),
        ));
    }
    Ok(())
}

/// An iCalendar TEXT value as written: `\,` `\;` `\\` unescaped, line breaks as spaces.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push(' '),
            Some(escaped) => out.push(escaped),
            None => {}
        }
    }
    out
}
