# Foutpagina's: hun koppen, en wat ze zeggen als er niets preciezers bekend is.

error-title-400 = Dat kon niet gelezen worden
error-title-401 = Log eerst in
error-title-403 = Niet toegestaan
error-title-404 = Niet gevonden
error-title-409 = Dat botst met een andere wijziging
error-title-410 = Deze link werkt niet meer
error-title-413 = Te veel tegelijk
error-title-422 = Controleer wat je hebt ingevuld
error-title-429 = Te veel pogingen
error-title-500 = Er ging iets mis
error-title-502 = Een slecht antwoord van een dienst die aisle vroeg
error-title-503 = Nu niet beschikbaar
error-title-504 = Een dienst die aisle vroeg, antwoordde niet op tijd

error-default-400 = iets in wat er is verstuurd kon niet gelezen worden; ga terug, laad de pagina opnieuw en probeer het nog eens
error-default-401 = je moet eerst inloggen
error-default-403 = dat mag je niet doen
error-default-404 = er staat niets op dit adres; het is misschien verwijderd, of de link is verouderd
error-default-409 = dat botst met een wijziging die intussen is gemaakt; laad de pagina opnieuw en probeer het nog eens
error-default-413 = dat was meer dan aisle in één keer aanneemt; stuur minder, of verdeel het in delen
error-default-422 = iets wat er is verstuurd had een vorm die aisle niet begrijpt; ga terug, laad de pagina opnieuw en probeer het nog eens
error-default-429 = er waren te veel pogingen; wacht even en probeer het nog eens
error-default-500 = er ging iets mis op de server; het is vastgelegd, dus probeer het zo nog eens
error-default-502 = een dienst waar aisle op rekent, gaf geen bruikbaar antwoord; probeer het later nog eens
error-default-503 = de server is bezet of nog niet klaar; probeer het zo nog eens
error-not-found = hier staat niets: het is misschien verwijderd, of de link is verouderd
error-busy = de database is bezet; probeer het zo nog eens
error-too-many = te veel pogingen; probeer het over { $wait } nog eens
wait-seconds = { $n ->
    [one] 1 seconde
   *[other] { $n } seconden
}
wait-minutes = { $n ->
    [one] ongeveer 1 minuut
   *[other] ongeveer { $n } minuten
}
wait-hours = { $n ->
    [one] ongeveer 1 uur
   *[other] ongeveer { $n } uur
}

error-go-back = Terug
error-your-lists = Je lijsten
error-log-in = Inloggen
error-code = Foutcode { $code }

offline-title = Offline
offline-heading = Je bent offline
offline-text = Deze pagina is niet op deze telefoon bewaard. Lijsten die je eerder hebt geopend, werken nog offline, en wijzigingen die je daar maakt worden bewaard en verstuurd zodra de verbinding terug is.
offline-try = Naar je lijsten
