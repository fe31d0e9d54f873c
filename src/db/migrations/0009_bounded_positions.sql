-- Positions (items' sort keys on a list) are whole numbers from 0 to 1000000 from now on.
-- Before, a move to the largest 64-bit number was accepted, and the next add on that list
-- overflowed into a REAL that no longer read as a whole number: every later add and read
-- of the list failed. Lists holding a position that is not a whole number in range are
-- renumbered 0, 1, 2… in their order (tombstones too), as a change phones will fetch: the
-- list's version goes up and every renumbered item takes it. Other lists are left alone.

UPDATE lists SET version = version + 1
WHERE id IN (SELECT list_id FROM items
             WHERE typeof(position) <> 'integer' OR position < 0 OR position > 1000000);

UPDATE items SET position = r.rank, version = l.version
FROM (SELECT id, row_number() OVER (PARTITION BY list_id ORDER BY position, id) - 1 AS rank
      FROM items
      WHERE list_id IN (SELECT list_id FROM items
                        WHERE typeof(position) <> 'integer' OR position < 0
                           OR position > 1000000)) AS r,
     lists AS l
WHERE r.id = items.id AND l.id = items.list_id;
