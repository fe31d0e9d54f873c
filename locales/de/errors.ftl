# Fehlerseiten

error-title-400 = Das ließ sich nicht lesen
error-title-401 = Bitte melde dich an
error-title-403 = Nicht erlaubt
error-title-404 = Nicht gefunden
error-title-409 = Das kollidiert mit einer anderen Änderung
error-title-410 = Dieser Link gilt nicht mehr
error-title-413 = Zu viel auf einmal
error-title-422 = Bitte prüfe deine Eingabe
error-title-429 = Zu viele Versuche
error-title-500 = Etwas ist schiefgegangen
error-title-502 = Ein Dienst, den aisle gefragt hat, antwortete unbrauchbar
error-title-503 = Gerade nicht verfügbar
error-title-504 = Ein Dienst, den aisle gefragt hat, antwortete nicht rechtzeitig

error-default-400 = etwas am Gesendeten ließ sich nicht lesen; geh zurück, lade die Seite neu und versuche es noch einmal
error-default-401 = du musst dich zuerst anmelden
error-default-403 = das darfst du nicht
error-default-404 = unter dieser Adresse gibt es nichts; es wurde vielleicht gelöscht, oder der Link ist veraltet
error-default-409 = das kollidiert mit einer Änderung von eben; lade die Seite neu und versuche es noch einmal
error-default-413 = das war mehr, als aisle auf einmal annimmt; schicke weniger oder teile es auf
error-default-422 = etwas Gesendetes hatte keine Form, die aisle versteht; geh zurück, lade die Seite neu und versuche es noch einmal
error-default-429 = das waren zu viele Versuche; warte kurz und versuche es noch einmal
error-default-500 = auf dem Server ist etwas schiefgegangen; es wurde protokolliert, versuche es gleich noch einmal
error-default-502 = ein Dienst, auf den aisle angewiesen ist, gab keine brauchbare Antwort; versuche es später noch einmal
error-default-503 = der Server ist beschäftigt oder noch nicht bereit; versuche es gleich noch einmal
error-not-found = hier gibt es nichts: es wurde vielleicht gelöscht, oder der Link ist veraltet
error-busy = die Datenbank ist beschäftigt; versuche es gleich noch einmal
error-too-many = zu viele Versuche; versuche es in { $wait } noch einmal
wait-seconds = { $n ->
    [one] 1 Sekunde
   *[other] { $n } Sekunden
}
wait-minutes = { $n ->
    [one] etwa 1 Minute
   *[other] etwa { $n } Minuten
}
wait-hours = { $n ->
    [one] etwa 1 Stunde
   *[other] etwa { $n } Stunden
}

error-go-back = Zurück
error-your-lists = Deine Listen
error-log-in = Anmelden
error-code = Fehlercode { $code }

offline-title = Offline
offline-heading = Du bist offline
offline-text = Diese Seite ist auf diesem Handy nicht gespeichert. Listen, die du schon einmal geöffnet hast, funktionieren auch offline, und was du dort änderst, wird aufbewahrt und gesendet, sobald die Verbindung wieder da ist.
offline-try = Zu deinen Listen
