# Rond elke pagina. Zie docs/TRANSLATING.md.

language-name = Nederlands

## De kopregel en het menu

menu = Menu
menu-main = Hoofdmenu
menu-lists = Lijsten
menu-products = Producten
menu-household = Huishouden
menu-settings = Instellingen ({ $username })
menu-logout = Uitloggen
page-description = aisle: de gedeelde boodschappenlijst van je huishouden, live op elke telefoon en ook offline te gebruiken.

## Geld en datum

money = { $currency } { $amount }
date = { $day } { $month } { $year }
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Hoe lang geleden

ago-now = zojuist
ago-minutes = { $n ->
    [one] een minuut geleden
   *[other] { $n } minuten geleden
}
ago-hours = { $n ->
    [one] een uur geleden
   *[other] { $n } uur geleden
}
ago-yesterday = gisteren
ago-days = { $n } dagen geleden

## Eenheden na een hoeveelheid ($n is de hoeveelheid); de parser leest ze terug

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
    [one] kopje
   *[other] kopjes
}
unit-tbsp = el
unit-tsp = tl
unit-pt = pt
unit-qt = qt
unit-gal = gal
unit-can = { $n ->
    [one] blik
   *[other] blikken
}
unit-jar = { $n ->
    [one] pot
   *[other] potten
}
unit-bottle = { $n ->
    [one] fles
   *[other] flessen
}
unit-pack = { $n ->
    [one] pak
   *[other] pakken
}
unit-bag = { $n ->
    [one] zak
   *[other] zakken
}
# Niet `dozen`: dat leest de parser als het Engelse "dozen" (twaalf).
unit-box = { $n ->
    [one] doos
   *[other] doosjes
}
unit-loaf = { $n ->
    [one] brood
   *[other] broden
}
unit-bunch = { $n ->
    [one] bos
   *[other] bossen
}
unit-head = { $n ->
    [one] krop
   *[other] kroppen
}
unit-clove = { $n ->
    [one] teentje
   *[other] teentjes
}
unit-slice = { $n ->
    [one] plak
   *[other] plakken
}
unit-piece = { $n ->
    [one] stuk
   *[other] stuks
}

## De standaardcategorieën van een huishouden dat in het Nederlands wordt aangemaakt

category-produce = Groente & fruit
category-bakery = Brood & gebak
category-meat = Vlees & vis
category-dairy = Zuivel & eieren
category-frozen = Diepvries
category-pantry = Voorraadkast
category-snacks = Snoep & snacks
category-beverages = Dranken
category-household = Huishouden
category-personal = Verzorging
category-baby = Baby
category-pets = Huisdieren
category-other = Overig
