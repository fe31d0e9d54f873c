-- Products, prices, images and the lookup cache.

ALTER TABLE households ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';

-- Pictures are fetched by the server and served by aisle itself.
CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    content_type  TEXT NOT NULL,
    data          BLOB NOT NULL,
    created_ms    INTEGER NOT NULL
);

-- A household's catalogue: from lookups or entered by hand. `saved` marks staples.
CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    household_id    INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    barcode         TEXT,
    name            TEXT NOT NULL,
    brand           TEXT,
    quantity_label  TEXT,
    image_id        INTEGER REFERENCES images(id) ON DELETE SET NULL,
    source          TEXT NOT NULL CHECK (source IN ('manual', 'off')),
    saved           INTEGER NOT NULL DEFAULT 0,
    created_ms      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL,
    refreshed_ms    INTEGER,
    UNIQUE (household_id, barcode)
);

CREATE VIRTUAL TABLE products_fts USING fts5(name, brand, content='products', content_rowid='id');
CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, name, brand) VALUES (new.id, new.name, coalesce(new.brand, ''));
END;
CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, name, brand) VALUES ('delete', old.id, old.name, coalesce(old.brand, ''));
END;
CREATE TRIGGER products_au AFTER UPDATE OF name, brand ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, name, brand) VALUES ('delete', old.id, old.name, coalesce(old.brand, ''));
    INSERT INTO products_fts(rowid, name, brand) VALUES (new.id, new.name, coalesce(new.brand, ''));
END;

-- Money is integer minor units plus an ISO 4217 currency.
CREATE TABLE prices (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    product_id    INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    store_id      INTEGER REFERENCES stores(id) ON DELETE SET NULL,
    place         TEXT,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency      TEXT NOT NULL,
    pack_size     TEXT,
    observed_on   TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('manual', 'open_prices')),
    external_id   TEXT,
    created_ms    INTEGER NOT NULL,
    UNIQUE (product_id, source, external_id)
);
CREATE INDEX prices_product ON prices(product_id, observed_on);

ALTER TABLE items ADD COLUMN product_id INTEGER REFERENCES products(id) ON DELETE SET NULL;

-- Provider answers shared by the instance (public data): found and not-found both, with a
-- TTL; failures back off (`failures`, `retry_after_ms`) and are retried by the scheduler.
CREATE TABLE lookup_cache (
    provider        TEXT NOT NULL,
    key             TEXT NOT NULL,
    found           INTEGER NOT NULL,
    body            TEXT,
    fetched_ms      INTEGER NOT NULL,
    expires_ms      INTEGER NOT NULL,
    failures        INTEGER NOT NULL DEFAULT 0,
    retry_after_ms  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, key)
) WITHOUT ROWID;
