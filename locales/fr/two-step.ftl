# Connexion en deux étapes : le code demandé après le mot de passe (/login/code), sa mise en
# place dans les réglages (/settings/two-step), et sa réinitialisation par un administrateur
# sur la page du foyer. Voir docs/TRANSLATING.md.

## Après un mot de passe correct

login-code-title = Connexion en deux étapes
login-code-label = Code de votre appli d'authentification
login-code-hint = Les six chiffres que l'appli affiche en ce moment. Téléphone perdu ? Saisissez plutôt l'un de vos codes de secours.
login-code-submit = Se connecter
login-code-restart = Recommencer avec votre mot de passe
login-code-wrong = ce code est incorrect : saisissez les six chiffres que l'appli affiche en ce moment (chaque code ne sert qu'une fois), ou l'un de vos codes de secours
login-code-expired = La connexion a attendu son code trop longtemps. Reconnectez-vous avec votre mot de passe.

## Réglages

settings-two-step = Connexion en deux étapes
settings-two-step-is-on = Activée : pour vous connecter, il faut votre mot de passe et un code de votre appli d'authentification.
settings-two-step-is-off = Désactivée : votre mot de passe suffit pour vous connecter.
settings-two-step-manage = Connexion en deux étapes…

## Réglages → connexion en deux étapes (/settings/two-step)

two-step-title = Connexion en deux étapes
two-step-intro = Avec la connexion en deux étapes, il faut votre mot de passe et un code à six chiffres d'une appli d'authentification sur votre téléphone pour vous connecter. Quelqu'un qui connaît votre mot de passe ne peut pas entrer pour autant.
two-step-codes-title = Vos codes de secours
two-step-codes-save = Gardez ces codes en lieu sûr, loin de votre téléphone : imprimés, ou dans un gestionnaire de mots de passe. Chacun vous connecte une fois si vous perdez votre téléphone. Ils ne sont affichés que maintenant.
two-step-on = La connexion en deux étapes est activée
two-step-codes-left = { $n ->
    [0] Plus aucun code de secours : créez-en de nouveaux ci-dessous.
    [one] Il reste un code de secours.
   *[other] Il reste { $n } codes de secours.
}
two-step-password = Votre mot de passe, pour confirmer
two-step-new-codes = Créer de nouveaux codes de secours
two-step-turn-off = Désactiver la connexion en deux étapes
two-step-off = La connexion en deux étapes est désactivée
two-step-set-up = Configurer une appli d'authentification
two-step-scan = Scannez ce code avec votre appli d'authentification
two-step-qr = QR code à scanner avec une appli d'authentification
two-step-type-instead = Ou saisissez cette clé dans l'appli :
two-step-open-app = Sur ce téléphone ? Ouvrir la clé dans l'appli d'authentification
two-step-first-code = Le code à six chiffres que l'appli affiche en ce moment
two-step-confirm = Activer
two-step-code-wrong = ce code est incorrect : vérifiez que l'appli affiche l'entrée que vous venez d'ajouter, et saisissez ses six chiffres actuels
two-step-password-wrong = le mot de passe est incorrect
two-step-turned-off = La connexion en deux étapes est désactivée. Votre mot de passe suffit pour vous connecter.
two-step-back = Retour aux réglages

## La page du foyer (administrateurs)

household-two-step-on = plus qu'un mot de passe
household-reset-two-step = Réinitialiser la connexion en deux étapes et les clés d'accès
household-factors-reset = { $name } se connecte désormais avec son seul mot de passe, et peut de nouveau configurer la connexion en deux étapes et des clés d'accès.
