//! Reading a list's open items for merging; the rules and the index are `domain::merge`.

use rusqlite::Connection;

use crate::domain::merge::Mergeable;
pub use crate::domain::merge::OpenItems;
use crate::error::Result;
use crate::ids::ListId;

impl OpenItems {
    /// Reads the open items of `list` (the caller has checked the list is the household's).
    pub fn load(conn: &Connection, list: ListId) -> Result<OpenItems> {
        let mut open = OpenItems::default();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, quantity, unit, note FROM items
             WHERE list_id = ?1 AND checked = 0 AND deleted = 0",
        )?;
        let mut rows = stmt.query([list])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(1)?;
            let unit: Option<String> = r.get(3)?;
            let fields = Mergeable {
                quantity: r.get(2)?,
                note: r.get(4)?,
            };
            open.insert(r.get(0)?, &name, unit, fields);
        }
        Ok(open)
    }
}
