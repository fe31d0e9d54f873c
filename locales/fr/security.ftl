# Les pages du journal de sécurité. Voir docs/TRANSLATING.md.

security-title = Journal de sécurité
security-link = Journal de sécurité
security-intro-household = Connexions, blocages et changements de mots de passe, de jetons, d'invitations et de membres de ce foyer, du plus récent au plus ancien. { $days ->
    [one] Les entrées sont conservées pendant un jour.
   *[other] Les entrées sont conservées pendant { $days } jours.
}
security-intro-instance = Le journal de sécurité de chaque foyer, et ce qui n'appartient à aucun foyer (connexions avec des noms inconnus, restaurations, foyers supprimés), du plus récent au plus ancien. { $days ->
    [one] Les entrées sont conservées pendant un jour.
   *[other] Les entrées sont conservées pendant { $days } jours.
}
security-none = Rien n'a encore été journalisé.
security-older = Entrées plus anciennes
security-back-household = Retour au foyer
security-back-admin = Retour à l'administration
security-failed = échec
security-by = par { $name }
security-no-household = aucun foyer
security-role-granted = rôle d'administrateur de l'instance accordé
security-role-revoked = rôle d'administrateur de l'instance retiré
security-imported = importé d'un autre serveur
security-lockout-address = cette adresse a épuisé ses tentatives
security-lockout-username = ce nom d'utilisateur a épuisé ses tentatives
security-tokens-revoked = { $n ->
    [one] un jeton d'API révoqué
   *[other] { $n } jetons d'API révoqués
}

## Ce qui s'est passé

security-event-login = Connexion
security-event-lockout = Bloqué après trop d'échecs de connexion
security-event-password-change = Mot de passe changé
security-event-password-reset = Mot de passe défini par un administrateur
security-event-token-create = Jeton d'API créé
security-event-token-revoke = Jeton d'API révoqué
security-event-invite-create = Lien d'invitation créé
security-event-invite-revoke = Lien d'invitation retiré
security-event-join = A rejoint le foyer
security-event-setup = Foyer créé
security-event-member-remove = Membre retiré
security-event-account-delete = Compte supprimé par son titulaire
security-event-role-change = Rôle modifié
security-event-export = Foyer exporté
security-event-import = Importé dans le foyer
security-event-restore = Base de données restaurée depuis une sauvegarde
security-event-backup-download = Sauvegarde de tout le serveur téléchargée
security-event-household-delete = Foyer supprimé
security-event-factor-add = Méthode de connexion ajoutée
security-event-factor-remove = Méthode de connexion supprimée
security-event-factor-reset = Connexion en deux étapes et clés d'accès réinitialisées
security-event-recovery-codes = Nouveaux codes de secours créés

## Comment

security-method-password = avec un mot de passe
security-method-invite = avec un lien d'invitation
security-method-cli = en ligne de commande sur le serveur
security-method-api = par l'API
security-method-settings = sur la page des réglages
security-method-totp = avec un mot de passe et un code d'appli
security-method-recovery-code = avec un mot de passe et un code de secours
security-method-passkey = avec une clé d'accès
security-factor-totp = appli d'authentification
security-factor-passkey = clé d'accès
security-method-sso = par authentification unique
security-method-sso-email = par l'adresse e-mail qu'un administrateur a indiquée pour l'authentification unique
security-factor-sso = authentification unique
security-factor-sso-email = adresse e-mail pour l'authentification unique
