-- A list with a store is sorted by the order learned from the household's walks through
-- it (`db::aisle`), read on every page of the list: the store's newest check-offs that
-- count. This index holds everything that read needs, so it never visits the table
-- (`kind` and `undone_by` are always 'check' and NULL in it, but SQLite counts an index
-- as covering only when it holds every column the query names).
DROP INDEX activity_store_checks;
CREATE INDEX activity_store_walks
    ON activity(store_id, id, at_ms, category_id, name_key, kind, undone_by)
    WHERE kind = 'check' AND undone_by IS NULL AND category_id IS NOT NULL;
