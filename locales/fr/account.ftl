# Le compte d'une personne : connexion, installation, invitation, autorité de
# certification du serveur, réglages. Voir docs/TRANSLATING.md.

## Choix de la langue (réglages et installation)

account-language-browser = Comme mon navigateur
account-language-partly = { $language } (traduction partielle)
account-language-unknown = aisle ne connaît pas cette langue ; choisissez-en une dans la liste

## Connexion et déconnexion (/login)

login-title = Connexion
login-username = Nom d'utilisateur
login-password = Mot de passe
login-submit = Se connecter
login-no-account = Pas de compte ? Demandez un lien d'invitation à quelqu'un de votre foyer.
login-wrong = nom d'utilisateur ou mot de passe incorrect
logout-done = Vous êtes déconnecté.

## Installation d'aisle (/setup) : le premier foyer et son administrateur

setup-title = Installer aisle
setup-heading = Bienvenue dans aisle
setup-intro = Créez votre foyer et son premier administrateur.
setup-household = Nom du foyer
setup-currency = Devise des prix et des totaux
setup-currency-hint = Un code de trois lettres comme EUR, CHF ou CAD, proposé d'après la région de votre navigateur ; vous pourrez le changer plus tard sur la page du foyer.
setup-language = Langue du foyer
setup-language-hint = Les catégories par défaut du foyer sont nommées dans cette langue (Fruits & légumes, Boulangerie…) ; vous pourrez la changer plus tard sur la page du foyer.
setup-username = Votre nom d'utilisateur
setup-password = Mot de passe (8 caractères minimum)
setup-submit = Créer le foyer
setup-welcome = Bienvenue ! Créez votre première liste ci-dessous.

## Rejoindre un foyer par un lien d'invitation (/invite/…). $household est son nom.

join-title = Rejoindre
join-heading = Rejoindre { $household }
join-intro = Choisissez un nom d'utilisateur et un mot de passe pour rejoindre ce foyer sur aisle.
join-username = Nom d'utilisateur
join-password = Mot de passe (8 caractères minimum)
join-submit = Rejoindre
join-welcome = Bienvenue dans { $household } !

## Faire confiance à l'autorité de certification du serveur (/ca, mode TLS local-ca).
## Les chemins de menu sont ceux des réglages des téléphones en français.

ca-title = Faire confiance à ce serveur
ca-heading = Faire confiance à ce serveur aisle
ca-intro = Ce serveur crée ses propres certificats pour votre réseau domestique. Installez une fois son autorité de certification sur chaque téléphone, et le navigateur fera confiance à aisle en HTTPS — ce qui permet à aisle de fonctionner hors ligne et d'utiliser l'appareil photo pour les codes-barres.
ca-download = Télécharger le certificat (aisle-ca.crt)
ca-android = Android
ca-android-download = Téléchargez le certificat ci-dessus.
ca-android-open = Ouvrez ce menu (les noms varient un peu selon les téléphones ; cherchez « certificat CA » dans les Paramètres) :
ca-android-path = Paramètres → Sécurité et confidentialité → Autres paramètres de sécurité → Chiffrement et identifiants → Installer un certificat → Certificat CA
ca-android-confirm = Confirmez « Installer quand même », puis choisissez aisle-ca.crt dans Téléchargements.
ca-open-https = Rouvrez aisle avec une adresse commençant par https://.
ca-ios = iPhone et iPad
ca-ios-download = Ouvrez cette page dans Safari et téléchargez le certificat ; autorisez le téléchargement du profil.
ca-ios-open = Ouvrez ce menu :
ca-ios-profiles-path = Réglages → Général → VPN et gestion de l'appareil
ca-ios-install = Touchez le profil « aisle local CA », puis Installer.
ca-ios-trust-path = Réglages → Général → Informations → Réglages des certificats
ca-ios-trust = Activez la confiance totale pour « aisle local CA ».
ca-key-note = L'autorité de certification ne peut garantir que les noms de ce serveur ; gardez le dossier de données privé, car sa clé s'y trouve.

## Les réglages d'une personne (/settings)

settings-title = Réglages
settings-language = Langue
settings-language-choose = Votre langue
settings-language-hint = Sur chaque appareil où vous vous connectez.
settings-language-save = Enregistrer la langue
settings-language-saved = Langue enregistrée.
settings-password = Changer de mot de passe
settings-password-current = Mot de passe actuel
settings-password-new = Nouveau mot de passe (8 caractères minimum)
settings-password-end-tokens = Révoquer aussi mes jetons d'API (les scripts et applis qui les utilisent devront en obtenir de nouveaux)
settings-password-submit = Changer le mot de passe
settings-password-wrong = le mot de passe actuel est incorrect
settings-password-changed = Mot de passe changé. Vos autres appareils ont été déconnectés.
settings-password-changed-kept = { $n ->
    [one] Mot de passe changé. Vos autres appareils ont été déconnectés. Votre jeton d'API fonctionne toujours.
   *[other] Mot de passe changé. Vos autres appareils ont été déconnectés. Vos { $n } jetons d'API fonctionnent toujours.
}
settings-password-changed-revoked = { $n ->
    [one] Mot de passe changé. Vos autres appareils ont été déconnectés, et votre jeton d'API a été révoqué.
   *[other] Mot de passe changé. Vos autres appareils ont été déconnectés, et vos { $n } jetons d'API ont été révoqués.
}
settings-tokens = Jetons d'API
settings-token-new = Votre nouveau jeton (affiché une seule fois, copiez-le) :
settings-tokens-none = Aucun jeton.
settings-token-made = ({ $username }, créé le { $date })
settings-token-revoke = Révoquer
settings-token-name = Nom du jeton
settings-token-name-placeholder = Nom du jeton, p. ex. Home Assistant
settings-token-create = Créer un jeton
settings-token-revoked = Jeton révoqué.
settings-data = Vos données
settings-export = Exporter le foyer (JSON)
settings-delete = Supprimer mon compte…

## Supprimer son propre compte (/settings/delete)

settings-delete-title = Supprimer votre compte
settings-delete-message = Votre compte, ses sessions et ses jetons d'API seront supprimés. Les listes du foyer restent pour les autres.
settings-delete-prompt = Votre mot de passe, pour confirmer
settings-delete-submit = Supprimer mon compte
settings-delete-wrong = le mot de passe est incorrect
settings-delete-only-member = vous êtes le seul membre du foyer : supprimez plutôt le foyer (page Foyer)
settings-delete-only-admin = vous êtes le seul administrateur du foyer : invitez d'abord un autre administrateur, ou supprimez le foyer
settings-deleted = Votre compte a été supprimé.

## Messages après un enregistrement ailleurs : être prévenu pour une liste, partir faire
## les courses, et les adresses de notification du foyer (sujet ntfy, webhook)

flash-watch-off = Vous ne serez pas prévenu pour cette liste.
flash-watch-no-phone = Enregistré. Activez les notifications sur votre téléphone (ci-dessous) pour être prévenu ; le sujet ntfy ou le webhook du foyer le sont aussi.
flash-watch-phones = Enregistré : vos téléphones seront prévenus.
flash-shopping-going = Les autres qui l'ont demandé sont prévenus que vous partez faire les courses.
flash-shopping-done = Les autres qui l'ont demandé sont prévenus que vous avez fini les courses.
flash-hooks-saved = Adresses de notification enregistrées.
flash-hooks-token-dropped = Adresses de notification enregistrées. Le jeton ntfy n'a pas été conservé : le sujet est maintenant sur un autre serveur ; indiquez le jeton de ce serveur s'il en faut un.
