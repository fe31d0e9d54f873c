# De productenpagina (barcode, zoeken, zelf toevoegen) en de pagina van één product
# (prijzen en grafiek). Zie docs/TRANSLATING.md.

products-title = Producten
products-barcode = Scan of typ een barcode
products-barcode-label = Barcodenummer
products-barcode-placeholder = bijv. 3017620422003
products-look-up = Opzoeken
products-add-it = Zelf toevoegen
products-scan = Scannen met de camera
products-search = Zoeken
products-search-label = Producten zoeken
products-search-placeholder = Zoek in je producten
products-search-online = Online zoeken
products-none = Nog geen producten: scan er een, zoek online of voeg er hieronder een toe.
products-no-match = Niets in je producten past bij ‘{ $query }’.
products-staple = vast
products-from-off = Van Open Food Facts
products-none-online = Online niets gevonden.
products-by-hand = Zelf een product toevoegen
products-name = Naam
products-brand = Merk (optioneel)
products-barcode-optional = Barcode (optioneel)
products-add = Product toevoegen
products-lookup-filled-in = In het formulier hieronder is de barcode al ingevuld.
products-lookup-by-hand = Je kunt het hieronder zelf toevoegen: de barcode is al ingevuld.

## Eén product

product-picture = Afbeelding van { $name }
product-no-barcode = geen barcode
product-list = Lijst
product-add-to-list = Op de lijst zetten
product-unsave = Uit vaste producten halen
product-save = Bewaren als vast product
product-prices = Prijzen
product-no-prices = Nog geen prijzen.
product-chart = Prijsverloop van { $from } tot { $to }, tussen { $low } en { $high }
product-chart-caption = { $from } – { $to } · laagste { $low } · hoogste { $high }
product-add-price = Prijs toevoegen
product-price = Prijs
product-price-placeholder = 2,49
product-currency = Valuta
product-store = Winkel
product-pack = Verpakkingsgrootte (optioneel)
product-pack-placeholder = bijv. 1 l
product-date = Datum
product-save-price = Prijs opslaan
product-all-prices = Alle prijzen ({ $n })
product-source-you = jij
product-saved = Bewaard als vast product.
product-unsaved = Geen vast product meer.
product-added = { $name } toegevoegd.
product-price-saved = Prijs opgeslagen.
