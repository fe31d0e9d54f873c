# The household page (members, invites, language, currency, notifications, import,
# stores, deletion) and a store's page (its aisle order). See docs/TRANSLATING.md.

## Members

household-members = Members
# A member's role, as a badge beside their name and in the invite form's choice.
household-role-member = member
household-role-admin = admin
household-new-password-for = New password for { $username }
household-new-password = New password
household-reset-password = Reset password
household-remove = Remove
household-server-admin = Server admin: jobs, backups and instance admins
household-you-instance-admin = (you are an instance admin)

## Invites

household-invite = Invite someone
household-invite-send = Send this link (single use, valid 7 days):
household-invite-copy = Copy link
household-invite-share = Share link…
household-invite-qr = QR code of the invite link above: scan it with the other phone's camera to open the link
household-invite-scan = Or scan this code with the other phone's camera.
household-role = Role
household-create-invite = Create invite link
# $role is household-role-member or household-role-admin; $date the day it expires.
household-invite-pending = Invite ({ $role }), expires { $date }
household-revoke = Revoke

## The household's language: it names the default categories

household-language = Household language
household-language-help = The household's language names the categories it started with. Categories you renamed keep their names.
household-language-label = Language
# $language is the language's own name ("Deutsch").
household-language-current = This household speaks { $language }.
# An option of the choice for a language with some messages missing.
household-language-partial = { $language } (partly translated)

## Currency, notifications and import

household-currency = Currency
household-currency-label = Prices and totals in
household-save = Save
household-hooks = Notifications to your own services
# $ntfy becomes a link to ntfy.sh, with "ntfy" as its text.
household-hooks-help = aisle can tell an { $ntfy } topic or a webhook (Home Assistant, Node-RED) when someone adds items to a list or goes shopping. Both can stay on your home network. Leave an address empty to turn it off; an ntfy token is kept until you give another or remove the topic.
household-ntfy-url = ntfy topic address
household-ntfy-token = ntfy access token
household-ntfy-token-set = ntfy access token (one is set)
household-webhook-url = Webhook address (gets JSON)
household-import = Import
household-import-help = Add the lists, history and more of another app, or of an aisle export, to this household. Nothing here is replaced; open items go on lists, done ones into the history behind suggestions. Lines that cannot be read are left out and listed, and a file that cannot be read at all adds nothing.
# "From" which app the import comes.
household-import-from = From
household-import-aisle = aisle (an export, .json)
household-import-text = a pasted list or text file (one item a line)
household-import-csv = a spreadsheet (.csv)
household-import-home-assistant = Home Assistant shopping list (.shopping_list.json)
household-import-ical = to-dos: Local To-do, Nextcloud Tasks (.ics)
household-import-google-keep = Google Keep, from Takeout (a note's .json)
household-import-grocy = Grocy (its address and an API key, no file)
household-import-mealie = Mealie (its address and an API token, no file)
household-import-kitchenowl = KitchenOwl (its address and a long-lived token, no file)
household-import-tandoor = Tandoor (its address and an API token, no file)
household-import-file = File
household-import-url = Address (for the apps read through their API)
household-import-token = API token

## Stores

household-stores = Stores
household-stores-help = Each store keeps its own aisle order of categories.
household-store-name = Store name
household-store-placeholder = New store, e.g. Corner market
household-add-store = Add store

## Deleting the household

# The heading, the confirmation page's title and its button.
household-delete = Delete the household
household-delete-help = Removes its lists, stores, products, prices and members for good (backups keep them until they age out).
household-delete-start = Delete the household…
household-delete-message = Everything of “{ $name }” will be deleted for good: every list, item, store and member account. Export it first if you may want it back.
household-delete-prompt = Type the household's name ({ $name }) to confirm
household-delete-mismatch = type the name exactly as shown: { $name }

## What the page says after a change

household-invite-revoked = Invite revoked.
household-member-removed = { $name } was removed from the household.
# $n is how many of their API tokens were revoked with the reset.
household-password-reset = { $n ->
    [0] { $name }'s password was reset; they must log in again.
    [one] { $name }'s password was reset; they must log in again, and their 1 API token was revoked.
   *[other] { $name }'s password was reset; they must log in again, and their { $n } API tokens were revoked.
}
household-deleted = The household “{ $name }” was deleted.
household-currency-saved = Prices are now in { $currency }.
household-language-saved = The household's language is now { $language }.
# A language code the form does not offer (only a tampered form sends one).
household-language-unknown = `{ $code }` is not a language aisle has; choose one from the list

## A store's page: the order its aisles are walked in

store-help = The order you walk the aisles in. Lists using this store are sorted this way. Drag a category by its handle (≡), or use its arrows.
store-locked = Locked: this order stays as it is. Unlock it to let aisle keep learning from the order you check items off here.
# $n: how many more shopping trips learning needs.
store-learning = { $n ->
    [one] aisle learns this store's order from the order you check items off while shopping here, keeping what you place by hand. It needs { $n } more shopping trip with this store chosen on the list.
   *[other] aisle learns this store's order from the order you check items off while shopping here, keeping what you place by hand. It needs { $n } more shopping trips with this store chosen on the list.
}
# $n: how many shopping trips the order was learned from.
store-learned = { $n ->
    [one] Learned from your last shopping trip here. What you place by hand stays where you put it.
   *[other] Learned from your last { $n } shopping trips here. What you place by hand stays where you put it.
}
# Badges beside a category: where its place came from.
store-placed-by-you = placed by you
store-placed-by-you-title = You placed it here
store-learned-badge = learned
store-learned-title = Learned from your shopping trips
store-move-up = Move { $category } up
store-move-down = Move { $category } down
store-unlock = Unlock the order
store-lock = Lock the order
store-forget = Forget my placements
store-name = Store name
store-rename = Rename
store-delete = Delete store
store-renamed = Store renamed.
store-deleted = Store deleted.
store-locked-now = Order locked: it stays as it is until you unlock it.
store-unlocked-now = Order unlocked: aisle learns it from your shopping again.
store-forgotten = Your placements are forgotten: aisle orders this store from your shopping.
