//! A Google Keep note from Google Takeout (`Takeout/Keep/NAME.json`), where Google
//! Assistant's shopping lists went in 2023: a list note's checkboxes become items on a
//! list named after the note; a plain note's lines become items too.

use serde::Deserialize;

use super::builder::Builder;
use crate::domain::Invalid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Note {
    #[serde(default)]
    title: String,
    #[serde(default)]
    is_trashed: bool,
    #[serde(default)]
    list_content: Vec<Entry>,
    #[serde(default)]
    text_content: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    #[serde(default)]
    text: String,
    #[serde(default)]
    is_checked: bool,
}

pub fn read(b: &mut Builder, text: &str, list: &str) -> Result<(), Invalid> {
    let note: Note = serde_json::from_str(text).map_err(|e| {
        Invalid(format!(
            "the file is not a Google Keep note from Takeout (one note's .json): {e}"
        ))
    })?;
    if note.is_trashed {
        return Err(Invalid(
            "that Keep note is in the trash: nothing to import".into(),
        ));
    }
    let list = Some(note.title.trim())
        .filter(|t| !t.is_empty())
        .unwrap_or(list);
    if note.list_content.is_empty() {
        for line in note.text_content.lines() {
            b.text(list, line, false);
        }
    }
    for entry in &note.list_content {
        b.text(list, &entry.text, entry.is_checked);
    }
    Ok(())
}
