# Clés d'accès : Réglages → Clés d'accès (/settings/passkeys) et le bouton de clé d'accès
# de la page de connexion. Voir docs/TRANSLATING.md.

settings-passkeys-manage = Clés d'accès…
passkeys-title = Clés d'accès
passkeys-intro = Une clé d'accès vous connecte avec le verrouillage d'écran de votre téléphone (empreinte, visage ou code PIN) ou avec une clé de sécurité, sans mot de passe ni code. Ajoutez-en une sur chaque téléphone que vous utilisez.
passkeys-none = Vous n'avez encore aucune clé d'accès.
passkeys-made = ajoutée le { $date }
passkeys-used = dernière utilisation le { $date }
passkeys-remove = Supprimer
passkeys-name = Nom de la nouvelle clé d'accès
passkeys-name-placeholder = p. ex. téléphone d'Anna
passkeys-default-name = Clé d'accès
passkeys-add = Ajouter une clé d'accès
passkeys-needs-script = L'ajout d'une clé d'accès nécessite JavaScript.
passkeys-unavailable = Les clés d'accès ne fonctionnent que si l'on accède au serveur par une adresse https:// avec un nom (par exemple une adresse configurée avec les propres certificats du serveur), ou par localhost. Demandez à la personne qui le gère de définir son adresse publique.
passkeys-added = Clé d'accès « { $name } » ajoutée. Utilisez-la sur la page de connexion.
passkeys-removed = Clé d'accès « { $name } » supprimée.
passkeys-sign-in = Se connecter avec une clé d'accès
passkeys-sign-in-refused = cette clé d'accès n'a pas été acceptée : elle a peut-être été supprimée, ou elle appartient à un autre serveur ; connectez-vous avec votre mot de passe
