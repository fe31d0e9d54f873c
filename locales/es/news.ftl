# Lo que dice una notificación ($by es quién lo hizo, $item el nombre de un artículo,
# $names los primeros nombres separados por comas, $n cuántos artículos en total, $more
# cuántos no se nombran).

news-added-one = { $by } añadió { $item }
news-added-many = { $by } añadió { $n } artículos: { $names }
news-added-more = { $by } añadió { $n } artículos: { $names } y { $more } más
news-going = { $by } va a hacer la compra
news-done = { $by } ha terminado la compra
news-done-one = { $by } ha terminado la compra y ha comprado { $item }
news-done-many = { $by } ha terminado la compra y ha comprado { $n } artículos: { $names }
news-done-more = { $by } ha terminado la compra y ha comprado { $n } artículos: { $names } y { $more } más
