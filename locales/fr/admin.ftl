# La page d'administration de l'instance : tâches planifiées, sauvegardes, administrateurs.
# Voir docs/TRANSLATING.md.

admin-title = Administration
admin-certificate = Certificat HTTPS (mode { $mode }) valable jusqu'au { $date }
admin-no-certificate = HTTPS (mode { $mode }) : pas encore de certificat
admin-when = { $date }, { $time }

## Tâches planifiées

admin-jobs = Tâches planifiées
admin-job-backup = Sauvegarde
admin-job-refresh-products = Mise à jour des produits
admin-job-cleanup = Nettoyage
admin-run-now = Lancer
admin-schedule = Planification
admin-schedule-off = désactivée
admin-next = prochaine : { $when }
admin-last-run = Dernière exécution : { $run }
admin-last-never = Dernière exécution : jamais
admin-run-ok = réussie le { $when }
admin-run-failed = échouée le { $when }
admin-run-running = en cours depuis le { $when }
admin-job-ran = { $job } : { $message }

## Sauvegardes

admin-backups = Sauvegardes
admin-backups-where = Dans { $dir }. Copiez-les hors de cette machine, par exemple en faisant de ce dossier un montage NAS.
admin-no-backups = Pas encore de sauvegarde.
admin-backup-size = { $size } Mo
admin-verified = vérifiée
admin-failed-verification = échec de la vérification

## Administrateurs de l'instance

admin-instance-admins = Administrateurs de l'instance
admin-instance-admins-help = Les administrateurs de l'instance voient cette page : les tâches, et les sauvegardes, qui contiennent les données et les empreintes de mots de passe de tous les foyers. Il y en a toujours au moins un.
admin-account-of = ({ $household }, { $role })
admin-instance-admin = administrateur de l'instance
admin-give-up = Quitter ce rôle
admin-revoke = Retirer
admin-make = Nommer administrateur de l'instance
admin-granted = { $username } est désormais administrateur de l'instance.
admin-revoked = { $username } n'est plus administrateur de l'instance.
admin-you-revoked = Vous n'êtes plus administrateur de l'instance.
