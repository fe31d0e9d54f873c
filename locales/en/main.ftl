# Around every page: the language's own name, the menu, and how numbers, money, units
# and times are written. See docs/TRANSLATING.md.

language-name = English

## The header and its menu

menu = Menu
menu-main = Main
menu-lists = Lists
menu-products = Products
menu-household = Household
menu-settings = Settings ({ $username })
menu-logout = Log out
page-description = aisle: your household's shared shopping list, live on every phone and usable offline.

## Money and dates. $amount is already written with this language's decimal mark.

money = { $amount } { $currency }
date = { $month } { $day }, { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## How long ago something happened

ago-now = just now
ago-minutes = { $n ->
    [one] a minute ago
   *[other] { $n } minutes ago
}
ago-hours = { $n ->
    [one] an hour ago
   *[other] { $n } hours ago
}
ago-yesterday = yesterday
ago-days = { $n } days ago

## Units after a quantity ($n is the quantity). Symbols stay as they are.

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
    [one] cup
   *[other] cups
}
unit-tbsp = tbsp
unit-tsp = tsp
unit-pt = pt
unit-qt = qt
unit-gal = gal
unit-can = { $n ->
    [one] can
   *[other] cans
}
unit-jar = { $n ->
    [one] jar
   *[other] jars
}
unit-bottle = { $n ->
    [one] bottle
   *[other] bottles
}
unit-pack = { $n ->
    [one] pack
   *[other] packs
}
unit-bag = { $n ->
    [one] bag
   *[other] bags
}
unit-box = { $n ->
    [one] box
   *[other] boxes
}
unit-loaf = { $n ->
    [one] loaf
   *[other] loaves
}
unit-bunch = { $n ->
    [one] bunch
   *[other] bunches
}
unit-head = { $n ->
    [one] head
   *[other] heads
}
unit-clove = { $n ->
    [one] clove
   *[other] cloves
}
unit-slice = { $n ->
    [one] slice
   *[other] slices
}
unit-piece = { $n ->
    [one] piece
   *[other] pieces
}

## The default categories, named in this language when a household is made in it

category-produce = Produce
category-bakery = Bakery
category-meat = Meat & Fish
category-dairy = Dairy & Eggs
category-frozen = Frozen
category-pantry = Pantry
category-snacks = Snacks
category-beverages = Beverages
category-household = Household
category-personal = Personal Care
category-baby = Baby
category-pets = Pets
category-other = Other
