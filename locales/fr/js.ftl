# Ce que disent les scripts des pages (assets/*.js) : synchronisation, messages sous la
# zone d'ajout, connexion, barre d'annulation, notifications et invitations.
# Un nom entre guillemets (« { $name } ») est le nom d'un article tel que le foyer l'a saisi.

## Synchronisation : les modifications faites sur ce téléphone attendent le serveur

js-waiting = { $n ->
    [one] { $n } modification en attente de synchronisation
   *[other] { $n } modifications en attente de synchronisation
}
js-logout-unsynced = { $n ->
    [one] { $n } modification n'est pas encore synchronisée. Elle reste sur ce téléphone et sera envoyée quand { $username } se reconnectera ici. Se déconnecter quand même ?
   *[other] { $n } modifications ne sont pas encore synchronisées. Elles restent sur ce téléphone et seront envoyées quand { $username } se reconnectera ici. Se déconnecter quand même ?
}
js-log-in-again = Reconnectez-vous pour synchroniser vos modifications.
js-token-refused = Vos modifications sont conservées sur ce téléphone, mais le serveur ne les accepte pas depuis cette page. Rechargez la page pour réessayer.
js-list-deleted = Cette liste a été supprimée : les modifications faites ici n'ont pas pu être enregistrées.
js-not-kept = Ce téléphone n'a pas pu conserver cette modification. Rechargez la page et refaites-la.
js-dropped-gone = Une modification de « { $name } » a été abandonnée : l'article n'est plus sur cette liste.
js-dropped-gone-unnamed = Une modification d'un article a été abandonnée : il n'est plus sur cette liste.
js-dropped-invalid = Une modification de « { $name } » n'a pas pu être enregistrée et a été abandonnée ({ $reason }).
js-dropped-invalid-unnamed = Une modification d'un article n'a pas pu être enregistrée et a été abandonnée ({ $reason }).
js-not-accepted = refusée
js-dropped = Une modification de « { $name } » n'a pas pu être enregistrée et a été abandonnée.
js-dropped-unnamed = Une modification d'un article n'a pas pu être enregistrée et a été abandonnée.
js-conflict-back = « { $name } » était déjà de retour sur la liste.
js-conflict-back-unnamed = Un article était déjà de retour sur la liste.
js-conflict-removed = « { $name } » a été retiré entre-temps sur un autre téléphone : { $kind ->
    [check] il n'a donc pas été coché.
    [uncheck] il n'a donc pas été décoché.
    [edit] votre modification n'a donc pas été faite.
    [move] il n'a donc pas été déplacé.
   *[other] votre modification n'a donc pas été faite.
}
js-conflict-removed-unnamed = Un article a été retiré entre-temps sur un autre téléphone : { $kind ->
    [check] il n'a donc pas été coché.
    [uncheck] il n'a donc pas été décoché.
    [edit] votre modification n'a donc pas été faite.
    [move] il n'a donc pas été déplacé.
   *[other] votre modification n'a donc pas été faite.
}
js-replaced = Votre modification de « { $name } » a remplacé { $what }, défini entre-temps sur un autre téléphone.
js-replaced-unnamed = Votre modification d'un article a remplacé { $what }, défini entre-temps sur un autre téléphone.
js-replaced-value = { $field ->
    [name] le nom « { $value } »
    [amount] la quantité « { $value } »
    [note] la remarque « { $value } »
    [category] la catégorie « { $value } »
   *[other] le champ { $field } « { $value } »
}
js-replaced-none = { $field ->
    [name] le nom (vide)
    [amount] la quantité (vide)
    [note] la remarque (vide)
    [category] la catégorie (vide)
   *[other] le champ { $field } (vide)
}

## La zone d'ajout

js-not-added = Non ajoutés (corrigez et ajoutez à nouveau, ou videz la zone) : { $reasons }.
js-refused-line = « { $text } » : { $reason }
js-merged-already = { $name } était déjà sur la liste
js-merged-already-amount = { $name } était déjà sur la liste ({ $amount })
js-merged-now = { $name } : maintenant { $amount }
js-merged-changed = { $name } : { $from } → { $to }
js-complete-with = Compléter avec { $name }

## Les lignes de la liste

js-group-other = Autres
js-done-count = Dans le panier ({ $n })
js-just-added = Tout juste ajoutés
js-not-synced-yet = pas encore synchronisé
js-row-check = Cocher
js-row-uncheck = Décocher
js-removed = { $name } retiré.
js-removed-unnamed = Un article retiré.
js-undo = Annuler
js-total = Montant estimé : { $amount }
js-total-unpriced = { $n ->
    [one] { $n } article sans prix connu
   *[other] { $n } articles sans prix connu
}

## La connexion, affichée au-dessus de la liste

js-state-live = En direct
js-state-reconnecting = Reconnexion…
js-state-offline = Hors ligne
js-synced-at = synchronisé à { $time }

## La fenêtre de modification

js-sheet-not-saved = Non enregistré : { $reason }. Corrigez puis enregistrez à nouveau, ou annulez.

## L'ordre des rayons d'un magasin

js-order-saved = Enregistré : { $category } est maintenant en position { $position }.
js-order-not-saved = Le nouvel ordre n'a pas été enregistré ({ $reason }). Rechargez la page pour voir l'ordre enregistré, puis réessayez.
js-server-answered = le serveur a répondu { $status }

## Écran et appareil photo

js-wake-lock-failed = Impossible de garder l'écran allumé ici ({ $reason }).
js-camera-unavailable = L'appareil photo n'est pas disponible ici ; saisissez plutôt le numéro.

## Notifications sur ce téléphone (réglages d'une liste)

js-push-needs-https = Ce navigateur ne peut pas recevoir les notifications d'aisle ici : aisle doit être servi en HTTPS (voir TLS dans le guide d'administration).
js-push-blocked = Les notifications d'aisle sont bloquées dans ce navigateur ; autorisez-les dans les réglages du site, puis réessayez.
js-push-no-key = aisle ne peut pas envoyer de notifications pour le moment (sa clé push manque) ; demandez à l'administrateur de vérifier le journal du serveur.
js-push-on = Ce téléphone reçoit désormais les notifications. Choisissez ci-dessus ce qui doit vous être signalé pour cette liste.
js-push-off = Ce téléphone ne reçoit plus de notifications d'aisle.
js-push-start = Recevoir les notifications sur ce téléphone
js-push-stop = Arrêter les notifications sur ce téléphone
js-push-failed = Cela n'a pas fonctionné : { $reason }. Vérifiez la connexion et réessayez.
js-push-answered = aisle a répondu { $status }

## Inviter quelqu'un dans le foyer

js-invite-copied = Lien copié. Collez-le dans un message à la personne que vous invitez.
js-invite-copy-failed = Le lien n'a pas pu être copié : sélectionnez-le ci-dessus et copiez-le à la main.
js-invite-share-title = Rejoignez notre foyer sur aisle
js-invite-share-failed = Le lien n'a pas pu être partagé : copiez-le plutôt.
js-passkey-cancelled = Aucune clé d'accès n'a été utilisée. Réessayez, ou utilisez votre mot de passe.
js-passkey-failed = La clé d'accès n'a pas fonctionné ici. Réessayez, ou utilisez votre mot de passe.
js-passkey-password-wrong = Le mot de passe est incorrect : saisissez votre mot de passe actuel, puis ajoutez la clé d'accès.
