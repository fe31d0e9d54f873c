# Die Listen des Haushalts, eine Liste, einen Eintrag bearbeiten, eine Liste löschen und
# was die Listenseiten nach einer Änderung sagen. Siehe docs/TRANSLATING.md.

## Die Listen (die Startseite)

lists-title = Listen
lists-heading = Deine Listen
lists-none = Noch keine Listen. Leg unten eine an.
lists-to-get = { $n ->
    [one] { $n } Eintrag offen
   *[other] { $n } Einträge offen
}
lists-new-label = Name der neuen Liste
lists-new-placeholder = Neue Liste, z. B. Wocheneinkauf
lists-create = Anlegen
lists-archived = Archivierte Listen ({ $n })

## Eine Liste: Leiste, Verbindung, Laden

list-all-lists = Alle Listen
list-archived-badge = archiviert
list-keep-screen-on = Bildschirm anlassen
list-no-store-html = Standardreihenfolge · <a href="/household#stores">Leg einen Laden an</a>, um nach seinen Gängen zu sortieren
list-aisle-order = Reihenfolge
list-aisle-order-default = Standard
list-aisle-order-use = Übernehmen

## Eine Liste: hinzufügen, Vorschläge, Summe

list-removed = { $n ->
    [one] { $n } Eintrag entfernt.
   *[other] { $n } Einträge entfernt.
}
list-undo = Rückgängig
list-add-label = Einträge hinzufügen (einer pro Zeile oder durch Kommas getrennt)
list-add-placeholder = 2 l Milch, 1 Brot, 3 Eier
list-add = Hinzufügen
list-suggestions = Vorschläge
list-due-soon = Bald wieder fällig
list-due-add = { $name } hinzufügen: { $why }
list-not-now = Nicht jetzt
list-not-now-label = Nicht jetzt: { $name }
list-due-days = { $every ->
    [one] etwa jeden Tag
   *[other] etwa alle { $every } Tage
}, zuletzt gekauft { $ago ->
    [0] heute
    [1] gestern
   *[other] vor { $ago } Tagen
}
list-due-weeks = { $every ->
    [one] etwa jede Woche
   *[other] etwa alle { $every } Wochen
}, zuletzt gekauft { $ago ->
    [0] heute
    [1] gestern
   *[other] vor { $ago } Tagen
}
list-due-months = { $every ->
    [one] etwa jeden Monat
   *[other] etwa alle { $every } Monate
}, zuletzt gekauft { $ago ->
    [0] heute
    [1] gestern
   *[other] vor { $ago } Tagen
}
list-templates = Vorlagen
list-add-template = Vorlage { $name } hinzufügen ({ $n ->
    [one] { $n } Eintrag
   *[other] { $n } Einträge
})
list-staples = Grundvorrat
list-add-staple = { $name } aus dem Grundvorrat hinzufügen
list-often = Oft gekauft
list-add-name = { $name } hinzufügen
list-complete = Zeile vervollständigen
list-total = Geschätzte Summe: { $amount }
list-unpriced = { $n ->
    [one] { $n } Eintrag ohne bekannten Preis
   *[other] { $n } Einträge ohne bekannten Preis
}
list-empty = Noch nichts auf dieser Liste.

## Eine Liste: die Zeilen

list-check-off = Abhaken:
list-uncheck = Haken entfernen:
# $name muss ganz am Ende stehen (das Skript der Seite hängt den Namen an).
list-edit-label = Bearbeiten: { $name }
list-remove-label = Entfernen: { $name }
list-done = Erledigt
list-done-count = Erledigt ({ $n })
list-clear = Abgehakte entfernen

## Eine Liste: Bearbeiten-Dialog, Einkaufen, Einstellungen der Liste

list-edit-title = Eintrag bearbeiten
list-name = Name
list-amount = Menge
list-amount-placeholder = z. B. 2, 500 g, ½ Tasse
list-note = Notiz
list-note-placeholder = z. B. bio
list-category = Kategorie
list-save = Speichern
list-cancel = Abbrechen
list-going-shopping = Ich gehe einkaufen
list-done-shopping = Fertig mit Einkaufen
list-settings = Einstellungen der Liste
list-name-label = Name der Liste
list-rename = Umbenennen
list-archive = Archivieren
list-unarchive = Wieder verwenden
list-history = Verlauf
list-delete = Liste löschen…
list-watch = Sag mir Bescheid zu dieser Liste:
list-watch-added = wenn andere Einträge hinzufügen
list-watch-shopping = wenn jemand einkaufen geht oder fertig ist
list-push-on = Benachrichtigungen auf diesem Handy
list-template-name = Name der Vorlage
list-template-placeholder = Name der Vorlage, z. B. Woche
list-save-template = Als Vorlage speichern
list-template = Vorlage „{ $name }“: { $items }
list-delete-template-label = Vorlage { $name } löschen
list-delete-template = Löschen

## Einen Eintrag bearbeiten (die Seite ohne JavaScript)

item-edit-title = Eintrag bearbeiten
item-name = Name
item-quantity = Menge
item-quantity-placeholder = z. B. 2
item-unit = Einheit
item-unit-none = keine
item-note = Notiz
item-note-placeholder = z. B. bio
item-category = Kategorie
item-save = Speichern
item-cancel = Abbrechen

## Eine Liste löschen

list-delete-title = Liste löschen
list-delete-heading = „{ $name }“ löschen?
list-delete-warning = { $n ->
    [0] Die Liste ist dann für alle im Haushalt weg. Das lässt sich nicht rückgängig machen.
    [one] Die Liste und ihr Eintrag sind dann für alle im Haushalt weg. Das lässt sich nicht rückgängig machen.
   *[other] Die Liste und ihre { $n } Einträge sind dann für alle im Haushalt weg. Das lässt sich nicht rückgängig machen.
}
list-delete-confirm = Liste löschen
list-delete-keep = Behalten

## Eine Bestätigung, für die man ein Passwort oder einen Namen eintippt

confirm-cancel = Abbrechen

## Nach einer Änderung (oben auf der Listenseite)

list-renamed = Liste umbenannt.
list-archived = Liste archiviert.
list-unarchived = Liste wieder in Gebrauch.
list-deleted = Liste gelöscht.
list-delete-unconfirmed = Zum Löschen einer Liste musst du bestätigen: Tipp auf der Bestätigungsseite auf „Liste löschen“.
list-store-refused = `{ $value }` ist kein Laden.
list-merged-already = { $name } stand schon auf der Liste
list-merged-already-amount = { $name } stand schon auf der Liste ({ $amount })
list-merged-now = { $name }: jetzt { $amount }
list-merged-changed = { $name }: { $from } → { $to }
list-added = { $n ->
    [one] { $n } Eintrag hinzugefügt.
   *[other] { $n } Einträge hinzugefügt.
}
list-not-added = Nicht hinzugefügt (korrigieren und nochmal hinzufügen oder das Feld leeren): { $reasons }.
list-restored = { $n ->
    [one] { $n } Eintrag zurückgeholt.
   *[other] { $n } Einträge zurückgeholt.
}
list-restore-none = Nichts zum Zurückholen: `ids` muss Eintragsnummern wie 1,2,3 enthalten.
item-unit-refused = `{ $value }` ist keine Einheit, die aisle kennt.
item-category-refused = `{ $value }` ist keine Kategorie.
list-not-now-said = { $days ->
    [one] „{ $name }“ wird { $days } Tag lang nicht mehr vorgeschlagen.
   *[other] „{ $name }“ wird { $days } Tage lang nicht mehr vorgeschlagen.
}
list-template-saved = Vorlage „{ $name }“ gespeichert: Du kannst sie bei den Vorschlägen jeder Liste hinzufügen.
list-template-replaced = Vorlage „{ $name }“ gespeichert, die alte ist ersetzt.
list-template-added = { $n ->
    [one] { $n } Eintrag aus der Vorlage hinzugefügt.
   *[other] { $n } Einträge aus der Vorlage hinzugefügt.
}
list-template-deleted = Vorlage gelöscht.
