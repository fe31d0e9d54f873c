# Rund um jede Seite. Siehe docs/TRANSLATING.md.

language-name = Deutsch

## Kopfzeile und Menü

menu = Menü
menu-main = Hauptmenü
menu-lists = Listen
menu-products = Produkte
menu-household = Haushalt
menu-settings = Einstellungen ({ $username })
menu-logout = Abmelden
page-description = aisle: die gemeinsame Einkaufsliste eures Haushalts, live auf jedem Handy und auch offline nutzbar.

## Geld und Datum

money = { $amount } { $currency }
date = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## Wie lange her

ago-now = gerade eben
ago-minutes = { $n ->
    [one] vor einer Minute
   *[other] vor { $n } Minuten
}
ago-hours = { $n ->
    [one] vor einer Stunde
   *[other] vor { $n } Stunden
}
ago-yesterday = gestern
ago-days = vor { $n } Tagen

## Einheiten nach einer Menge ($n ist die Menge)

unit-g = g
unit-kg = kg
unit-mg = mg
unit-ml = ml
unit-cl = cl
unit-dl = dl
unit-l = l
unit-oz = oz
unit-lb = lb
unit-cup = { $n ->
    [one] Tasse
   *[other] Tassen
}
unit-tbsp = EL
unit-tsp = TL
unit-pt = pt
unit-qt = qt
unit-gal = gal
unit-can = { $n ->
    [one] Dose
   *[other] Dosen
}
unit-jar = { $n ->
    [one] Glas
   *[other] Gläser
}
unit-bottle = { $n ->
    [one] Flasche
   *[other] Flaschen
}
unit-pack = { $n ->
    [one] Packung
   *[other] Packungen
}
unit-bag = { $n ->
    [one] Beutel
   *[other] Beutel
}
unit-box = { $n ->
    [one] Schachtel
   *[other] Schachteln
}
unit-loaf = { $n ->
    [one] Laib
   *[other] Laibe
}
unit-bunch = Bund
unit-head = { $n ->
    [one] Kopf
   *[other] Köpfe
}
unit-clove = { $n ->
    [one] Zehe
   *[other] Zehen
}
unit-slice = { $n ->
    [one] Scheibe
   *[other] Scheiben
}
unit-piece = Stück

## Die Standardkategorien eines Haushalts, der auf Deutsch angelegt wird

category-produce = Obst & Gemüse
category-bakery = Backwaren
category-meat = Fleisch & Fisch
category-dairy = Milchprodukte & Eier
category-frozen = Tiefkühl
category-pantry = Vorrat
category-snacks = Snacks & Süßes
category-beverages = Getränke
category-household = Haushalt
category-personal = Körperpflege
category-baby = Baby
category-pets = Haustier
category-other = Sonstiges
