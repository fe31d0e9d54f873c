# Autour de chaque page. Voir docs/TRANSLATING.md.

language-name = Français

## L'en-tête et son menu

menu = Menu
menu-main = Principal
menu-lists = Listes
menu-products = Produits
menu-household = Foyer
menu-settings = Réglages ({ $username })
menu-logout = Se déconnecter
page-description = aisle : la liste de courses partagée de votre foyer, en direct sur chaque téléphone et utilisable hors ligne.

## Argent et dates

money = { $amount } { $currency }
date = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Il y a combien de temps

ago-now = à l'instant
ago-minutes = { $n ->
    [one] il y a { $n } minute
   *[other] il y a { $n } minutes
}
ago-hours = { $n ->
    [one] il y a { $n } heure
   *[other] il y a { $n } heures
}
ago-yesterday = hier
ago-days = il y a { $n } jours

## Unités après une quantité ($n est la quantité)

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
    [one] tasse
   *[other] tasses
}
unit-tbsp = c. à s.
unit-tsp = c. à c.
unit-pt = pt
unit-qt = qt
unit-gal = gal
unit-can = { $n ->
    [one] conserve
   *[other] conserves
}
unit-jar = { $n ->
    [one] pot
   *[other] pots
}
unit-bottle = { $n ->
    [one] bouteille
   *[other] bouteilles
}
unit-pack = { $n ->
    [one] paquet
   *[other] paquets
}
unit-bag = { $n ->
    [one] sachet
   *[other] sachets
}
unit-box = { $n ->
    [one] boîte
   *[other] boîtes
}
unit-loaf = { $n ->
    [one] miche
   *[other] miches
}
unit-bunch = { $n ->
    [one] botte
   *[other] bottes
}
unit-head = { $n ->
    [one] tête
   *[other] têtes
}
unit-clove = { $n ->
    [one] gousse
   *[other] gousses
}
unit-slice = { $n ->
    [one] tranche
   *[other] tranches
}
unit-piece = { $n ->
    [one] pièce
   *[other] pièces
}

## Les catégories par défaut, nommées dans cette langue quand un foyer est créé dans celle-ci

category-produce = Fruits & légumes
category-bakery = Boulangerie
category-meat = Viande & poisson
category-dairy = Produits laitiers & œufs
category-frozen = Surgelés
category-pantry = Épicerie
category-snacks = Snacks & confiseries
category-beverages = Boissons
category-household = Entretien
category-personal = Hygiène & beauté
category-baby = Bébé
category-pets = Animaux
category-other = Autres
