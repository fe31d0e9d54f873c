# En todas las páginas: el nombre del idioma, el menú y cómo se escriben los números, el
# dinero, las unidades y las fechas. Ver docs/TRANSLATING.md.

language-name = Español

## La cabecera y su menú

menu = Menú
menu-main = Principal
menu-lists = Listas
menu-products = Productos
menu-household = Hogar
menu-settings = Ajustes ({ $username })
menu-logout = Cerrar sesión
page-description = aisle: la lista de la compra compartida de tu hogar, en directo en cada móvil y también sin conexión.

## Dinero y fechas

money = { $amount } { $currency }
date = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Hace cuánto

ago-now = ahora mismo
ago-minutes = { $n ->
    [one] hace un minuto
    [many] hace { $n } minutos
   *[other] hace { $n } minutos
}
ago-hours = { $n ->
    [one] hace una hora
    [many] hace { $n } horas
   *[other] hace { $n } horas
}
ago-yesterday = ayer
ago-days = hace { $n } días

## Unidades tras una cantidad ($n es la cantidad)

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
    [one] taza
   *[other] tazas
}
unit-tbsp = cda.
unit-tsp = cdta.
unit-pt = pt
unit-qt = qt
unit-gal = gal
unit-can = { $n ->
    [one] lata
   *[other] latas
}
unit-jar = { $n ->
    [one] tarro
   *[other] tarros
}
unit-bottle = { $n ->
    [one] botella
   *[other] botellas
}
unit-pack = { $n ->
    [one] paquete
   *[other] paquetes
}
unit-bag = { $n ->
    [one] bolsa
   *[other] bolsas
}
unit-box = { $n ->
    [one] caja
   *[other] cajas
}
unit-loaf = { $n ->
    [one] hogaza
   *[other] hogazas
}
unit-bunch = { $n ->
    [one] manojo
   *[other] manojos
}
unit-head = { $n ->
    [one] cabeza
   *[other] cabezas
}
unit-clove = { $n ->
    [one] diente
   *[other] dientes
}
unit-slice = { $n ->
    [one] loncha
   *[other] lonchas
}
unit-piece = { $n ->
    [one] unidad
   *[other] unidades
}

## Las categorías predeterminadas de un hogar creado en español

category-produce = Frutas y verduras
category-bakery = Panadería
category-meat = Carne y pescado
category-dairy = Lácteos y huevos
category-frozen = Congelados
category-pantry = Despensa
category-snacks = Aperitivos y dulces
category-beverages = Bebidas
category-household = Hogar y limpieza
category-personal = Cuidado personal
category-baby = Bebé
category-pets = Mascotas
category-other = Otros
