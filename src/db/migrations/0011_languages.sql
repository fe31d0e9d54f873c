-- The household's language and each person's own (docs/TRANSLATING.md).
--
-- `users.language` is the language a person chose on their settings page; NULL follows
-- their browser. `households.language` names the household's default categories when it
-- is created, and again when an admin changes it (categories the household renamed keep
-- their names).
--
-- `push_subscriptions.language` is the language of the browser that asked for
-- notifications; a person's own choice (`users.language`) goes before it.
--
-- `categories.builtin` says which default category a row is (`Produce`, `Dairy & Eggs`…,
-- the grocery dictionary's keys), whatever it is called: a new item goes to the category
-- the dictionary names through this key, so a household may call its categories anything,
-- in any language. Rows the household made itself have none.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE households ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE categories ADD COLUMN builtin TEXT;
ALTER TABLE push_subscriptions ADD COLUMN language TEXT;
UPDATE categories SET builtin = name
 WHERE name IN ('Produce', 'Bakery', 'Meat & Fish', 'Dairy & Eggs', 'Frozen', 'Pantry',
                'Snacks', 'Beverages', 'Household', 'Personal Care', 'Baby', 'Pets', 'Other');
CREATE UNIQUE INDEX categories_builtin ON categories (household_id, builtin) WHERE builtin IS NOT NULL;
