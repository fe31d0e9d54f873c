# Die Haushaltsseite und die Seite eines Geschäfts (seine Reihenfolge der Gänge).

## Mitglieder

household-members = Mitglieder
household-role-member = Mitglied
household-role-admin = Admin
household-new-password-for = Neues Passwort für { $username }
household-new-password = Neues Passwort
household-reset-password = Passwort zurücksetzen
household-remove = Entfernen
household-server-admin = Instanz verwalten: Jobs, Backups und Instanz-Admins
household-you-instance-admin = (du bist Instanz-Admin)

## Einladungen

household-invite = Jemanden einladen
household-invite-send = Schick diesen Einladungslink (einmal nutzbar, 7 Tage gültig):
household-invite-copy = Kopieren
household-invite-share = Teilen…
household-invite-qr = QR-Code des Einladungslinks oben: Scanne ihn mit der Kamera des anderen Handys, um die Einladung zu öffnen
household-invite-scan = Oder scanne diesen Code mit der Kamera des anderen Handys.
household-role = Rolle
household-create-invite = Einladungslink erstellen
household-invite-pending = Einladung ({ $role }), gültig bis { $date }
household-revoke = Widerrufen

## Die Sprache des Haushalts

household-language = Sprache des Haushalts
household-language-help = Die Sprache des Haushalts gibt den Kategorien, mit denen er angefangen hat, ihre Namen. Kategorien, die ihr umbenannt habt, behalten ihren Namen.
household-language-label = Sprache
household-language-current = Dieser Haushalt spricht { $language }.
household-language-partial = { $language } (teilweise übersetzt)

## Währung, Benachrichtigungen und Import

household-currency = Währung
household-currency-label = Preise und Summen in
household-save = Speichern
household-hooks = Benachrichtigungen an eigene Dienste
household-hooks-help = aisle kann einem { $ntfy }-Topic oder einem Webhook (Home Assistant, Node-RED) Bescheid geben, wenn jemand Artikel auf eine Liste setzt oder einkaufen geht. Beides kann in eurem Heimnetz bleiben. Lass eine Adresse leer, um sie abzuschalten; ein ntfy-Token bleibt gespeichert, bis du ein anderes angibst oder das Topic entfernst.
household-ntfy-url = Adresse des ntfy-Topics
household-ntfy-token = ntfy-Zugangstoken
household-ntfy-token-set = ntfy-Zugangstoken (eines ist gesetzt)
household-webhook-url = Webhook-Adresse (bekommt JSON)
household-import = Importieren
household-import-help = Übernimm die Listen, den Verlauf und mehr aus einer anderen App oder aus einem aisle-Export in diesen Haushalt. Hier wird nichts ersetzt; offene Artikel kommen auf Listen, erledigte in den Verlauf hinter den Vorschlägen. Zeilen, die sich nicht lesen lassen, werden ausgelassen und aufgezählt, und eine Datei, die sich gar nicht lesen lässt, fügt nichts hinzu.
household-import-from = Quelle
household-import-aisle = aisle (ein Export, .json)
household-import-text = eine eingefügte Liste oder Textdatei (ein Artikel pro Zeile)
household-import-csv = eine Tabelle (.csv)
household-import-home-assistant = Einkaufsliste aus Home Assistant (ihre JSON-Datei)
household-import-ical = Aufgaben: Local To-do, Nextcloud Tasks (.ics)
household-import-google-keep = Google Keep, aus Takeout (die .json einer Notiz)
household-import-grocy = Grocy (Adresse und API-Schlüssel, keine Datei)
household-import-mealie = Mealie (Adresse und API-Token, keine Datei)
household-import-kitchenowl = KitchenOwl (Adresse und langlebiges Token, keine Datei)
household-import-tandoor = Tandoor (Adresse und API-Token, keine Datei)
household-import-file = Datei
household-import-url = Adresse (für Apps, die über ihre API gelesen werden)
household-import-token = API-Token

## Geschäfte

household-stores = Geschäfte
household-stores-help = Jedes Geschäft hat seine eigene Reihenfolge der Kategorien.
household-store-name = Name des Geschäfts
household-store-placeholder = Neues Geschäft, z. B. Markt an der Ecke
household-add-store = Geschäft hinzufügen

## Den Haushalt löschen

household-delete = Haushalt löschen
household-delete-help = Entfernt seine Listen, Geschäfte, Produkte, Preise und Mitglieder endgültig (Backups behalten sie, bis sie aussortiert werden).
household-delete-start = Haushalt löschen…
household-delete-message = Alles von „{ $name }“ wird endgültig gelöscht: jede Liste, jeder Artikel, jedes Geschäft und jedes Mitgliedskonto. Exportiere es vorher, falls du es vielleicht zurückhaben willst.
household-delete-prompt = Gib zur Bestätigung den Namen des Haushalts ein ({ $name })
household-delete-mismatch = gib den Namen genau so ein, wie er dasteht: { $name }

## Nach einer Änderung

household-invite-revoked = Einladung widerrufen.
household-member-removed = { $name } wurde aus dem Haushalt entfernt.
household-password-reset = { $n ->
    [0] Das Passwort von { $name } wurde zurückgesetzt; { $name } muss sich neu anmelden.
    [one] Das Passwort von { $name } wurde zurückgesetzt; { $name } muss sich neu anmelden, und 1 API-Token wurde widerrufen.
   *[other] Das Passwort von { $name } wurde zurückgesetzt; { $name } muss sich neu anmelden, und { $n } API-Tokens wurden widerrufen.
}
household-deleted = Der Haushalt „{ $name }“ wurde gelöscht.
household-currency-saved = Preise sind jetzt in { $currency }.
household-language-saved = Der Haushalt spricht jetzt { $language }.
household-language-unknown = `{ $code }` ist keine Sprache, die aisle kennt; wähle eine aus der Liste

## Die Seite eines Geschäfts: die Reihenfolge seiner Gänge

store-help = Die Reihenfolge, in der du durch die Gänge gehst. Listen mit diesem Geschäft werden so sortiert. Zieh eine Kategorie an ihrem Griff (≡) oder nutze ihre Pfeile.
store-locked = Fixiert: Diese Reihenfolge bleibt, wie sie ist. Gib sie frei, damit aisle weiter aus der Reihenfolge lernt, in der du hier Artikel abhakst.
store-learning = { $n ->
    [one] aisle lernt die Reihenfolge dieses Geschäfts aus der Reihenfolge, in der du hier beim Einkaufen Artikel abhakst, und behält deine eigenen Platzierungen. Dafür braucht es noch { $n } Einkauf mit diesem Geschäft auf der Liste.
   *[other] aisle lernt die Reihenfolge dieses Geschäfts aus der Reihenfolge, in der du hier beim Einkaufen Artikel abhakst, und behält deine eigenen Platzierungen. Dafür braucht es noch { $n } Einkäufe mit diesem Geschäft auf der Liste.
}
store-learned = { $n ->
    [one] Gelernt aus deinem letzten Einkauf hier. Deine eigenen Platzierungen bleiben, wo du sie hingesetzt hast.
   *[other] Gelernt aus deinen letzten { $n } Einkäufen hier. Deine eigenen Platzierungen bleiben, wo du sie hingesetzt hast.
}
store-placed-by-you = von dir platziert
store-placed-by-you-title = Du hast sie hierhin gesetzt
store-learned-badge = gelernt
store-learned-title = Aus deinen Einkäufen gelernt
store-move-up = { $category } nach oben
store-move-down = { $category } nach unten
store-unlock = Reihenfolge freigeben
store-lock = Reihenfolge fixieren
store-forget = Meine Platzierungen vergessen
store-name = Name des Geschäfts
store-rename = Umbenennen
store-delete = Geschäft löschen
store-renamed = Geschäft umbenannt.
store-deleted = Geschäft gelöscht.
store-locked-now = Reihenfolge fixiert: Sie bleibt, wie sie ist, bis du sie freigibst.
store-unlocked-now = Reihenfolge freigegeben: aisle lernt sie wieder aus deinen Einkäufen.
store-forgotten = Deine Platzierungen sind vergessen: aisle ordnet dieses Geschäft nach deinen Einkäufen.
