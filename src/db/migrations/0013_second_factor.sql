-- Second factors of sign-in.
--
-- An authenticator app (TOTP, RFC 6238) per user: its 160-bit secret, and the last time
-- step a code was accepted for, so each code works once. `confirmed_ms` is NULL while the
-- person has scanned the code but not yet typed a first code from the app: until then the
-- factor is not asked for at sign-in.
CREATE TABLE totp (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret        BLOB NOT NULL,
    last_step     INTEGER NOT NULL DEFAULT 0,
    created_ms    INTEGER NOT NULL,
    confirmed_ms  INTEGER
);

-- One-time recovery codes, for when the phone with the app is lost: only their SHA-256
-- is stored (each is 50 random bits); a used one is deleted.
CREATE TABLE recovery_codes (
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hash     BLOB NOT NULL,
    PRIMARY KEY (user_id, hash)
) WITHOUT ROWID;

-- A sign-in whose password was right and whose second factor is awaited: the SHA-256 of
-- the token in the browser's cookie, for a few minutes.
CREATE TABLE login_challenges (
    token_hash  BLOB PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_challenges_user ON login_challenges(user_id);

-- Passkeys (WebAuthn). Each person's user handle: 16 random bytes the authenticator keeps
-- with each of their passkeys and hands back at a sign-in without a username.
CREATE TABLE passkey_users (
    user_id  INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    handle   BLOB NOT NULL UNIQUE
);
-- Each passkey as webauthn-rs keeps it (`passkey`, JSON: the credential id, the public key,
-- the signature counter), under the name its owner gave it.
CREATE TABLE passkeys (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_id  BLOB NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    passkey        TEXT NOT NULL,
    created_ms     INTEGER NOT NULL,
    used_ms        INTEGER
);
CREATE INDEX passkeys_user ON passkeys(user_id);
