# Was die Skripte der Seiten (assets/*.js) sagen. Siehe locales/en/js.ftl.

## Synchronisieren

js-waiting = { $n ->
    [one] { $n } Änderung wartet auf Synchronisierung
   *[other] { $n } Änderungen warten auf Synchronisierung
}
js-logout-unsynced = { $n ->
    [one] { $n } Änderung ist noch nicht synchronisiert. Sie bleibt auf diesem Handy und wird gesendet, sobald sich { $username } hier wieder anmeldet. Trotzdem abmelden?
   *[other] { $n } Änderungen sind noch nicht synchronisiert. Sie bleiben auf diesem Handy und werden gesendet, sobald sich { $username } hier wieder anmeldet. Trotzdem abmelden?
}
js-log-in-again = Melde dich wieder an, damit deine Änderungen synchronisiert werden.
js-token-refused = Deine Änderungen bleiben auf diesem Handy, aber der Server nimmt sie von dieser Seite nicht an. Lade die Seite neu und versuch es noch mal.
js-list-deleted = Diese Liste wurde gelöscht, deshalb konnten die Änderungen, die du hier gemacht hast, nicht gespeichert werden.
js-not-kept = Dieses Handy konnte die Änderung nicht speichern. Lade die Seite neu und mach sie noch mal.
js-dropped-gone = Eine Änderung an „{ $name }“ wurde verworfen: Der Eintrag ist nicht mehr auf dieser Liste.
js-dropped-gone-unnamed = Eine Änderung an einem Eintrag wurde verworfen: Er ist nicht mehr auf dieser Liste.
js-dropped-invalid = Eine Änderung an „{ $name }“ konnte nicht gespeichert werden und wurde verworfen ({ $reason }).
js-dropped-invalid-unnamed = Eine Änderung an einem Eintrag konnte nicht gespeichert werden und wurde verworfen ({ $reason }).
js-not-accepted = nicht angenommen
js-dropped = Eine Änderung an „{ $name }“ konnte nicht gespeichert werden und wurde verworfen.
js-dropped-unnamed = Eine Änderung an einem Eintrag konnte nicht gespeichert werden und wurde verworfen.
js-conflict-back = „{ $name }“ war schon wieder auf der Liste.
js-conflict-back-unnamed = Ein Eintrag war schon wieder auf der Liste.
js-conflict-removed = „{ $name }“ wurde inzwischen auf einem anderen Handy entfernt, deshalb { $kind ->
    [check] wurde der Eintrag nicht abgehakt
    [uncheck] wurde der Haken nicht entfernt
    [edit] wurde deine Bearbeitung nicht übernommen
    [move] wurde der Eintrag nicht verschoben
   *[other] wurde deine Änderung nicht übernommen
}.
js-conflict-removed-unnamed = Ein Eintrag wurde inzwischen auf einem anderen Handy entfernt, deshalb { $kind ->
    [check] wurde er nicht abgehakt
    [uncheck] wurde der Haken nicht entfernt
    [edit] wurde deine Bearbeitung nicht übernommen
    [move] wurde er nicht verschoben
   *[other] wurde deine Änderung nicht übernommen
}.
js-replaced = Deine Bearbeitung von „{ $name }“ hat { $what } ersetzt (inzwischen auf einem anderen Handy geändert).
js-replaced-unnamed = Deine Bearbeitung eines Eintrags hat { $what } ersetzt (inzwischen auf einem anderen Handy geändert).
js-replaced-value = { $field ->
    [name] den Namen „{ $value }“
    [amount] die Menge „{ $value }“
    [note] die Notiz „{ $value }“
    [category] die Kategorie „{ $value }“
   *[other] { $field } „{ $value }“
}
js-replaced-none = { $field ->
    [name] den Namen (leer)
    [amount] die Menge (keine)
    [note] die Notiz (keine)
    [category] die Kategorie (keine)
   *[other] { $field } (leer)
}

## Das Eingabefeld

js-not-added = Nicht hinzugefügt (korrigier es und füg es noch mal hinzu, oder leere das Feld): { $reasons }.
js-refused-line = „{ $text }“: { $reason }
js-merged-already = { $name } war schon auf der Liste
js-merged-already-amount = { $name } war schon auf der Liste ({ $amount })
js-merged-now = { $name }: jetzt { $amount }
js-merged-changed = { $name }: { $from } → { $to }
js-complete-with = Mit { $name } vervollständigen

## Die Einträge der Liste

js-group-other = Sonstiges
js-done-count = Erledigt ({ $n })
js-just-added = Gerade hinzugefügt
js-not-synced-yet = noch nicht synchronisiert
js-row-check = Abhaken
js-row-uncheck = Haken entfernen
js-removed = { $name } entfernt.
js-removed-unnamed = Eintrag entfernt.
js-undo = Rückgängig
js-total = Geschätzte Summe: { $amount }
js-total-unpriced = { $n ->
    [one] { $n } Artikel ohne bekannten Preis
   *[other] { $n } Artikel ohne bekannten Preis
}

## Die Verbindung

js-state-live = Verbunden
js-state-reconnecting = Verbinde neu…
js-state-offline = Offline
js-synced-at = synchronisiert um { $time }

## Das Bearbeiten-Fenster

js-sheet-not-saved = Nicht gespeichert: { $reason }. Ändere es und speichere noch mal, oder brich ab.

## Die Reihenfolge der Gänge eines Geschäfts

js-order-saved = Gespeichert: { $category } ist jetzt auf Platz { $position }.
js-order-not-saved = Die neue Reihenfolge wurde nicht gespeichert ({ $reason }). Lade die Seite neu, um die gespeicherte Reihenfolge zu sehen, und versuch es dann noch mal.
js-server-answered = der Server antwortete mit { $status }

## Bildschirm und Kamera

js-wake-lock-failed = Der Bildschirm kann hier nicht eingeschaltet bleiben ({ $reason }).
js-camera-unavailable = Die Kamera ist hier nicht verfügbar; gib die Nummer stattdessen ein.

## Benachrichtigungen auf diesem Handy

js-push-needs-https = Dieser Browser kann hier keine Benachrichtigungen von aisle bekommen: Dafür muss aisle über HTTPS laufen (siehe TLS in der Anleitung für Admins).
js-push-blocked = Benachrichtigungen von aisle sind in diesem Browser blockiert; erlaube sie in den Website-Einstellungen und versuch es dann noch mal.
js-push-no-key = aisle kann gerade keine Benachrichtigungen senden (der Push-Schlüssel fehlt); bitte den Admin, das Protokoll des Servers zu prüfen.
js-push-on = Dieses Handy bekommt jetzt Benachrichtigungen. Wähle oben, worüber du bei dieser Liste informiert werden willst.
js-push-off = Dieses Handy bekommt keine Benachrichtigungen mehr von aisle.
js-push-start = Benachrichtigungen auf diesem Handy bekommen
js-push-stop = Benachrichtigungen auf diesem Handy beenden
js-push-failed = Das hat nicht geklappt: { $reason }. Prüf die Verbindung und versuch es noch mal.
js-push-answered = aisle antwortete mit { $status }

## Jemanden in den Haushalt einladen

js-invite-copied = Link kopiert. Füg ihn in eine Nachricht an die Person ein, die du einlädst.
js-invite-copy-failed = Der Link konnte nicht kopiert werden: Markier ihn oben und kopier ihn von Hand.
js-invite-share-title = Komm in unseren Haushalt bei aisle
js-invite-share-failed = Der Link konnte nicht geteilt werden: Kopier ihn stattdessen.
js-passkey-cancelled = Es wurde kein Passkey verwendet. Versuch es noch mal oder nimm dein Passwort.
js-passkey-failed = Der Passkey hat hier nicht funktioniert. Versuch es noch mal oder nimm dein Passwort.
js-passkey-password-wrong = Das Passwort ist falsch: Gib dein aktuelles Passwort ein und füge dann den Passkey hinzu.
