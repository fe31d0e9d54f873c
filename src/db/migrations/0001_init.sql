-- Households, accounts, lists and items.
-- Time is UTC unix milliseconds everywhere.

CREATE TABLE households (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    created_ms  INTEGER NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    household_id   INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    username       TEXT NOT NULL,
    username_key   TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_ms     INTEGER NOT NULL
);
CREATE INDEX users_household ON users(household_id);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    token_hash  BLOB PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_ms  INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    BLOB NOT NULL UNIQUE,
    created_ms    INTEGER NOT NULL,
    last_used_ms  INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE invites (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    token_hash    BLOB NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_ms    INTEGER NOT NULL,
    expires_ms    INTEGER NOT NULL,
    used_ms       INTEGER
);
CREATE INDEX invites_household ON invites(household_id);

CREATE TABLE categories (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    UNIQUE (household_id, name)
);

CREATE TABLE stores (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    UNIQUE (household_id, name)
);

-- A store's own aisle order; categories missing here sort after the listed ones.
CREATE TABLE store_categories (
    store_id     INTEGER NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    category_id  INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    PRIMARY KEY (store_id, category_id)
) WITHOUT ROWID;

CREATE TABLE lists (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    store_id      INTEGER REFERENCES stores(id) ON DELETE SET NULL,
    archived      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 0,
    created_ms    INTEGER NOT NULL,
    updated_ms    INTEGER NOT NULL
);
CREATE INDEX lists_household ON lists(household_id);

-- `version` is the list version of the item's last change; `deleted` is a tombstone.
CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    list_id      INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    quantity     REAL,
    unit         TEXT,
    note         TEXT,
    category_id  INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    checked      INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL
);
CREATE INDEX items_list_version ON items(list_id, version);

-- "Move oat milk to Dairy once, and it stays there."
CREATE TABLE category_overrides (
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name_key      TEXT NOT NULL,
    category_id   INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    PRIMARY KEY (household_id, name_key)
) WITHOUT ROWID;

-- What the household has added before, for autocomplete (most frequent first).
CREATE TABLE item_history (
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name_key      TEXT NOT NULL,
    name          TEXT NOT NULL,
    uses          INTEGER NOT NULL,
    last_used_ms  INTEGER NOT NULL,
    PRIMARY KEY (household_id, name_key)
) WITHOUT ROWID;
CREATE INDEX item_history_uses ON item_history(household_id, uses DESC);
