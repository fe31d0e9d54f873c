-- The security log: sign-ins (method, address, success or failure), lockouts, password and
-- token changes, invites, members joining, leaving and changing role, exports, imports and
-- restores. Append-only: no entry is ever changed (the trigger below), and entries go only
-- when they grow older than the configured retention (`security_log_days`) or with their
-- household.
--
-- `household_id` is the household the entry belongs to (its admins see it); NULL for what
-- belongs to no household (a failed sign-in with an unknown name, a restore, a household
-- deleted), which only instance admins see. `user_id` is whom it concerns and `username`
-- their name as it was (or as typed); `actor_id`/`actor` who did it when someone else did
-- (an admin resetting a password). Both ids are cleared when the user goes; the names stay.
-- `address` is the client's address as the server saw it. `imported`: brought by an import
-- of another instance's export (shown as such; it proves nothing about this instance).
CREATE TABLE security_log (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER REFERENCES households(id) ON DELETE CASCADE,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    username      TEXT NOT NULL,
    actor_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor         TEXT,
    event         TEXT NOT NULL,
    method        TEXT,
    address       TEXT,
    success       INTEGER NOT NULL CHECK (success IN (0, 1)),
    detail        TEXT,
    imported      INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    at_ms         INTEGER NOT NULL
);
-- A household's log, newest first; the instance's log is by id.
CREATE INDEX security_log_household ON security_log(household_id, id);
-- Retention.
CREATE INDEX security_log_age ON security_log(at_ms);
-- Deleting a user clears their ids by index.
CREATE INDEX security_log_user ON security_log(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX security_log_actor ON security_log(actor_id) WHERE actor_id IS NOT NULL;

-- Nothing may change but the clearing of a deleted user's ids.
CREATE TRIGGER security_log_append_only
BEFORE UPDATE OF id, household_id, username, actor, event, method, address, success, detail,
    imported, at_ms ON security_log
BEGIN
    SELECT RAISE(ABORT, 'the security log is append-only');
END;
CREATE TRIGGER security_log_ids_only_cleared
BEFORE UPDATE OF user_id, actor_id ON security_log
WHEN NEW.user_id IS NOT NULL AND NEW.user_id IS NOT OLD.user_id
    OR NEW.actor_id IS NOT NULL AND NEW.actor_id IS NOT OLD.actor_id
BEGIN
    SELECT RAISE(ABORT, 'the security log is append-only');
END;
