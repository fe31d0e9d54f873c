# What the page scripts (assets/*.js) say: sync status, messages under the add box, the
# connection, the undo bar, notifications and invites. The server hands these to the page
# as a script (src/i18n/script.rs); units and money come from main.ftl.
# A quoted name (“{ $name }”) is an item's name as the household typed it: use your
# language's quotation marks.

## Sync: changes made on this phone wait in a queue until the server has them

# The status line above the list. $n: how many changes wait.
js-waiting = { $n ->
    [one] { $n } change waiting to sync
   *[other] { $n } changes waiting to sync
}
# Asked before logging out. $n: how many changes have not reached the server;
# $username: the person logging out.
js-logout-unsynced = { $n ->
    [one] { $n } change has not synced yet. They stay on this phone and are sent when { $username } logs in here again. Log out anyway?
   *[other] { $n } changes have not synced yet. They stay on this phone and are sent when { $username } logs in here again. Log out anyway?
}
js-log-in-again = Log in again to sync your changes.
js-token-refused = Your changes are kept on this phone, but the server does not accept them from this page. Reload the page to try again.
js-list-deleted = This list was deleted, so changes made to it here could not be saved.
js-not-kept = This phone could not keep that change. Reload the page and make it again.
js-dropped-gone = A change to “{ $name }” was dropped: it is no longer on this list.
js-dropped-gone-unnamed = A change to an item was dropped: it is no longer on this list.
# $reason: why the server refused it (its own words).
js-dropped-invalid = A change to “{ $name }” could not be saved and was dropped ({ $reason }).
js-dropped-invalid-unnamed = A change to an item could not be saved and was dropped ({ $reason }).
# The reason above when the server gave none.
js-not-accepted = not accepted
js-dropped = A change to “{ $name }” could not be saved and was dropped.
js-dropped-unnamed = A change to an item could not be saved and was dropped.
# An undo of a removal that another phone had undone already.
js-conflict-back = “{ $name }” was already back on the list.
js-conflict-back-unnamed = An item was already back on the list.
# A change made here to an item another phone removed meanwhile. $kind: what was done.
js-conflict-removed = “{ $name }” was removed on another phone meanwhile, so your { $kind ->
    [check] check
    [uncheck] uncheck
    [edit] edit
    [move] move
   *[other] change
} was not made.
js-conflict-removed-unnamed = An item was removed on another phone meanwhile, so your { $kind ->
    [check] check
    [uncheck] uncheck
    [edit] edit
    [move] move
   *[other] change
} was not made.
# An edit made here overwrote what another phone had set meanwhile. $what: one or more
# of js-replaced-value / js-replaced-none, joined as a list ("the name “A” and the note “B”").
js-replaced = Your edit of “{ $name }” replaced { $what }, set on another phone meanwhile.
js-replaced-unnamed = Your edit of an item replaced { $what }, set on another phone meanwhile.
# $field: which part of the item; $value: what the other phone had set.
js-replaced-value = { $field ->
    [name] the name “{ $value }”
    [amount] the amount “{ $value }”
    [note] the note “{ $value }”
    [category] the category “{ $value }”
   *[other] the { $field } “{ $value }”
}
# The same when the other phone had emptied it.
js-replaced-none = { $field ->
    [name] the name (none)
    [amount] the amount (none)
    [note] the note (none)
    [category] the category (none)
   *[other] the { $field } (none)
}

## The add box

# $reasons: each refused line with its reason (js-refused-line), joined with "; ".
js-not-added = Not added (fix and add again, or clear the box): { $reasons }.
js-refused-line = “{ $text }”: { $reason }
# What an add did to an item already on the list; several are joined with "; ".
# $amount, $from, $to: amounts as the list writes them ("2 l").
js-merged-already = { $name } was already on the list
js-merged-already-amount = { $name } was already on the list ({ $amount })
js-merged-now = { $name }: now { $amount }
js-merged-changed = { $name }: { $from } → { $to }
# A completion offered under the add box, for a screen reader.
js-complete-with = Complete with { $name }

## The list's rows

# The heading of the items without a category (as the list page names them).
js-group-other = Other
# The heading of the checked items. $n: how many.
js-done-count = Done ({ $n })
# The group of items added on this phone whose category is not known yet.
js-just-added = Just added
# Beside an item added on this phone that the server does not have yet.
js-not-synced-yet = not synced yet
# Before an item's name, for a screen reader: what tapping the row does.
js-row-check = Check off
js-row-uncheck = Uncheck
# The bar after removing an item.
js-removed = Removed { $name }.
js-removed-unnamed = Removed an item.
js-undo = Undo
# The estimated total above the list. $amount: a sum of money ("12.40 EUR").
js-total = Estimated total: { $amount }
js-total-unpriced = { $n ->
    [one] { $n } item without a known price
   *[other] { $n } items without a known price
}

## The connection, shown above the list

js-state-live = Live
js-state-reconnecting = Reconnecting…
js-state-offline = Offline
# $time: the time of day of the last sync ("14:05").
js-synced-at = synced { $time }

## The edit sheet

# $reason: why the server refused the edit (its own words).
js-sheet-not-saved = Not saved: { $reason }. Change it and save again, or cancel.

## A store's aisle order

# $category: the category moved; $position: its place now (1 is first).
js-order-saved = Saved: { $category } is now number { $position }.
# $reason: what went wrong (often js-server-answered).
js-order-not-saved = The new order was not saved ({ $reason }). Reload the page to see the saved order, then try again.
# $status: an HTTP status code.
js-server-answered = the server answered { $status }

## Screen and camera

# $reason: the browser's own words.
js-wake-lock-failed = The screen cannot be kept on here ({ $reason }).
js-camera-unavailable = The camera is not available here; type the number instead.

## Notifications on this phone (a list's settings)

js-push-needs-https = This browser cannot get notifications from aisle here: it needs aisle over HTTPS (see TLS in the admin's guide).
js-push-blocked = Notifications are blocked for aisle in this browser; allow them in the site's settings, then try again.
js-push-no-key = aisle cannot send notifications right now (its push key is missing); ask the admin to check the server's log.
js-push-on = This phone gets notifications now. Choose above what to be told about this list.
js-push-off = This phone gets no more notifications from aisle.
js-push-start = Get notifications on this phone
js-push-stop = Stop notifications on this phone
# $reason: what went wrong (the server's words, or js-push-answered).
js-push-failed = That did not work: { $reason }. Check the connection and try again.
# $status: an HTTP status code.
js-push-answered = aisle answered { $status }

## Inviting someone to the household

js-invite-copied = Link copied. Paste it into a message to the person you invite.
js-invite-copy-failed = The link could not be copied: select it above and copy it by hand.
# The title of the link when shared to another app.
js-invite-share-title = Join our household on aisle
js-invite-share-failed = The link could not be shared: copy it instead.
js-passkey-cancelled = No passkey was used. Try again, or use your password.
js-passkey-failed = The passkey did not work here. Try again, or use your password.
js-passkey-password-wrong = The password is wrong: type your current password, then add the passkey.
