-- What happened on each list, who did it and when: the list's history (with undo), and
-- what aisle learns from — the walk through each store (the order of check-offs) and the
-- rhythm of staples (how often each item is bought).
--
-- `name`, `name_key`, `category_id` and `store_id` are as they were at the time: an item
-- renamed or a list moved to another store later does not rewrite its past. `before` holds
-- an edited item's fields as they were (JSON), so the edit can be undone. `undone_by` is
-- the entry that undid this one. Entries outlive their item's tombstone (purged after a
-- while): the rhythm of staples needs months of purchases.
CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    list_id       INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    item_id       INTEGER REFERENCES items(id) ON DELETE SET NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('add', 'check', 'uncheck', 'edit', 'delete', 'restore')),
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    category_id   INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    store_id      INTEGER REFERENCES stores(id) ON DELETE SET NULL,
    before        TEXT,
    undone_by     INTEGER REFERENCES activity(id) ON DELETE SET NULL,
    at_ms         INTEGER NOT NULL
);
-- Deleting entries (a list, a household, the purge) sets what they undid free by index.
CREATE INDEX activity_undone_by ON activity(undone_by) WHERE undone_by IS NOT NULL;
-- A list's history, newest first.
CREATE INDEX activity_list ON activity(list_id, id);
-- An item's latest entry (undo is offered only for it).
CREATE INDEX activity_item ON activity(item_id, id);
-- A store's walks: its check-offs in order.
CREATE INDEX activity_store_checks ON activity(store_id, id) WHERE kind = 'check';
-- A household's purchases of each item.
CREATE INDEX activity_purchases ON activity(household_id, name_key, at_ms) WHERE kind = 'check';
-- Retention.
CREATE INDEX activity_age ON activity(at_ms);

-- Which categories of a store's order the household placed by hand (the rest may be
-- learned), and whether the household locked the order against learning. Stores whose
-- order differs from the household's default were arranged by someone: all their places
-- count as set by hand, so an upgrade changes nothing anyone sees.
ALTER TABLE store_categories ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0
    CHECK (by_hand IN (0, 1));
ALTER TABLE stores ADD COLUMN order_locked INTEGER NOT NULL DEFAULT 0
    CHECK (order_locked IN (0, 1));

UPDATE store_categories SET by_hand = 1
WHERE store_id IN (
    SELECT sc.store_id FROM store_categories sc
    JOIN categories c ON c.id = sc.category_id
    WHERE sc.position <> c.position
);

-- Each regularly bought item's rhythm (`domain::rhythm`), brought up to date at every
-- check-off of it: a list page reads what is due by index instead of working through a
-- year of purchases. Suggested from `due_from_ms` to `due_until_ms`.
CREATE TABLE rhythms (
    household_id   INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name_key       TEXT NOT NULL,
    name           TEXT NOT NULL,
    interval_days  REAL NOT NULL,
    spread_days    REAL NOT NULL,
    last_ms        INTEGER NOT NULL,
    purchases      INTEGER NOT NULL,
    due_from_ms    INTEGER NOT NULL,
    due_until_ms   INTEGER NOT NULL,
    PRIMARY KEY (household_id, name_key)
) WITHOUT ROWID;
CREATE INDEX rhythms_due ON rhythms(household_id, due_from_ms);

-- Staples the household said "not now" to: not suggested again before `until_ms`.
CREATE TABLE staple_dismissals (
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name_key      TEXT NOT NULL,
    until_ms      INTEGER NOT NULL,
    PRIMARY KEY (household_id, name_key)
) WITHOUT ROWID;

-- Lists saved as templates ("Weekly", "Party"): names and amounts, added in one tap.
CREATE TABLE templates (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    created_ms    INTEGER NOT NULL,
    UNIQUE (household_id, name)
);
CREATE TABLE template_items (
    template_id  INTEGER NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    quantity     REAL,
    unit         TEXT,
    note         TEXT,
    PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

-- Who should know (per list, each member opts in): items others added (batched, "Anna
-- added 3 items"), and someone going or done shopping.
CREATE TABLE list_watchers (
    list_id   INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added     INTEGER NOT NULL CHECK (added IN (0, 1)),
    shopping  INTEGER NOT NULL CHECK (shopping IN (0, 1)),
    PRIMARY KEY (list_id, user_id)
) WITHOUT ROWID;
CREATE INDEX list_watchers_user ON list_watchers(user_id);

-- A phone browser's Web Push subscription. The endpoint is a secret: whoever knows it can
-- post to that phone. It lasts as long as the login it was made in (a session, or an API
-- token): logging out, or the session expiring, stops the phone's notifications.
CREATE TABLE push_subscriptions (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_hash  BLOB REFERENCES sessions(token_hash) ON DELETE CASCADE,
    token_id      INTEGER REFERENCES api_tokens(id) ON DELETE CASCADE,
    endpoint      TEXT NOT NULL UNIQUE,
    p256dh        TEXT NOT NULL,
    auth          TEXT NOT NULL,
    created_ms    INTEGER NOT NULL,
    CHECK ((session_hash IS NULL) <> (token_id IS NULL))
);
CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
CREATE INDEX push_subscriptions_session ON push_subscriptions(session_hash)
    WHERE session_hash IS NOT NULL;
CREATE INDEX push_subscriptions_token ON push_subscriptions(token_id)
    WHERE token_id IS NOT NULL;

-- A household's own ntfy topic and webhook (set by its admins): told of every list's news.
CREATE TABLE household_hooks (
    household_id  INTEGER PRIMARY KEY REFERENCES households(id) ON DELETE CASCADE,
    ntfy_url      TEXT,
    ntfy_token    TEXT,
    webhook_url   TEXT
);
