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
sso-unlink-no-password = Votre compte n'a pas de mot de passe ici : sans cette association, vous ne pourriez plus vous connecter. Demandez d'abord à l'administrateur de votre foyer de vous définir un mot de passe.
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
household-sso-email-invalid = « { $email } » n'est pas une adresse e-mail comme anna@example.org.
household-sso-email-taken = Un autre compte a déjà { $email } pour l'authentification unique : chaque adresse e-mail n'associe qu'un compte.

## Quand l'authentification unique n'a connecté personne

sso-error-unavailable = L'authentification unique n'est pas configurée sur ce serveur.
sso-error-busy = Trop de connexions par authentification unique sont en cours. Réessayez dans quelques minutes.
sso-error-expired = Cette connexion par authentification unique a expiré, ou a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.
sso-error-provider = Le fournisseur d'identité est injoignable, ou a donné une réponse que ce serveur ne peut pas utiliser. Réessayez plus tard, ou connectez-vous avec votre mot de passe.
sso-error-refused = La réponse du fournisseur d'identité n'a pas passé les vérifications de ce serveur. Recommencez depuis la page de connexion ; si cela se reproduit, demandez à la personne qui gère le serveur de consulter son journal.
sso-error-denied = Le fournisseur d'identité ne vous a pas connecté ({ $code }). Recommencez depuis la page de connexion, ou connectez-vous avec votre mot de passe.
