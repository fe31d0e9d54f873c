# Single sign-on through the household's identity provider (OpenID Connect): the login
# page's button, Settings → Single sign-on (/settings/sso) and the Household page's
# sign-in emails. See docs/TRANSLATING.md.

# The provider's name when whoever runs the server gave none.
sso-provider-default = single sign-on
sso-log-in = Log in with single sign-on
# $provider: the identity provider's name, e.g. Authelia.
sso-log-in-with = Log in with { $provider }
# $provider: the identity provider's name.
sso-unknown = You signed in at { $provider }, but no account here is linked to that sign-in. Log in with your password and link it in Settings → Single sign-on, or ask your household's admin to give your account your email address.
settings-sso-manage = Single sign-on…
sso-title = Single sign-on
# $provider: the identity provider's name.
sso-intro = Link your account to your sign-in at { $provider }: the login page's button then logs you in without your password here. Your password keeps working.
sso-not-linked = Your account is not linked to { $provider } yet.
sso-is-linked = Your account is linked to your sign-in at { $provider }.
# $who: the email the provider gave.
sso-is-linked-as = Your account is linked to your sign-in at { $provider } ({ $who }).
# $date: when the link was made.
sso-linked-on = linked { $date }
sso-link = Link to { $provider }
sso-unlink = Unlink
# $who: the email or username the provider gave.
sso-linked = Your account is now linked ({ $who }). The login page's single sign-on button logs you in.
sso-unlink-no-password = Your account has no password here, so unlinking it would lock you out. Ask your household's admin to set you a password first.
sso-unlinked = Your account is no longer linked: log in with your password.

## Household page (admins)

household-sso-on = single sign-on
household-sso-email = email for single sign-on
# $username: the member.
household-sso-email-for = Email { $username } signs in with at the identity provider
household-sso-email-save = Save
household-sso-unlink = Unlink single sign-on
# $name: the member; $email: the email given.
household-sso-email-set = When { $name } first logs in with single sign-on as { $email }, their account is linked (the identity provider must vouch for that email).
household-sso-email-removed = { $name } has no email for single sign-on any more.
household-sso-unlinked = { $name } no longer logs in with single sign-on.
# $email: what was typed.
household-sso-email-invalid = “{ $email }” is not an email address such as anna@example.org.
household-sso-email-taken = Another account has { $email } for single sign-on already: each email links one account.

## When single sign-on did not sign anyone in

sso-error-unavailable = Single sign-on is not set up on this server.
sso-error-busy = Too many single sign-ons are under way. Try again in a few minutes.
sso-error-expired = This single sign-on has expired, or was started in another browser. Start again from the login page.
sso-error-provider = The identity provider could not be reached, or gave an answer this server cannot use. Try again later, or log in with your password.
sso-error-refused = The identity provider's answer failed this server's checks. Start again from the login page; if it keeps happening, ask whoever runs the server to look at its log.
# $code: the provider's error code, e.g. access_denied.
sso-error-denied = The identity provider did not sign you in ({ $code }). Start again from the login page, or log in with your password.
