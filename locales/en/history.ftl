# A list's history: who did what, and undo. See docs/TRANSLATING.md.

# The page's title (in the browser's tab).
history-title = History of { $list }
history-heading = History of “{ $list }”
history-intro = Who added, checked off, changed or removed what on this list. Changes from the last 24 hours can be undone while nothing has changed the item since.
history-none = Nothing has happened on this list yet.
history-back = Back to the list

## One line of the history. $who is a member's name (or history-someone), $item an
## item's name (shown in bold).

history-added = { $who } added { $item }
history-checked = { $who } checked off { $item }
history-unchecked = { $who } unchecked { $item }
history-changed = { $who } changed { $item }
history-removed = { $who } removed { $item }
history-restored = { $who } put back { $item }
# In place of a member's name when their account was deleted since.
history-someone = Someone
# Beside a change that was undone.
history-undone = undone
history-undo = Undo
# Read out for the Undo button: $what is a line of the history ("anna added milk").
history-undo-label = Undo: { $what }
# Said after an undo.
history-undone-said = Undone: “{ $item }” is as it was.
