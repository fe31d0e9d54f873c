# Ce que dit une notification ($by : qui, $item : un article, $names : les premiers noms,
# $n : le nombre d'articles, $more : combien ne sont pas nommés).

news-added-one = { $by } a ajouté { $item }
news-added-many = { $by } a ajouté { $n } articles : { $names }
news-added-more = { $by } a ajouté { $n } articles : { $names } et { $more } autres
news-going = { $by } part faire les courses
news-done = { $by } a fini les courses
news-done-one = { $by } a fini les courses et a acheté { $item }
news-done-many = { $by } a fini les courses et a acheté { $n } articles : { $names }
news-done-more = { $by } a fini les courses et a acheté { $n } articles : { $names } et { $more } autres
