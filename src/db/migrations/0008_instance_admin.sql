-- Instance administration (the admin page: jobs, run-now, backups of every household) is a
-- role stored on the account, never inferred from ids. Until now it went to the admins of
-- the lowest-id household: they keep it, so an upgrade changes nothing for them. Once
-- granted it only moves through the admin page or `aisle user add --instance-admin`.
ALTER TABLE users ADD COLUMN instance_admin INTEGER NOT NULL DEFAULT 0
    CHECK (instance_admin IN (0, 1));

UPDATE users SET instance_admin = 1
 WHERE role = 'admin' AND household_id = (SELECT min(id) FROM households);

CREATE INDEX users_instance_admin ON users(instance_admin) WHERE instance_admin = 1;

-- The last instance admin cannot go: not by a revoke, not by deleting the account, not by
-- deleting their household (a cascade deletes users one by one; the last one is refused).
-- The web handlers refuse first with a sentence; these are the backstop.
CREATE TRIGGER users_keep_an_instance_admin_delete
BEFORE DELETE ON users
WHEN OLD.instance_admin = 1
 AND NOT EXISTS (SELECT 1 FROM users WHERE instance_admin = 1 AND id <> OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'the last instance admin cannot be removed');
END;

CREATE TRIGGER users_keep_an_instance_admin_update
BEFORE UPDATE OF instance_admin ON users
WHEN OLD.instance_admin = 1 AND NEW.instance_admin = 0
 AND NOT EXISTS (SELECT 1 FROM users WHERE instance_admin = 1 AND id <> OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'the last instance admin cannot be removed');
END;
