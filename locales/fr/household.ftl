# La page du foyer (membres, invitations, langue, devise, notifications, import, magasins,
# suppression) et la page d'un magasin (l'ordre de ses rayons). Voir docs/TRANSLATING.md.

## Membres

household-members = Membres
household-role-member = membre
household-role-admin = administrateur
household-new-password-for = Nouveau mot de passe pour { $username }
household-new-password = Nouveau mot de passe
household-reset-password = Réinitialiser le mot de passe
household-remove = Retirer
household-server-admin = Administration du serveur : tâches, sauvegardes et administrateurs de l'instance
household-you-instance-admin = (vous êtes administrateur de l'instance)

## Invitations

household-invite = Inviter quelqu'un
household-invite-send = Envoyez ce lien (usage unique, valable 7 jours) :
household-invite-copy = Copier le lien
household-invite-share = Partager le lien…
household-invite-qr = QR code du lien d'invitation ci-dessus : scannez-le avec l'appareil photo de l'autre téléphone pour ouvrir le lien
household-invite-scan = Ou scannez ce code avec l'appareil photo de l'autre téléphone.
household-role = Rôle
household-create-invite = Créer un lien d'invitation
household-invite-pending = Invitation ({ $role }), expire le { $date }
household-revoke = Révoquer

## La langue du foyer : elle nomme les catégories par défaut

household-language = Langue du foyer
household-language-help = La langue du foyer nomme les catégories avec lesquelles il a commencé. Les catégories que vous avez renommées gardent leur nom.
household-language-label = Langue
household-language-current = Ce foyer parle { $language }.
household-language-partial = { $language } (traduction partielle)

## Devise, notifications et import

household-currency = Devise
household-currency-label = Prix et totaux en
household-save = Enregistrer
household-hooks = Notifications vers vos propres services
household-hooks-help = aisle peut prévenir un sujet { $ntfy } ou un webhook (Home Assistant, Node-RED) quand quelqu'un ajoute des articles à une liste ou part faire les courses. Les deux peuvent rester sur votre réseau domestique. Laissez une adresse vide pour la désactiver ; un jeton ntfy est conservé jusqu'à ce que vous en donniez un autre ou retiriez le sujet.
household-ntfy-url = Adresse du sujet ntfy
household-ntfy-token = Jeton d'accès ntfy
household-ntfy-token-set = Jeton d'accès ntfy (déjà défini)
household-webhook-url = Adresse du webhook (reçoit du JSON)
household-import = Importer
household-import-help = Ajoutez à ce foyer les listes, l'historique et plus encore d'une autre appli, ou d'un export d'aisle. Rien n'est remplacé ; les articles ouverts vont sur les listes, ceux déjà achetés dans l'historique qui nourrit les suggestions. Les lignes illisibles sont ignorées et listées, et un fichier totalement illisible n'ajoute rien.
household-import-from = Depuis
household-import-aisle = aisle (un export, .json)
household-import-text = une liste collée ou un fichier texte (un article par ligne)
household-import-csv = un tableur (.csv)
household-import-home-assistant = Liste de courses Home Assistant (son fichier JSON)
household-import-ical = tâches : Local To-do, Nextcloud Tasks (.ics)
household-import-google-keep = Google Keep, via Takeout (le .json d'une note)
household-import-grocy = Grocy (son adresse et une clé d'API, sans fichier)
household-import-mealie = Mealie (son adresse et un jeton d'API, sans fichier)
household-import-kitchenowl = KitchenOwl (son adresse et un jeton longue durée, sans fichier)
household-import-tandoor = Tandoor (son adresse et un jeton d'API, sans fichier)
household-import-file = Fichier
household-import-url = Adresse (pour les applis lues via leur API)
household-import-token = Jeton d'API

## Magasins

household-stores = Magasins
household-stores-help = Chaque magasin a son propre ordre des rayons.
household-store-name = Nom du magasin
household-store-placeholder = Nouveau magasin, p. ex. Supérette du coin
household-add-store = Ajouter le magasin

## Supprimer le foyer

household-delete = Supprimer le foyer
household-delete-help = Supprime définitivement ses listes, magasins, produits, prix et membres (les sauvegardes les gardent jusqu'à leur expiration).
household-delete-start = Supprimer le foyer…
household-delete-message = Tout ce qui concerne « { $name } » sera définitivement supprimé : chaque liste, article, magasin et compte de membre. Exportez-le d'abord si vous pourriez en avoir besoin.
household-delete-prompt = Saisissez le nom du foyer ({ $name }) pour confirmer
household-delete-mismatch = saisissez le nom exactement comme affiché : { $name }

## Ce que dit la page après une modification

household-invite-revoked = Invitation révoquée.
household-member-removed = { $name } a été retiré du foyer.
household-password-reset = { $n ->
    [0] Le mot de passe de { $name } a été réinitialisé ; cette personne doit se reconnecter.
    [one] Le mot de passe de { $name } a été réinitialisé ; cette personne doit se reconnecter, et son jeton d'API a été révoqué.
   *[other] Le mot de passe de { $name } a été réinitialisé ; cette personne doit se reconnecter, et ses { $n } jetons d'API ont été révoqués.
}
household-deleted = Le foyer « { $name } » a été supprimé.
household-currency-saved = Les prix sont désormais en { $currency }.
household-language-saved = La langue du foyer est désormais : { $language }.
household-language-unknown = `{ $code }` n'est pas une langue connue d'aisle ; choisissez-en une dans la liste

## La page d'un magasin : l'ordre dans lequel on parcourt ses rayons

store-help = L'ordre dans lequel vous parcourez les rayons. Les listes qui utilisent ce magasin sont triées ainsi. Faites glisser une catégorie par sa poignée (≡), ou utilisez ses flèches.
store-locked = Verrouillé : cet ordre reste tel quel. Déverrouillez-le pour qu'aisle continue d'apprendre de l'ordre dans lequel vous cochez les articles ici.
store-learning = { $n ->
    [one] aisle apprend l'ordre de ce magasin d'après l'ordre dans lequel vous cochez les articles pendant vos courses ici, en gardant ce que vous placez à la main. Il lui faut encore { $n } passage en caisse avec ce magasin choisi sur la liste.
   *[other] aisle apprend l'ordre de ce magasin d'après l'ordre dans lequel vous cochez les articles pendant vos courses ici, en gardant ce que vous placez à la main. Il lui faut encore { $n } passages en caisse avec ce magasin choisi sur la liste.
}
store-learned = { $n ->
    [one] Appris lors de vos dernières courses ici. Ce que vous placez à la main reste où vous l'avez mis.
   *[other] Appris lors de vos { $n } dernières courses ici. Ce que vous placez à la main reste où vous l'avez mis.
}
store-placed-by-you = placé par vous
store-placed-by-you-title = Vous l'avez placé ici
store-learned-badge = appris
store-learned-title = Appris de vos courses
store-move-up = Monter { $category }
store-move-down = Descendre { $category }
store-unlock = Déverrouiller l'ordre
store-lock = Verrouiller l'ordre
store-forget = Oublier mes placements
store-name = Nom du magasin
store-rename = Renommer
store-delete = Supprimer le magasin
store-renamed = Magasin renommé.
store-deleted = Magasin supprimé.
store-locked-now = Ordre verrouillé : il reste tel quel jusqu'à ce que vous le déverrouilliez.
store-unlocked-now = Ordre déverrouillé : aisle l'apprend de nouveau de vos courses.
store-forgotten = Vos placements sont oubliés : aisle ordonne ce magasin d'après vos courses.
