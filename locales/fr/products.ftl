# La page des produits (code-barres, recherche, ajout à la main) et la page d'un produit
# (ses prix et leur graphique). Voir docs/TRANSLATING.md.

products-title = Produits
products-barcode = Scannez ou saisissez un code-barres
products-barcode-label = Numéro du code-barres
products-barcode-placeholder = p. ex. 3017620422003
products-look-up = Rechercher
products-add-it = L'ajouter à la main
products-scan = Scanner avec l'appareil photo
products-search = Recherche
products-search-label = Rechercher des produits
products-search-placeholder = Rechercher dans vos produits
products-search-online = Rechercher en ligne
products-none = Pas encore de produit : scannez-en un, cherchez en ligne, ou ajoutez-en un ci-dessous.
products-no-match = Aucun de vos produits ne correspond à « { $query } ».
products-staple = essentiel
products-from-off = D'après Open Food Facts
products-none-online = Rien trouvé en ligne.
products-by-hand = Ajouter un produit à la main
products-name = Nom
products-brand = Marque (facultatif)
products-barcode-optional = Code-barres (facultatif)
products-add = Ajouter le produit
products-lookup-filled-in = Le code-barres est déjà rempli dans le formulaire ci-dessous.
products-lookup-by-hand = Vous pouvez l'ajouter à la main ci-dessous : le code-barres est rempli.

## Un produit

product-picture = Photo de { $name }
product-no-barcode = pas de code-barres
product-list = Liste
product-add-to-list = Ajouter à la liste
product-unsave = Retirer des essentiels
product-save = Enregistrer comme essentiel
product-prices = Prix
product-no-prices = Pas encore de prix.
product-chart = Historique des prix du { $from } au { $to }, entre { $low } et { $high }
product-chart-caption = { $from } – { $to } · min. { $low } · max. { $high }
product-add-price = Ajouter un prix
product-price = Prix
product-price-placeholder = 2,49
product-currency = Devise
product-store = Magasin
product-pack = Contenance (facultatif)
product-pack-placeholder = p. ex. 1 l
product-date = Date
product-save-price = Enregistrer le prix
product-all-prices = Tous les prix ({ $n })
product-source-you = vous
product-saved = Enregistré comme essentiel.
product-unsaved = Ne fait plus partie des essentiels.
product-added = { $name } ajouté.
product-price-saved = Prix enregistré.
