-- The list page reads a list's live items in list order: with this index SQLite walks them
-- in that order instead of sorting them on every page (docs/PERFORMANCE.md). Ties on
-- `position` come out in rowid order, as `ORDER BY position, id` asks.
CREATE INDEX items_list_position ON items(list_id, position) WHERE deleted = 0;
