# Die Produktseite (Barcode, Suche, selbst anlegen) und die Seite eines Produkts (Preise
# und ihr Verlauf).

products-title = Produkte
products-barcode = Barcode scannen oder eintippen
products-barcode-label = Barcode-Nummer
products-barcode-placeholder = z. B. 3017620422003
products-look-up = Nachschlagen
products-add-it = Selbst anlegen
products-scan = Mit der Kamera scannen
products-search = Suchen
products-search-label = Produkte suchen
products-search-placeholder = Deine Produkte durchsuchen
products-search-online = Online suchen
products-none = Noch keine Produkte: Scanne eins, suche online oder lege unten eins an.
products-no-match = Keins deiner Produkte passt zu „{ $query }“.
products-staple = Stammartikel
products-from-off = Von Open Food Facts
products-none-online = Online nichts gefunden.
products-by-hand = Produkt selbst anlegen
products-name = Name
products-brand = Marke (optional)
products-barcode-optional = Barcode (optional)
products-add = Produkt anlegen
products-lookup-filled-in = Im Formular unten ist der Barcode schon eingetragen.
products-lookup-by-hand = Du kannst es unten selbst anlegen: Der Barcode ist schon eingetragen.

## Ein Produkt

product-picture = Bild von { $name }
product-no-barcode = kein Barcode
product-list = Liste
product-add-to-list = Auf die Liste
product-unsave = Aus den Stammartikeln entfernen
product-save = Als Stammartikel speichern
product-prices = Preise
product-no-prices = Noch keine Preise.
product-chart = Preisverlauf vom { $from } bis { $to }, zwischen { $low } und { $high }
product-chart-caption = { $from } – { $to } · niedrigster { $low } · höchster { $high }
product-add-price = Preis eintragen
product-price = Preis
product-price-placeholder = 2,49
product-currency = Währung
product-store = Geschäft
product-pack = Packungsgröße (optional)
product-pack-placeholder = z. B. 1 l
product-date = Datum
product-save-price = Preis speichern
product-all-prices = Alle Preise ({ $n })
product-source-you = von dir
product-saved = Als Stammartikel gespeichert.
product-unsaved = Kein Stammartikel mehr.
product-added = { $name } hinzugefügt.
product-price-saved = Preis gespeichert.
