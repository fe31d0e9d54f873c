# Les listes du foyer, une liste, modifier un article, supprimer une liste, et ce que
# disent les pages après une modification. Voir docs/TRANSLATING.md.

## Les listes (la page d'accueil)

lists-title = Listes
lists-heading = Vos listes
lists-none = Pas encore de liste. Créez-en une ci-dessous.
lists-to-get = { $n ->
    [one] { $n } article à acheter
   *[other] { $n } articles à acheter
}
lists-new-label = Nom de la nouvelle liste
lists-new-placeholder = Nouvelle liste, p. ex. Courses de la semaine
lists-create = Créer
lists-archived = Listes archivées ({ $n })

## Une liste : la barre, la connexion, le magasin

list-all-lists = Toutes les listes
list-archived-badge = archivée
list-keep-screen-on = Garder l'écran allumé
list-no-store-html = Ordre des rayons par défaut · <a href="/household#stores">Ajoutez un magasin</a> pour trier selon ses rayons
list-aisle-order = Ordre des rayons
list-aisle-order-default = Par défaut
list-aisle-order-use = Appliquer

## Une liste : ajouter, suggestions, montant

list-removed = { $n ->
    [one] { $n } article retiré.
   *[other] { $n } articles retirés.
}
list-undo = Annuler
list-add-label = Ajouter des articles (un par ligne, ou séparés par des virgules)
list-add-placeholder = 1 l de lait, 1 baguette, 6 œufs
list-add = Ajouter
list-suggestions = Suggestions
list-due-soon = Bientôt à racheter
list-due-add = Ajouter { $name } : { $why }
list-not-now = Pas maintenant
list-not-now-label = Pas maintenant : { $name }
list-due-days = tous les ~{ $every ->
    [one] { $every } jour
   *[other] { $every } jours
}, dernier achat { $ago ->
    [0] aujourd'hui
    [1] hier
   *[other] il y a { $ago } jours
}
list-due-weeks = toutes les ~{ $every ->
    [one] { $every } semaine
   *[other] { $every } semaines
}, dernier achat { $ago ->
    [0] aujourd'hui
    [1] hier
   *[other] il y a { $ago } jours
}
list-due-months = tous les ~{ $every ->
    [one] { $every } mois
   *[other] { $every } mois
}, dernier achat { $ago ->
    [0] aujourd'hui
    [1] hier
   *[other] il y a { $ago } jours
}
list-templates = Modèles
list-add-template = Ajouter le modèle { $name } ({ $n ->
    [one] { $n } article
   *[other] { $n } articles
})
list-staples = Essentiels
list-add-staple = Ajouter l'essentiel { $name }
list-often = Souvent achetés
list-add-name = Ajouter { $name }
list-complete = Compléter la ligne
list-total = Montant estimé : { $amount }
list-unpriced = { $n ->
    [one] { $n } article sans prix connu
   *[other] { $n } articles sans prix connu
}
list-empty = Rien sur cette liste pour l'instant.

## Une liste : les lignes

list-check-off = Cocher
list-uncheck = Décocher
# Le script de la page ajoute le nom de l'article à la fin : $name reste tout au bout.
list-edit-label = Modifier { $name }
list-remove-label = Retirer { $name }
list-done = Dans le panier
list-done-count = Dans le panier ({ $n })
list-clear = Vider les articles cochés

## Une liste : la fenêtre de modification, les courses, les réglages de la liste

list-edit-title = Modifier l'article
list-name = Nom
list-amount = Quantité
list-amount-placeholder = p. ex. 2, 500 g, ½ tasse
list-note = Remarque
list-note-placeholder = p. ex. bio
list-category = Catégorie
list-save = Enregistrer
list-cancel = Annuler
list-going-shopping = Je pars faire les courses
list-done-shopping = Courses terminées
list-settings = Réglages de la liste
list-name-label = Nom de la liste
list-rename = Renommer
list-archive = Archiver
list-unarchive = Désarchiver
list-history = Historique
list-delete = Supprimer la liste…
list-watch = Me prévenir pour cette liste :
list-watch-added = quand d'autres ajoutent des articles
list-watch-shopping = quand quelqu'un part faire les courses, ou a fini
list-push-on = Recevoir les notifications sur ce téléphone
list-template-name = Nom du modèle
list-template-placeholder = Nom du modèle, p. ex. Semaine
list-save-template = Enregistrer comme modèle
list-template = Modèle « { $name } » : { $items }
list-delete-template-label = Supprimer le modèle { $name }
list-delete-template = Supprimer

## Modifier un article (la page sans JavaScript)

item-edit-title = Modifier l'article
item-name = Nom
item-quantity = Quantité
item-quantity-placeholder = p. ex. 2
item-unit = Unité
item-unit-none = aucune
item-note = Remarque
item-note-placeholder = p. ex. bio
item-category = Catégorie
item-save = Enregistrer
item-cancel = Annuler

## Supprimer une liste

list-delete-title = Supprimer la liste
list-delete-heading = Supprimer « { $name } » ?
list-delete-warning = { $n ->
    [one] La liste et son article disparaîtront pour tout le foyer. C'est irréversible.
   *[other] La liste et ses { $n } articles disparaîtront pour tout le foyer. C'est irréversible.
}
list-delete-confirm = Supprimer la liste
list-delete-keep = La garder

## Une confirmation qui demande un mot de passe ou un nom

confirm-cancel = Annuler

## Après une modification (en haut de la page de la liste)

list-renamed = Liste renommée.
list-archived = Liste archivée.
list-unarchived = Liste de nouveau active.
list-deleted = Liste supprimée.
list-delete-unconfirmed = supprimer une liste demande une confirmation : utilisez le bouton Supprimer de la page de confirmation
list-store-refused = `{ $value }` n'est pas un identifiant de magasin
# $amount, $from et $to sont des quantités comme « 2 l » ; la page les joint par « ; ».
list-merged-already = { $name } était déjà sur la liste
list-merged-already-amount = { $name } était déjà sur la liste ({ $amount })
list-merged-now = { $name } : maintenant { $amount }
list-merged-changed = { $name } : { $from } → { $to }
list-added = { $n ->
    [one] { $n } article ajouté.
   *[other] { $n } articles ajoutés.
}
# $reasons est en anglais pour l'instant.
list-not-added = Non ajoutés (corrigez et ajoutez à nouveau, ou videz la zone) : { $reasons }.
list-restored = { $n ->
    [one] { $n } article restauré.
   *[other] { $n } articles restaurés.
}
list-restore-none = aucun article à restaurer : `ids` doit lister des identifiants d'articles comme 1,2,3
item-unit-refused = `{ $value }` n'est pas une unité connue d'aisle
item-category-refused = `{ $value }` n'est pas une catégorie
list-not-now-said = { $days ->
    [one] « { $name } » ne sera plus suggéré pendant { $days } jour.
   *[other] « { $name } » ne sera plus suggéré pendant { $days } jours.
}
list-template-saved = Modèle « { $name } » enregistré : ajoutez-le à n'importe quelle liste depuis ses suggestions.
list-template-replaced = Modèle « { $name } » enregistré, à la place de l'ancien.
list-template-added = { $n ->
    [one] { $n } article ajouté depuis le modèle.
   *[other] { $n } articles ajoutés depuis le modèle.
}
list-template-deleted = Modèle supprimé.
