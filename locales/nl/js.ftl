# Wat de paginascripts (assets/*.js) zeggen. Eenheden en geld komen uit main.ftl.

## Synchroniseren: wijzigingen op deze telefoon wachten tot de server ze heeft

js-waiting = { $n ->
    [one] { $n } wijziging wacht op synchronisatie
   *[other] { $n } wijzigingen wachten op synchronisatie
}
js-logout-unsynced = { $n ->
    [one] { $n } wijziging is nog niet gesynchroniseerd. Ze blijft op deze telefoon en wordt verstuurd als { $username } hier weer inlogt. Toch uitloggen?
   *[other] { $n } wijzigingen zijn nog niet gesynchroniseerd. Ze blijven op deze telefoon en worden verstuurd als { $username } hier weer inlogt. Toch uitloggen?
}
js-log-in-again = Log opnieuw in om je wijzigingen te synchroniseren.
js-token-refused = Je wijzigingen blijven op deze telefoon bewaard, maar de server accepteert ze niet vanaf deze pagina. Laad de pagina opnieuw om het nog eens te proberen.
js-list-deleted = Deze lijst is verwijderd, dus wijzigingen die je hier maakte, konden niet worden opgeslagen.
js-not-kept = Deze telefoon kon die wijziging niet bewaren. Laad de pagina opnieuw en doe het nog eens.
js-dropped-gone = Een wijziging aan ‘{ $name }’ is vervallen: het staat niet meer op deze lijst.
js-dropped-gone-unnamed = Een wijziging aan een artikel is vervallen: het staat niet meer op deze lijst.
js-dropped-invalid = Een wijziging aan ‘{ $name }’ kon niet worden opgeslagen en is vervallen ({ $reason }).
js-dropped-invalid-unnamed = Een wijziging aan een artikel kon niet worden opgeslagen en is vervallen ({ $reason }).
js-not-accepted = niet geaccepteerd
js-dropped = Een wijziging aan ‘{ $name }’ kon niet worden opgeslagen en is vervallen.
js-dropped-unnamed = Een wijziging aan een artikel kon niet worden opgeslagen en is vervallen.
js-conflict-back = ‘{ $name }’ stond al weer op de lijst.
js-conflict-back-unnamed = Een artikel stond al weer op de lijst.
js-conflict-removed = ‘{ $name }’ is intussen op een andere telefoon verwijderd, dus { $kind ->
    [check] je afvinken is
    [uncheck] je vinkje weghalen is
    [edit] je bewerking is
    [move] je verplaatsing is
   *[other] je wijziging is
} niet uitgevoerd.
js-conflict-removed-unnamed = Een artikel is intussen op een andere telefoon verwijderd, dus { $kind ->
    [check] je afvinken is
    [uncheck] je vinkje weghalen is
    [edit] je bewerking is
    [move] je verplaatsing is
   *[other] je wijziging is
} niet uitgevoerd.
js-replaced = Je bewerking van ‘{ $name }’ heeft { $what } vervangen, intussen ingesteld op een andere telefoon.
js-replaced-unnamed = Je bewerking van een artikel heeft { $what } vervangen, intussen ingesteld op een andere telefoon.
js-replaced-value = { $field ->
    [name] de naam ‘{ $value }’
    [amount] de hoeveelheid ‘{ $value }’
    [note] de notitie ‘{ $value }’
    [category] de categorie ‘{ $value }’
   *[other] { $field } ‘{ $value }’
}
js-replaced-none = { $field ->
    [name] de naam (leeg)
    [amount] de hoeveelheid (leeg)
    [note] de notitie (leeg)
    [category] de categorie (leeg)
   *[other] { $field } (leeg)
}

## Het invoervak

js-not-added = Niet toegevoegd (verbeter en voeg opnieuw toe, of maak het vak leeg): { $reasons }.
js-refused-line = ‘{ $text }’: { $reason }
js-merged-already = { $name } stond al op de lijst
js-merged-already-amount = { $name } stond al op de lijst ({ $amount })
js-merged-now = { $name }: nu { $amount }
js-merged-changed = { $name }: { $from } → { $to }
js-complete-with = Aanvullen met { $name }

## De rijen van de lijst

js-group-other = Overig
js-done-count = Afgevinkt ({ $n })
js-just-added = Net toegevoegd
js-not-synced-yet = nog niet gesynchroniseerd
js-row-check = Afvinken
js-row-uncheck = Vinkje weghalen
js-removed = { $name } verwijderd.
js-removed-unnamed = Een artikel verwijderd.
js-undo = Ongedaan maken
js-total = Geschat totaal: { $amount }
js-total-unpriced = { $n ->
    [one] { $n } artikel zonder bekende prijs
   *[other] { $n } artikelen zonder bekende prijs
}

## De verbinding, boven de lijst

js-state-live = Live
js-state-reconnecting = Opnieuw verbinden…
js-state-offline = Offline
js-synced-at = gesynchroniseerd om { $time }

## Het bewerkvenster

js-sheet-not-saved = Niet opgeslagen: { $reason }. Pas het aan en sla opnieuw op, of annuleer.

## De volgorde van de gangpaden in een winkel

js-order-saved = Opgeslagen: { $category } staat nu op plaats { $position }.
js-order-not-saved = De nieuwe volgorde is niet opgeslagen ({ $reason }). Laad de pagina opnieuw om de opgeslagen volgorde te zien, en probeer het dan nog eens.
js-server-answered = de server antwoordde { $status }

## Scherm en camera

js-wake-lock-failed = Het scherm kan hier niet aan blijven ({ $reason }).
js-camera-unavailable = De camera is hier niet beschikbaar; typ het nummer in.

## Meldingen op deze telefoon (instellingen van een lijst)

js-push-needs-https = Deze browser kan hier geen meldingen van aisle krijgen: daarvoor moet aisle via HTTPS werken (zie TLS in de handleiding voor beheerders).
js-push-blocked = Meldingen van aisle zijn geblokkeerd in deze browser; sta ze toe in de instellingen van de site en probeer het opnieuw.
js-push-no-key = aisle kan nu geen meldingen sturen (de push-sleutel ontbreekt); vraag de beheerder om het log van de server te bekijken.
js-push-on = Deze telefoon krijgt nu meldingen. Kies hierboven waarover je iets wilt horen over deze lijst.
js-push-off = Deze telefoon krijgt geen meldingen meer van aisle.
js-push-start = Meldingen krijgen op deze telefoon
js-push-stop = Meldingen stoppen op deze telefoon
js-push-failed = Dat werkte niet: { $reason }. Controleer de verbinding en probeer het opnieuw.
js-push-answered = aisle antwoordde { $status }

## Iemand uitnodigen voor het huishouden

js-invite-copied = Link gekopieerd. Plak hem in een bericht aan degene die je uitnodigt.
js-invite-copy-failed = De link kon niet worden gekopieerd: selecteer hem hierboven en kopieer hem zelf.
js-invite-share-title = Word lid van ons huishouden op aisle
js-invite-share-failed = De link kon niet worden gedeeld: kopieer hem in plaats daarvan.
js-passkey-cancelled = Er is geen passkey gebruikt. Probeer het opnieuw, of gebruik je wachtwoord.
js-passkey-failed = De passkey werkte hier niet. Probeer het opnieuw, of gebruik je wachtwoord.
js-passkey-password-wrong = Het wachtwoord klopt niet: typ je huidige wachtwoord en voeg dan de passkey toe.
