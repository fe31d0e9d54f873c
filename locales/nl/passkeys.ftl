# Passkeys: Instellingen → Passkeys (/settings/passkeys) en de passkeyknop op de
# inlogpagina. Zie docs/TRANSLATING.md.

settings-passkeys-manage = Passkeys…
passkeys-title = Passkeys
passkeys-intro = Met een passkey kun je inloggen met de schermvergrendeling van je telefoon (vingerafdruk, gezicht of pincode) of met een beveiligingssleutel, zonder wachtwoord of code. Voeg er een toe op elke telefoon die je gebruikt.
passkeys-none = Je hebt nog geen passkeys.
passkeys-made = toegevoegd op { $date }
passkeys-used = laatst gebruikt op { $date }
passkeys-remove = Verwijderen
passkeys-name = Naam van de nieuwe passkey
passkeys-name-placeholder = bijv. telefoon van Anna
passkeys-default-name = Passkey
passkeys-add = Een passkey toevoegen
passkeys-needs-script = Voor het toevoegen van een passkey is JavaScript nodig.
passkeys-unavailable = Passkeys werken alleen als de server bereikt wordt via een https://-adres met een naam (bijvoorbeeld een adres dat is ingesteld met de eigen certificaten van de server), of via localhost. Vraag degene die hem beheert om het openbare adres in te stellen.
passkeys-added = Passkey ‘{ $name }’ toegevoegd. Je kunt er nu mee inloggen op de inlogpagina.
passkeys-removed = Passkey ‘{ $name }’ verwijderd.
passkeys-sign-in = Inloggen met een passkey
passkeys-sign-in-refused = die passkey werd niet geaccepteerd: misschien is hij verwijderd, of hoort hij bij een andere server; gebruik je wachtwoord om in te loggen
