# Single sign-on via de identiteitsprovider van het huishouden (OpenID Connect): de knop op
# de inlogpagina, Instellingen → Single sign-on (/settings/sso) en de e-mailadressen om mee
# in te loggen op de pagina van het huishouden. Zie docs/TRANSLATING.md.

sso-provider-default = single sign-on
sso-log-in = Inloggen met single sign-on
sso-log-in-with = Inloggen met { $provider }
sso-unknown = Je bent ingelogd bij { $provider }, maar hier is geen account aan die aanmelding gekoppeld. Gebruik je wachtwoord om in te loggen en koppel je account via Instellingen → Single sign-on, of vraag de beheerder van je huishouden om je e-mailadres aan je account toe te voegen.
settings-sso-manage = Single sign-on…
sso-title = Single sign-on
sso-intro = Koppel je account aan je aanmelding bij { $provider }: dan logt de knop op de inlogpagina je in zonder je wachtwoord van hier. Je wachtwoord blijft gewoon werken.
sso-not-linked = Je account is nog niet gekoppeld aan { $provider }.
sso-is-linked = Je account is gekoppeld aan je aanmelding bij { $provider }.
sso-is-linked-as = Je account is gekoppeld aan je aanmelding bij { $provider } ({ $who }).
sso-linked-on = gekoppeld op { $date }
sso-link = Koppelen aan { $provider }
sso-unlink = Ontkoppelen
sso-linked = Je account is nu gekoppeld ({ $who }). Met de knop voor single sign-on op de inlogpagina log je in.
sso-unlink-no-password = Je account heeft hier geen wachtwoord: zonder deze koppeling kom je er niet meer in. Vraag eerst de beheerder van je huishouden om een wachtwoord voor je in te stellen.
sso-unlinked = Je account is niet meer gekoppeld: gebruik voortaan je wachtwoord om in te loggen.

## Pagina van het huishouden (beheerders)

household-sso-on = single sign-on
household-sso-email = e-mailadres voor single sign-on
household-sso-email-for = E-mailadres waarmee { $username } inlogt bij de identiteitsprovider
household-sso-email-save = Opslaan
household-sso-unlink = Single sign-on ontkoppelen
household-sso-email-set = { $name } wordt bij de eerste keer inloggen met single sign-on gekoppeld via { $email } (de identiteitsprovider moet dat e-mailadres bevestigen).
household-sso-email-removed = { $name } heeft geen e-mailadres voor single sign-on meer.
household-sso-unlinked = { $name } logt niet meer in met single sign-on.
household-sso-email-invalid = ‘{ $email }’ is geen e-mailadres zoals anna@example.org.
household-sso-email-taken = Een ander account heeft { $email } al voor single sign-on: elk e-mailadres koppelt maar één account.

## Als single sign-on niemand heeft ingelogd

sso-error-unavailable = Single sign-on is op deze server niet ingesteld.
sso-error-busy = Er lopen te veel aanmeldingen met single sign-on tegelijk. Probeer het over een paar minuten opnieuw.
sso-error-expired = Deze aanmelding met single sign-on is verlopen, of is in een andere browser begonnen. Begin opnieuw op de inlogpagina.
sso-error-provider = De identiteitsprovider was niet bereikbaar, of gaf een antwoord waar deze server niets mee kan. Probeer het later opnieuw, of gebruik je wachtwoord om in te loggen.
sso-error-refused = Het antwoord van de identiteitsprovider kwam niet door de controles van deze server. Begin opnieuw op de inlogpagina; blijft het gebeuren, vraag dan degene die de server beheert in het logboek te kijken.
sso-error-denied = De identiteitsprovider heeft je niet ingelogd ({ $code }). Begin opnieuw op de inlogpagina, of gebruik je wachtwoord om in te loggen.
