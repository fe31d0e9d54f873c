# Single Sign-on über den Identitätsanbieter des Haushalts (OpenID Connect): die Schaltfläche
# der Anmeldeseite, Einstellungen → Single Sign-on (/settings/sso) und die E-Mail-Adressen
# für die Anmeldung auf der Haushaltsseite. Siehe docs/TRANSLATING.md.

sso-provider-default = Single Sign-on
sso-log-in = Mit Single Sign-on anmelden
sso-log-in-with = Mit { $provider } anmelden
sso-unknown = Du hast dich bei { $provider } angemeldet, aber mit dieser Anmeldung ist hier kein Konto verknüpft. Melde dich mit deinem Passwort an und verknüpfe dein Konto unter Einstellungen → Single Sign-on, oder bitte den Admin deines Haushalts, deine E-Mail-Adresse bei deinem Konto einzutragen.
settings-sso-manage = Single Sign-on …
sso-title = Single Sign-on
sso-intro = Verknüpfe dein Konto mit deiner Anmeldung bei { $provider }. Dann meldet dich die Schaltfläche auf der Anmeldeseite ohne dein Passwort von hier an. Dein Passwort funktioniert weiterhin.
sso-not-linked = Dein Konto ist noch nicht mit { $provider } verknüpft.
sso-is-linked = Dein Konto ist mit deiner Anmeldung bei { $provider } verknüpft.
sso-is-linked-as = Dein Konto ist mit deiner Anmeldung bei { $provider } ({ $who }) verknüpft.
sso-linked-on = verknüpft am { $date }
sso-link = Mit { $provider } verknüpfen
sso-unlink = Verknüpfung aufheben
sso-linked = Dein Konto ist jetzt verknüpft ({ $who }). Mit der Single-Sign-on-Schaltfläche auf der Anmeldeseite meldest du dich an.
sso-unlink-no-password = Dein Konto hat hier kein Passwort: Ohne die Verknüpfung kämst du nicht mehr hinein. Bitte zuerst den Admin deines Haushalts, dir ein Passwort zu setzen.
sso-unlinked = Dein Konto ist nicht mehr verknüpft. Melde dich mit deinem Passwort an.

## Haushaltsseite (Admins)

household-sso-on = Single Sign-on
household-sso-email = E-Mail-Adresse für Single Sign-on
household-sso-email-for = E-Mail-Adresse, mit der sich { $username } beim Identitätsanbieter anmeldet
household-sso-email-save = Speichern
household-sso-unlink = Single Sign-on trennen
household-sso-email-set = { $name } wird bei der ersten Anmeldung per Single Sign-on über { $email } verknüpft (der Identitätsanbieter muss diese E-Mail-Adresse bestätigen).
household-sso-email-removed = { $name } hat keine E-Mail-Adresse für Single Sign-on mehr.
household-sso-unlinked = { $name } meldet sich nicht mehr per Single Sign-on an.
household-sso-email-invalid = „{ $email }“ ist keine E-Mail-Adresse wie anna@example.org.
household-sso-email-taken = Ein anderes Konto hat { $email } schon für Single Sign-on: Jede E-Mail-Adresse verknüpft nur ein Konto.

## Wenn Single Sign-on niemanden angemeldet hat

sso-error-unavailable = Single Sign-on ist auf diesem Server nicht eingerichtet.
sso-error-busy = Gerade laufen zu viele Single-Sign-on-Anmeldungen. Versuch es in ein paar Minuten noch einmal.
sso-error-expired = Diese Single-Sign-on-Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Fang auf der Anmeldeseite neu an.
sso-error-provider = Der Identitätsanbieter war nicht erreichbar oder gab eine Antwort, mit der dieser Server nichts anfangen kann. Versuch es später noch einmal oder melde dich mit deinem Passwort an.
sso-error-refused = Die Antwort des Identitätsanbieters hat die Prüfungen dieses Servers nicht bestanden. Fang auf der Anmeldeseite neu an; passiert es immer wieder, bitte die Person, die den Server betreibt, in sein Protokoll zu schauen.
sso-error-denied = Der Identitätsanbieter hat dich nicht angemeldet ({ $code }). Fang auf der Anmeldeseite neu an oder melde dich mit deinem Passwort an.
