-- Sync: ops applied exactly once, and what a long-offline phone needs to know.

-- Every op a phone sent, with the result it got, so a replay gets the same answer.
CREATE TABLE applied_ops (
    list_id     INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    op_id       TEXT NOT NULL,
    result      TEXT NOT NULL,
    applied_ms  INTEGER NOT NULL,
    PRIMARY KEY (list_id, op_id)
) WITHOUT ROWID;
CREATE INDEX applied_ops_age ON applied_ops(applied_ms);

-- The highest list version whose tombstones were purged: a phone that last synced before
-- it must reload the whole list instead of applying changes.
ALTER TABLE lists ADD COLUMN purged_version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX items_deleted_age ON items(deleted, updated_ms) WHERE deleted = 1;
