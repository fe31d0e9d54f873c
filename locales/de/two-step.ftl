# Zweistufige Anmeldung: der Code, den aisle nach dem Passwort verlangt (/login/code),
# das Einrichten in den Einstellungen (/settings/two-step) und das Zurücksetzen durch einen
# Admin auf der Haushaltsseite. Siehe docs/TRANSLATING.md.

## Nach dem richtigen Passwort

login-code-title = Zweistufige Anmeldung
login-code-label = Code aus deiner Authenticator-App
login-code-hint = Die sechs Ziffern, die die App gerade anzeigt. Handy verloren? Gib stattdessen einen deiner Wiederherstellungscodes ein.
login-code-submit = Anmelden
login-code-restart = Noch einmal mit dem Passwort beginnen
login-code-wrong = dieser Code stimmt nicht: gib die sechs Ziffern ein, die die App gerade anzeigt (jeder Code gilt nur einmal), oder einen deiner Wiederherstellungscodes
login-code-expired = Die Anmeldung hat zu lange auf ihren Code gewartet. Melde dich noch einmal mit deinem Passwort an.

## Einstellungen

settings-two-step = Zweistufige Anmeldung
settings-two-step-is-on = Ein: Beim Anmelden fragt aisle nach deinem Passwort und einem Code aus deiner Authenticator-App.
settings-two-step-is-off = Aus: Du meldest dich nur mit deinem Passwort an.
settings-two-step-manage = Zweistufige Anmeldung …

## Einstellungen → zweistufige Anmeldung (/settings/two-step)

two-step-title = Zweistufige Anmeldung
two-step-intro = Mit der zweistufigen Anmeldung fragt aisle beim Anmelden nach deinem Passwort und einem sechsstelligen Code aus einer Authenticator-App auf deinem Handy. Wer dein Passwort erfährt, kommt trotzdem nicht hinein.
two-step-codes-title = Deine Wiederherstellungscodes
two-step-codes-save = Bewahre diese Codes sicher und getrennt von deinem Handy auf: ausgedruckt oder in einem Passwort-Manager. Jeder meldet dich einmal an, falls du dein Handy verlierst. Sie werden nur jetzt angezeigt.
two-step-on = Die zweistufige Anmeldung ist eingeschaltet
two-step-codes-left = { $n ->
    [0] Keine Wiederherstellungscodes mehr: Erstelle unten neue.
    [one] Noch ein Wiederherstellungscode übrig.
   *[other] Noch { $n } Wiederherstellungscodes übrig.
}
two-step-password = Dein Passwort, zur Bestätigung
two-step-new-codes = Neue Wiederherstellungscodes erstellen
two-step-turn-off = Zweistufige Anmeldung ausschalten
two-step-off = Die zweistufige Anmeldung ist ausgeschaltet
two-step-set-up = Authenticator-App einrichten
two-step-scan = Scanne diesen Code mit deiner Authenticator-App
two-step-qr = QR-Code zum Scannen mit einer Authenticator-App
two-step-type-instead = Oder gib diesen Schlüssel in der App ein:
two-step-open-app = Auf diesem Handy? Schlüssel in der Authenticator-App öffnen
two-step-first-code = Der sechsstellige Code, den die App gerade anzeigt
two-step-confirm = Einschalten
two-step-code-wrong = dieser Code stimmt nicht: prüfe, ob die App den gerade hinzugefügten Eintrag zeigt, und gib seine aktuellen sechs Ziffern ein
two-step-password-wrong = das Passwort ist falsch
two-step-turned-off = Die zweistufige Anmeldung ist ausgeschaltet. Du meldest dich nur mit deinem Passwort an.
two-step-back = Zurück zu den Einstellungen

## Die Haushaltsseite (Admins)

household-two-step-on = mehr als ein Passwort
household-reset-two-step = Zweistufige Anmeldung und Passkeys zurücksetzen
household-factors-reset = { $name } meldet sich jetzt nur mit dem Passwort an und kann die zweistufige Anmeldung und Passkeys neu einrichten.
