# The household's lists, one list, editing an item, deleting a list, and what the list
# pages say after a change. See docs/TRANSLATING.md. The history page is in history.ftl.

## The lists (the start page)

lists-title = Lists
lists-heading = Your lists
lists-none = No lists yet. Make one below.
# Read out for the number beside a list's name.
lists-to-get = { $n ->
    [one] { $n } item to get
   *[other] { $n } items to get
}
lists-new-label = New list name
lists-new-placeholder = New list, e.g. Weekly shop
lists-create = Create
lists-archived = Archived lists ({ $n })

## One list: the bar, the connection, the store

# The way back from a list to all lists (an arrow; this is read out and shown on hover).
list-all-lists = All lists
list-archived-badge = archived
list-keep-screen-on = Keep screen on
# Holds a link (keep the <a …> and </a> as they are; translate the words inside).
list-no-store-html = Default aisle order · <a href="/household#stores">Add a store</a> to sort by its aisles
list-aisle-order = Aisle order
# The store choice when no store's order is chosen.
list-aisle-order-default = Default
list-aisle-order-use = Use

## One list: adding, suggestions, the total

list-removed = { $n ->
    [one] Removed { $n } item.
   *[other] Removed { $n } items.
}
list-undo = Undo
list-add-label = Add items (one per line, or separated by commas)
# An example of what to type, in this language.
list-add-placeholder = 2 cups milk, 1 loaf bread, 3 eggs
list-add = Add
list-suggestions = Suggestions
list-due-soon = Due soon
# Read out for a suggestion of an item bought regularly: $name, then $why (list-due-*).
list-due-add = Add { $name }: { $why }
list-not-now = Not now
list-not-now-label = Not now: { $name }
# Why an item bought regularly is suggested: every $every days, bought $ago days ago.
list-due-days = every ~{ $every ->
    [one] { $every } day
   *[other] { $every } days
}, last bought { $ago ->
    [0] today
    [1] yesterday
   *[other] { $ago } days ago
}
# As list-due-days, every $every weeks.
list-due-weeks = every ~{ $every ->
    [one] { $every } week
   *[other] { $every } weeks
}, last bought { $ago ->
    [0] today
    [1] yesterday
   *[other] { $ago } days ago
}
# As list-due-days, every $every months.
list-due-months = every ~{ $every ->
    [one] { $every } month
   *[other] { $every } months
}, last bought { $ago ->
    [0] today
    [1] yesterday
   *[other] { $ago } days ago
}
list-templates = Templates
# Read out for a template's button: its name and how many items it holds.
list-add-template = Add the template { $name } ({ $n ->
    [one] { $n } item
   *[other] { $n } items
})
list-staples = Staples
list-add-staple = Add staple { $name }
list-often = Often bought
list-add-name = Add { $name }
list-complete = Complete the line
# $amount is an amount of money (shown in bold).
list-total = Estimated total: { $amount }
list-unpriced = { $n ->
    [one] { $n } item without a known price
   *[other] { $n } items without a known price
}
list-empty = Nothing on this list yet.

## One list: the rows

# Read out before a row's item: tapping the row checks it off, or back on.
list-check-off = Check off
list-uncheck = Uncheck
# Read out for a row's ✎ and × buttons. The page's script appends the item's name to a
# blank label, so $name must stay at the very end.
list-edit-label = Edit { $name }
list-remove-label = Remove { $name }
# The section of items checked off; with its count.
list-done = Done
list-done-count = Done ({ $n })
list-clear = Clear checked items

## One list: the edit sheet (a dialog), going shopping, the list's settings

list-edit-title = Edit item
list-name = Name
list-amount = Amount
list-amount-placeholder = e.g. 2, 500 g, ½ cup
list-note = Note
list-note-placeholder = e.g. organic
list-category = Category
list-save = Save
list-cancel = Cancel
list-going-shopping = I'm going shopping
list-done-shopping = Done shopping
list-settings = List settings
list-name-label = List name
list-rename = Rename
list-archive = Archive
list-unarchive = Unarchive
list-history = History
list-delete = Delete list…
list-watch = Tell me about this list:
list-watch-added = when others add items
list-watch-shopping = when someone goes shopping, or is done
list-push-on = Get notifications on this phone
list-template-name = Template name
list-template-placeholder = Template name, e.g. Weekly
list-save-template = Save as template
# A saved template: its name, then its items separated by commas.
list-template = Template “{ $name }”: { $items }
list-delete-template-label = Delete the template { $name }
list-delete-template = Delete

## Editing an item (the page without JavaScript)

item-edit-title = Edit item
item-name = Name
item-quantity = Quantity
item-quantity-placeholder = e.g. 2
item-unit = Unit
# The unit choice for an item without a unit.
item-unit-none = none
item-note = Note
item-note-placeholder = e.g. organic
item-category = Category
item-save = Save
item-cancel = Cancel

## Deleting a list

list-delete-title = Delete list
list-delete-heading = Delete “{ $name }”?
list-delete-warning = { $n ->
    [one] The list and its { $n } item will be gone for everyone in the household. This cannot be undone.
   *[other] The list and its { $n } items will be gone for everyone in the household. This cannot be undone.
}
list-delete-confirm = Delete the list
list-delete-keep = Keep it

## A confirmation that asks to type a password or a name (deleting an account or a household)

confirm-cancel = Cancel

## Said after a change (at the top of the list page)

list-renamed = List renamed.
list-archived = List archived.
list-unarchived = List back in use.
list-deleted = List deleted.
list-delete-unconfirmed = deleting a list needs confirmation: use the Delete button on the confirmation page
# A store choice that is not a number ($value as it was sent).
list-store-refused = `{ $value }` is not a store id
# What an add did to an item already on the list. $amount, $from and $to are amounts
# such as "2 l"; the page joins several of these with "; " and ends them with a period.
list-merged-already = { $name } was already on the list
list-merged-already-amount = { $name } was already on the list ({ $amount })
list-merged-now = { $name }: now { $amount }
list-merged-changed = { $name }: { $from } → { $to }
# Some lines of an add were added, others refused: first this, then what merged, then
# list-not-added.
list-added = { $n ->
    [one] Added { $n } item.
   *[other] Added { $n } items.
}
# $reasons says, for each line not added, why (in English for now).
list-not-added = Not added (fix and add again, or clear the box): { $reasons }.
list-restored = { $n ->
    [one] Restored { $n } item.
   *[other] Restored { $n } items.
}
list-restore-none = no items to restore: `ids` must list item ids like 1,2,3
# A unit or a category that is not one of the choices ($value as it was sent).
item-unit-refused = `{ $value }` is not a unit aisle knows
item-category-refused = `{ $value }` is not a category
list-not-now-said = { $days ->
    [one] “{ $name }” is not suggested again for { $days } day.
   *[other] “{ $name }” is not suggested again for { $days } days.
}
list-template-saved = Template “{ $name }” saved: add it to any list from its suggestions.
list-template-replaced = Template “{ $name }” saved, replacing the old one.
list-template-added = { $n ->
    [one] Added { $n } item from the template.
   *[other] Added { $n } items from the template.
}
list-template-deleted = Template deleted.
