-- Indexes for the list page, found by the benchmark (docs/PERFORMANCE.md).

-- The staples row reads a household's saved products by name without sorting the
-- whole catalogue.
CREATE INDEX products_staples ON products(household_id, name COLLATE NOCASE) WHERE saved = 1;

-- Suggestions walk the history in the order they are shown and stop at the limit.
DROP INDEX item_history_uses;
CREATE INDEX item_history_uses ON item_history(household_id, uses DESC, last_used_ms DESC);
