# Inloggen in twee stappen: de code die na het wachtwoord gevraagd wordt (/login/code), het
# instellen in Instellingen (/settings/two-step), en het resetten door een beheerder op de
# pagina van het huishouden. Zie docs/TRANSLATING.md.

## Na een juist wachtwoord

login-code-title = Inloggen in twee stappen
login-code-label = Code uit je authenticator-app
login-code-hint = De zes cijfers die de app nu toont. Telefoon kwijt? Typ dan een van je herstelcodes.
login-code-submit = Inloggen
login-code-restart = Opnieuw beginnen met je wachtwoord
login-code-wrong = die code klopt niet: typ de zes cijfers die de app nu toont (elke code werkt één keer), of een van je herstelcodes
login-code-expired = Het inloggen wachtte te lang op de code. Begin opnieuw met je wachtwoord.

## Instellingen

settings-two-step = Inloggen in twee stappen
settings-two-step-is-on = Aan: bij het inloggen vraagt aisle om je wachtwoord en een code uit je authenticator-app.
settings-two-step-is-off = Uit: je logt in met alleen je wachtwoord.
settings-two-step-manage = Inloggen in twee stappen…

## Instellingen → inloggen in twee stappen (/settings/two-step)

two-step-title = Inloggen in twee stappen
two-step-intro = Met inloggen in twee stappen vraagt aisle bij het inloggen om je wachtwoord en een code van zes cijfers uit een authenticator-app op je telefoon. Wie je wachtwoord te weten komt, kan dan nog steeds niet binnen.
two-step-codes-title = Je herstelcodes
two-step-codes-save = Bewaar deze codes op een veilige plek, niet bij je telefoon: afgedrukt of in een wachtwoordmanager. Met elke code kun je één keer inloggen als je je telefoon kwijtraakt. Ze worden alleen nu getoond.
two-step-on = Inloggen in twee stappen staat aan
two-step-codes-left = { $n ->
    [0] Geen herstelcodes meer: maak hieronder nieuwe aan.
    [one] Nog één herstelcode over.
   *[other] Nog { $n } herstelcodes over.
}
two-step-password = Je wachtwoord, ter bevestiging
two-step-new-codes = Nieuwe herstelcodes maken
two-step-turn-off = Inloggen in twee stappen uitzetten
two-step-off = Inloggen in twee stappen staat uit
two-step-set-up = Een authenticator-app instellen
two-step-scan = Scan deze code met je authenticator-app
two-step-qr = QR-code om te scannen met een authenticator-app
two-step-type-instead = Of typ deze sleutel in de app:
two-step-open-app = Op deze telefoon? Open de sleutel in je authenticator-app
two-step-first-code = De code van zes cijfers die de app nu toont
two-step-confirm = Aanzetten
two-step-code-wrong = die code klopt niet: controleer of de app de zojuist toegevoegde vermelding toont, en typ de zes cijfers die er nu staan
two-step-password-wrong = het wachtwoord klopt niet
two-step-turned-off = Inloggen in twee stappen staat uit. Je logt nu in met alleen je wachtwoord.
two-step-back = Terug naar de instellingen

## De pagina van het huishouden (beheerders)

household-two-step-on = meer dan een wachtwoord
household-reset-two-step = Inloggen in twee stappen en passkeys resetten
household-factors-reset = { $name } logt nu in met alleen het wachtwoord, en kan inloggen in twee stappen en passkeys opnieuw instellen.
