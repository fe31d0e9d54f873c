# The security log pages (Household → Security log for a household's admins, Admin →
# Security log for instance admins). See docs/TRANSLATING.md.

security-title = Security log
security-link = Security log
# $days: how long entries are kept.
security-intro-household = Sign-ins, lockouts and changes to this household's passwords, tokens, invites and members, newest first. { $days ->
    [one] Entries are kept for one day.
   *[other] Entries are kept for { $days } days.
}
security-intro-instance = Every household's security log, and what belongs to no household (sign-ins with unknown names, restores, deleted households), newest first. { $days ->
    [one] Entries are kept for one day.
   *[other] Entries are kept for { $days } days.
}
security-none = Nothing has been logged yet.
security-older = Older entries
security-back-household = Back to the household
security-back-admin = Back to Admin
security-failed = failed
# $name: who did it, when not the person the entry is about (an admin).
security-by = by { $name }
security-no-household = no household
security-role-granted = instance admin role given
security-role-revoked = instance admin role taken away
# $n: API tokens revoked with the old password.
security-imported = imported from another server
security-lockout-address = this address used up its attempts
security-lockout-username = this username used up its attempts
security-tokens-revoked = { $n ->
    [one] one API token revoked
   *[other] { $n } API tokens revoked
}

## What happened

security-event-login = Sign-in
security-event-lockout = Locked out after too many failed sign-ins
security-event-password-change = Password changed
security-event-password-reset = Password set by an admin
security-event-token-create = API token created
security-event-token-revoke = API token revoked
security-event-invite-create = Invite link made
security-event-invite-revoke = Invite link withdrawn
security-event-join = Joined the household
security-event-setup = Household set up
security-event-member-remove = Member removed
security-event-account-delete = Account deleted by its owner
security-event-role-change = Role changed
security-event-export = Household exported
security-event-import = Imported into the household
security-event-restore = Database restored from a backup
security-event-backup-download = Backup of the whole server downloaded
security-event-household-delete = Household deleted
security-event-factor-add = Sign-in method added
security-event-factor-remove = Sign-in method removed
security-event-factor-reset = Two-step sign-in and passkeys reset
security-event-recovery-codes = New recovery codes made

## How

security-method-password = with a password
security-method-invite = with an invite link
security-method-cli = on the server's command line
security-method-api = through the API
security-method-settings = on the settings page
security-method-totp = with a password and an app code
security-method-recovery-code = with a password and a recovery code
security-method-passkey = with a passkey
# What was turned on or off: a detail of the two-step sign-in entries.
security-factor-totp = authenticator app
security-factor-passkey = passkey
security-method-sso = with single sign-on
security-method-sso-email = by the email an admin gave for single sign-on
security-factor-sso = single sign-on
security-factor-sso-email = email for single sign-on
