# Two-step sign-in: the code asked for after the password (/login/code), setting it up in
# Settings (/settings/two-step), and an admin's reset on the Household page. See
# docs/TRANSLATING.md.

## After a right password

login-code-title = Two-step sign-in
login-code-label = Code from your authenticator app
login-code-hint = The six digits the app shows now. Lost your phone? Type one of your recovery codes instead.
login-code-submit = Log in
login-code-restart = Start again with your password
login-code-wrong = that code is not right: type the six digits the app shows now (each code works once), or one of your recovery codes
login-code-expired = The sign-in waited too long for its code. Log in again with your password.

## Settings

settings-two-step = Two-step sign-in
settings-two-step-is-on = On: logging in asks for your password and a code from your authenticator app.
settings-two-step-is-off = Off: your password alone logs you in.
settings-two-step-manage = Two-step sign-in…

## Settings → two-step sign-in (/settings/two-step)

two-step-title = Two-step sign-in
two-step-intro = With two-step sign-in, logging in asks for your password and a six-digit code from an authenticator app on your phone. Someone who learns your password still cannot get in.
two-step-codes-title = Your recovery codes
two-step-codes-save = Keep these codes somewhere safe, away from your phone: printed, or in a password manager. Each one logs you in once if you lose your phone. They are shown only now.
two-step-on = Two-step sign-in is on
# $n: unused recovery codes left.
two-step-codes-left = { $n ->
    [0] No recovery codes left: make new ones below.
    [one] One recovery code left.
   *[other] { $n } recovery codes left.
}
two-step-password = Your password, to confirm
two-step-new-codes = Make new recovery codes
two-step-turn-off = Turn off two-step sign-in
two-step-off = Two-step sign-in is off
two-step-set-up = Set up an authenticator app
two-step-scan = Scan this code with your authenticator app
two-step-qr = QR code to scan with an authenticator app
two-step-type-instead = Or type this key into the app:
two-step-open-app = On this phone? Open the key in your authenticator app
two-step-first-code = The six-digit code the app shows now
two-step-confirm = Turn on
two-step-code-wrong = that code is not right: check that the app shows the entry just added, and type its current six digits
two-step-password-wrong = the password is wrong
two-step-turned-off = Two-step sign-in is off. Your password alone logs you in.
two-step-back = Back to settings

## Household page (admins)

household-two-step-on = more than a password
household-reset-two-step = Reset two-step sign-in and passkeys
household-factors-reset = { $name } now logs in with their password alone, and can set up two-step sign-in and passkeys again.
