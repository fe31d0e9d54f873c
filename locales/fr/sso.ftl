# Authentification unique via le fournisseur d'identité du foyer (OpenID Connect) : le bouton
# de la page de connexion, Réglages → Authentification unique (/settings/sso) et les adresses
# e-mail de connexion sur la page du foyer. Voir docs/TRANSLATING.md.

sso-provider-default = authentification unique
sso-log-in = Se connecter par authentification unique
sso-log-in-with = Se connecter avec { $provider }
sso-unknown = La connexion via { $provider } a réussi, mais aucun compte ici n'est associé à cette connexion. Connectez-vous avec votre mot de passe et associez votre compte dans Réglages → Authentification unique, ou demandez à l'administrateur de votre foyer d'ajouter votre adresse e-mail à votre compte.
settings-sso-manage = Authentification unique…
sso-title = Authentification unique
sso-intro = Associez votre compte à votre connexion via { $provider } : le bouton de la page de connexion vous connectera alors sans saisir votre mot de passe ici. Votre mot de passe continue de fonctionner.
sso-not-linked = Votre compte n'est pas encore associé à { $provider }.
sso-is-linked = Votre compte est associé à votre connexion via { $provider }.
sso-is-linked-as = Votre compte est associé à votre connexion via { $provider } ({ $who }).
sso-linked-on = associé le { $date }
sso-link = Associer à { $provider }
sso-unlink = Dissocier
sso-linked = Votre compte est maintenant associé ({ $who }). Le bouton d'authentification unique de la page de connexion vous connecte.
sso-unlinked = Votre compte n'est plus associé : connectez-vous avec votre mot de passe.

## Page du foyer (administrateurs)

household-sso-on = authentification unique
household-sso-email = adresse e-mail pour l'authentification unique
household-sso-email-for = Adresse e-mail avec laquelle { $username } se connecte chez le fournisseur d'identité
household-sso-email-save = Enregistrer
household-sso-unlink = Dissocier l'authentification unique
household-sso-email-set = Le compte de { $name } sera associé lors de sa première connexion par authentification unique avec { $email } (le fournisseur d'identité doit garantir cette adresse e-mail).
household-sso-email-removed = { $name } n'a plus d'adresse e-mail pour l'authentification unique.
household-sso-unlinked = { $name } ne se connecte plus par authentification unique.
