# A person's account: logging in, setting aisle up, joining a household by an invite link,
# trusting the server's own certificate authority, and their settings. See
# docs/TRANSLATING.md.

## Choosing a language (settings and setup). Each language is offered under its own name.

# Follow the language the browser asks for (the default).
account-language-browser = As my browser says
# $language is the language's own name ("Français"): one not fully translated yet.
account-language-partly = { $language } (partly translated)
# Something other than one of the offered languages was sent.
account-language-unknown = aisle has no such language; pick one from the list

## Logging in and out (/login)

login-title = Log in
login-username = Username
login-password = Password
login-submit = Log in
login-no-account = No account? Ask someone in your household for an invite link.
# The username or the password is wrong (on purpose, it does not say which).
login-wrong = wrong username or password
logout-done = You are logged out.

## Setting aisle up (/setup): the first household and its admin

setup-title = Set up aisle
setup-heading = Welcome to aisle
setup-intro = Create your household and its first administrator.
setup-household = Household name
setup-currency = Currency for prices and totals
setup-currency-hint = A three-letter code such as EUR, USD or GBP, suggested from your browser's region; the household page can change it later.
setup-language = Language of the household
setup-language-hint = The household's default categories are named in it (Produce, Bakery…); the household page can change it later.
setup-username = Your username
setup-password = Password (at least 8 characters)
setup-submit = Create household
setup-welcome = Welcome! Make your first list below.

## Joining a household by an invite link (/invite/…). $household is its name.

join-title = Join
join-heading = Join { $household }
join-intro = Pick a username and password to join this household on aisle.
join-username = Username
join-password = Password (at least 8 characters)
join-submit = Join
join-welcome = Welcome to { $household }!

## Trusting the server's own certificate authority (/ca, TLS mode local-ca).
## The menu paths are those of the phones' own settings in this language.

ca-title = Trust this server
ca-heading = Trust this aisle server
ca-intro = This server makes its own certificates for your home network. Install its certificate authority once on each phone, and the browser trusts aisle over HTTPS — which lets aisle work offline and use the camera for barcodes.
ca-download = Download the certificate (aisle-ca.crt)
ca-android = Android
ca-android-download = Download the certificate above.
# Followed by the menu path (ca-android-path) on a line of its own.
ca-android-open = Open this menu (names differ a little between phones; search Settings for “CA certificate”):
ca-android-path = Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate
ca-android-confirm = Confirm “Install anyway”, and pick aisle-ca.crt from Downloads.
ca-open-https = Open aisle again with an address starting with https://.
ca-ios = iPhone and iPad
ca-ios-download = Open this page in Safari and download the certificate; allow the profile download.
# Followed by a menu path on a line of its own.
ca-ios-open = Open this menu:
ca-ios-profiles-path = Settings → General → VPN & Device Management
# “aisle local CA” is the profile's name: keep it as it is.
ca-ios-install = Tap the “aisle local CA” profile, then Install.
ca-ios-trust-path = Settings → General → About → Certificate Trust Settings
ca-ios-trust = Turn on full trust for “aisle local CA”.
ca-key-note = The certificate authority can only vouch for this server's names; keep the data directory private, since its key lives there.

## A person's settings (/settings)

settings-title = Settings
settings-language = Language
settings-language-choose = Your language
settings-language-hint = On every device you log in on.
settings-language-save = Save language
# Said in the language just chosen.
settings-language-saved = Language saved.
settings-password = Change your password
settings-password-current = Current password
settings-password-new = New password (at least 8 characters)
settings-password-end-tokens = Also revoke my API tokens (scripts and apps using them must get new ones)
settings-password-submit = Change password
settings-password-wrong = the current password is wrong
settings-password-changed = Password changed. Other devices were logged out.
# $n: how many API tokens the person kept.
settings-password-changed-kept = { $n ->
    [one] Password changed. Other devices were logged out. Your API token still works.
   *[other] Password changed. Other devices were logged out. Your { $n } API tokens still work.
}
# $n: how many API tokens were revoked with the change.
settings-password-changed-revoked = { $n ->
    [one] Password changed. Other devices were logged out, and your API token was revoked.
   *[other] Password changed. Other devices were logged out, and your { $n } API tokens were revoked.
}
settings-tokens = API tokens
settings-token-new = Your new token (shown only now, copy it):
settings-tokens-none = No tokens.
# After a token's name: $username made it, on $date.
settings-token-made = ({ $username }, created { $date })
settings-token-revoke = Revoke
settings-token-name = Token name
settings-token-name-placeholder = Token name, e.g. Home Assistant
settings-token-create = Create token
settings-token-revoked = Token revoked.
settings-data = Your data
settings-export = Export the household (JSON)
settings-delete = Delete my account…

## Deleting one's own account (/settings/delete)

settings-delete-title = Delete your account
settings-delete-message = Your account, its logins and its API tokens will be deleted. The household's lists stay for the others.
settings-delete-prompt = Your password, to confirm
settings-delete-submit = Delete my account
settings-delete-wrong = the password is wrong
settings-delete-only-member = you are the household's only member: delete the household instead (Household page)
settings-delete-only-admin = you are the household's only admin: invite another admin first, or delete the household
settings-deleted = Your account was deleted.

## Said after saving elsewhere: what to be told about a list, going shopping, and the
## household's notification addresses (ntfy topic, webhook)

flash-watch-off = You will not be told about this list.
flash-watch-no-phone = Saved. Turn on notifications on your phone (below) to be told; the household's ntfy topic or webhook hears it too.
flash-watch-phones = Saved: your phones will be told.
flash-shopping-going = The others who asked are told you're going shopping.
flash-shopping-done = The others who asked are told you're done shopping.
flash-hooks-saved = Notification addresses saved.
flash-hooks-token-dropped = Notification addresses saved. The ntfy token was not kept: the topic is on another server now; give that server's token if it needs one.
