-- Single sign-on through an OpenID Connect provider.
--
-- The identity at the provider each account is linked to: the issuer and the subject
-- (the provider's stable id for the person), one link per account. `email` is what the
-- provider said at linking, shown to the person in their settings; `how` the link was
-- made: by its owner in their settings, at a first sign-in by the email an admin gave, or
-- when the sign-in made the account.
CREATE TABLE sso_links (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    email       TEXT,
    how         TEXT NOT NULL CHECK (how IN ('settings', 'email', 'join')),
    created_ms  INTEGER NOT NULL,
    used_ms     INTEGER,
    UNIQUE (issuer, subject)
);

-- The email an admin gave a member for single sign-on (lowercase): the first sign-in
-- whose provider vouches for this email (`email_verified`) links the account, and uses
-- the email up.
CREATE TABLE sso_emails (
    user_id  INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email    TEXT NOT NULL UNIQUE
);
