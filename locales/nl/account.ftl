# Het account: inloggen, aisle instellen, lid worden via een uitnodigingslink, de eigen
# certificaatautoriteit van de server vertrouwen, en instellingen. Zie docs/TRANSLATING.md.

## Een taal kiezen (instellingen en installatie)

account-language-browser = Zoals mijn browser zegt
account-language-partly = { $language } (deels vertaald)
account-language-unknown = aisle kent deze taal niet; kies er een uit de lijst

## Inloggen en uitloggen (/login)

login-title = Inloggen
login-username = Gebruikersnaam
login-password = Wachtwoord
login-submit = Inloggen
login-no-account = Nog geen account? Vraag iemand in je huishouden om een uitnodigingslink.
login-wrong = onjuiste gebruikersnaam of onjuist wachtwoord
logout-done = Je bent uitgelogd.

## aisle instellen (/setup): het eerste huishouden en de beheerder

setup-title = aisle instellen
setup-heading = Welkom bij aisle
setup-intro = Maak je huishouden en de eerste beheerder aan.
setup-household = Naam van het huishouden
setup-currency = Valuta voor prijzen en totalen
setup-currency-hint = Een code van drie letters, zoals EUR, USD of GBP, voorgesteld op basis van de regio van je browser; je kunt dit later wijzigen op de pagina van het huishouden.
setup-language = Taal van het huishouden
setup-language-hint = De standaardcategorieën van het huishouden krijgen namen in deze taal (Groente & fruit, Brood & gebak…); je kunt dit later wijzigen op de pagina van het huishouden.
setup-username = Je gebruikersnaam
setup-password = Wachtwoord (minstens 8 tekens)
setup-submit = Huishouden aanmaken
setup-welcome = Welkom! Maak hieronder je eerste lijst.

## Lid worden via een uitnodigingslink (/invite/…)

join-title = Lid worden
join-heading = Word lid van { $household }
join-intro = Kies een gebruikersnaam en wachtwoord om lid te worden van dit huishouden op aisle.
join-username = Gebruikersnaam
join-password = Wachtwoord (minstens 8 tekens)
join-submit = Lid worden
join-welcome = Welkom bij { $household }!

## De eigen certificaatautoriteit van de server vertrouwen (/ca)

ca-title = Deze server vertrouwen
ca-heading = Deze aisle-server vertrouwen
ca-intro = Deze server maakt zijn eigen certificaten voor je thuisnetwerk. Installeer de certificaatautoriteit één keer op elke telefoon, dan vertrouwt de browser aisle via HTTPS — zo werkt aisle offline en kan het de camera gebruiken voor barcodes.
ca-download = Certificaat downloaden (aisle-ca.crt)
ca-android = Android
ca-android-download = Download het certificaat hierboven.
ca-android-open = Ga naar dit menu (de namen verschillen een beetje per telefoon; zoek in Instellingen naar ‘CA-certificaat’):
ca-android-path = Instellingen → Beveiliging en privacy → Meer beveiligingsinstellingen → Versleuteling en inloggegevens → Een certificaat installeren → CA-certificaat
ca-android-confirm = Bevestig ‘Toch installeren’ en kies aisle-ca.crt uit Downloads.
ca-open-https = Open aisle opnieuw met een adres dat begint met https://.
ca-ios = iPhone en iPad
ca-ios-download = Open deze pagina in Safari en download het certificaat; sta het downloaden van het profiel toe.
ca-ios-open = Ga naar dit menu:
ca-ios-profiles-path = Instellingen → Algemeen → VPN en apparaatbeheer
ca-ios-install = Tik op het profiel ‘aisle local CA’ en dan op Installeer.
ca-ios-trust-path = Instellingen → Algemeen → Info → Certificaatvertrouwensinstellingen
ca-ios-trust = Zet volledig vertrouwen aan voor ‘aisle local CA’.
ca-key-note = De certificaatautoriteit kan alleen instaan voor de namen van deze server; houd de datamap privé, want de sleutel staat daar.

## Instellingen (/settings)

settings-title = Instellingen
settings-language = Taal
settings-language-choose = Je taal
settings-language-hint = Op elk apparaat waarop je inlogt.
settings-language-save = Taal opslaan
settings-language-saved = Taal opgeslagen.
settings-password = Wachtwoord wijzigen
settings-password-current = Huidig wachtwoord
settings-password-new = Nieuw wachtwoord (minstens 8 tekens)
settings-password-end-tokens = Ook mijn API-tokens intrekken (scripts en apps die ze gebruiken hebben dan nieuwe nodig)
settings-password-submit = Wachtwoord wijzigen
settings-password-wrong = het huidige wachtwoord klopt niet
settings-password-changed = Wachtwoord gewijzigd. Andere apparaten zijn uitgelogd.
settings-password-changed-kept = { $n ->
    [one] Wachtwoord gewijzigd. Andere apparaten zijn uitgelogd. Je API-token werkt nog.
   *[other] Wachtwoord gewijzigd. Andere apparaten zijn uitgelogd. Je { $n } API-tokens werken nog.
}
settings-password-changed-revoked = { $n ->
    [one] Wachtwoord gewijzigd. Andere apparaten zijn uitgelogd en je API-token is ingetrokken.
   *[other] Wachtwoord gewijzigd. Andere apparaten zijn uitgelogd en je { $n } API-tokens zijn ingetrokken.
}
settings-tokens = API-tokens
settings-token-new = Je nieuwe token (alleen nu zichtbaar, kopieer hem):
settings-tokens-none = Geen tokens.
settings-token-made = ({ $username }, aangemaakt op { $date })
settings-token-revoke = Intrekken
settings-token-name = Naam van de token
settings-token-name-placeholder = Naam van de token, bijv. Home Assistant
settings-token-create = Token aanmaken
settings-token-revoked = Token ingetrokken.
settings-data = Je gegevens
settings-export = Huishouden exporteren (JSON)
settings-delete = Mijn account verwijderen…

## Het eigen account verwijderen (/settings/delete)

settings-delete-title = Je account verwijderen
settings-delete-message = Je account, je inlogsessies en je API-tokens worden verwijderd. De lijsten van het huishouden blijven voor de anderen.
settings-delete-prompt = Je wachtwoord, ter bevestiging
settings-delete-submit = Mijn account verwijderen
settings-delete-wrong = het wachtwoord klopt niet
settings-delete-only-member = je bent het enige lid van het huishouden: verwijder in plaats daarvan het huishouden (pagina Huishouden)
settings-delete-only-admin = je bent de enige beheerder van het huishouden: nodig eerst een andere beheerder uit, of verwijder het huishouden
settings-deleted = Je account is verwijderd.

## Meldingen na het opslaan: meldingen over een lijst, boodschappen doen, en de
## meldingsadressen van het huishouden (ntfy-topic, webhook)

flash-watch-off = Je krijgt geen meldingen over deze lijst.
flash-watch-no-phone = Opgeslagen. Zet meldingen aan op je telefoon (hieronder) om ze te krijgen; het ntfy-topic of de webhook van het huishouden krijgt ze ook.
flash-watch-phones = Opgeslagen: je telefoons krijgen een melding.
flash-shopping-going = Wie erom vroeg, hoort dat je boodschappen gaat doen.
flash-shopping-done = Wie erom vroeg, hoort dat je klaar bent met boodschappen doen.
flash-hooks-saved = Meldingsadressen opgeslagen.
flash-hooks-token-dropped = Meldingsadressen opgeslagen. De ntfy-token is niet bewaard: het topic staat nu op een andere server; geef de token van die server op als die er een nodig heeft.
