# Single sign-on via de identiteitsprovider van het huishouden (OpenID Connect): de knop op
# de inlogpagina, Instellingen → Single sign-on (/settings/sso) en de e-mailadressen om mee
# in te loggen op de pagina van het huishouden. Zie docs/TRANSLATING.md.

sso-provider-default = single sign-on
sso-log-in = Inloggen met single sign-on
sso-log-in-with = Inloggen met { $provider }
sso-unknown = Je bent ingelogd bij { $provider }, maar hier is geen account aan die aanmelding gekoppeld. Log in met je wachtwoord en koppel je account via Instellingen → Single sign-on, of vraag de beheerder van je huishouden om je e-mailadres aan je account toe te voegen.
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
sso-unlinked = Je account is niet meer gekoppeld: log in met je wachtwoord.

## Pagina van het huishouden (beheerders)

household-sso-on = single sign-on
household-sso-email = e-mailadres voor single sign-on
household-sso-email-for = E-mailadres waarmee { $username } inlogt bij de identiteitsprovider
household-sso-email-save = Opslaan
household-sso-unlink = Single sign-on ontkoppelen
household-sso-email-set = { $name } wordt bij de eerste keer inloggen met single sign-on gekoppeld via { $email } (de identiteitsprovider moet dat e-mailadres bevestigen).
household-sso-email-removed = { $name } heeft geen e-mailadres voor single sign-on meer.
household-sso-unlinked = { $name } logt niet meer in met single sign-on.
