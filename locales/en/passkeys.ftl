# Passkeys: Settings → Passkeys (/settings/passkeys) and the login page's passkey button.
# See docs/TRANSLATING.md.

settings-passkeys-manage = Passkeys…
passkeys-title = Passkeys
passkeys-intro = A passkey logs you in with your phone's screen lock (fingerprint, face or PIN) or a security key, instead of your password and any code. Add one on each phone you use.
passkeys-none = You have no passkeys yet.
# $date: when the passkey was added.
passkeys-made = added { $date }
# $date: when it last logged someone in.
passkeys-used = last used { $date }
passkeys-remove = Remove
passkeys-name = Name of the new passkey
passkeys-name-placeholder = e.g. Anna's phone
passkeys-default-name = Passkey
passkeys-add = Add a passkey
passkeys-needs-script = Adding a passkey needs JavaScript.
passkeys-unavailable = Passkeys work only when the server is reached at an https:// address with a name (for example one set up with the server's own certificates), or at localhost. Ask whoever runs it to set its public address.
# $name: the passkey's name.
passkeys-added = Passkey “{ $name }” added. It logs you in from the login page.
passkeys-removed = Passkey “{ $name }” removed.
passkeys-sign-in = Log in with a passkey
passkeys-sign-in-refused = that passkey was not accepted: it may have been removed, or belong to another server; log in with your password
