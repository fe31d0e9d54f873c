# De beheerpagina van de instantie: geplande taken, backups en de beheerders.
# Zie docs/TRANSLATING.md.

admin-title = Beheer
admin-certificate = HTTPS-certificaat (modus { $mode }) geldig tot { $date }
admin-no-certificate = HTTPS (modus { $mode }): nog geen certificaat
admin-when = { $date }, { $time }

## Geplande taken

admin-jobs = Geplande taken
admin-job-backup = Backup
admin-job-refresh-products = Producten bijwerken
admin-job-cleanup = Opruimen
admin-run-now = Nu uitvoeren
admin-schedule = Planning
admin-schedule-off = uit
admin-next = volgende { $when }
admin-last-run = Laatst uitgevoerd: { $run }
admin-last-never = Laatst uitgevoerd: nooit
admin-run-ok = gelukt op { $when }
admin-run-failed = mislukt op { $when }
admin-run-running = bezig sinds { $when }
admin-job-ran = { $job }: { $message }

## Backups

admin-backups = Backups
admin-backups-where = In { $dir }. Kopieer ze naar een andere machine, bijvoorbeeld door van die map een NAS-koppeling te maken.
admin-no-backups = Nog geen backups.
admin-backup-size = { $size } MB
admin-verified = gecontroleerd
admin-failed-verification = controle mislukt

## Beheerders van de instantie

admin-instance-admins = Beheerders van de instantie
admin-instance-admins-help = Beheerders van de instantie zien deze pagina: de taken en de backups, met de gegevens en wachtwoordhashes van elk huishouden. Er is er altijd minstens één.
admin-account-of = ({ $household }, { $role })
admin-instance-admin = beheerder van de instantie
admin-give-up = Rol opgeven
admin-revoke = Intrekken
admin-make = Beheerder van de instantie maken
admin-granted = { $username } is nu beheerder van de instantie.
admin-revoked = { $username } is geen beheerder van de instantie meer.
admin-you-revoked = Je bent geen beheerder van de instantie meer.
