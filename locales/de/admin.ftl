# Die Seite der Instanz-Admins: geplante Jobs, Backups und wer Instanz-Admin ist.

admin-title = Admin
admin-certificate = HTTPS-Zertifikat (Modus { $mode }) gültig bis { $date }
admin-no-certificate = HTTPS (Modus { $mode }): noch kein Zertifikat
admin-when = { $date }, { $time } Uhr

## Geplante Jobs

admin-jobs = Geplante Jobs
admin-job-backup = Backup
admin-job-refresh-products = Produkte aktualisieren
admin-job-cleanup = Aufräumen
admin-run-now = Jetzt ausführen
admin-schedule = Zeitplan
admin-schedule-off = aus
admin-next = nächster Lauf: { $when }
admin-last-run = Letzter Lauf: { $run }
admin-last-never = Letzter Lauf: nie
admin-run-ok = erfolgreich am { $when }
admin-run-failed = fehlgeschlagen am { $when }
admin-run-running = läuft seit { $when }
admin-job-ran = { $job }: { $message }

## Backups

admin-backups = Backups
admin-backups-where = In { $dir }. Kopiere sie auf ein anderes Gerät, z. B. indem du dieses Verzeichnis auf einem NAS einhängst.
admin-no-backups = Noch keine Backups.
admin-backup-size = { $size } MB
admin-verified = geprüft
admin-failed-verification = Prüfung fehlgeschlagen

## Instanz-Admins

admin-instance-admins = Instanz-Admins
admin-instance-admins-help = Instanz-Admins sehen diese Seite: die Jobs und die Backups, die die Daten und Passwort-Hashes aller Haushalte enthalten. Es gibt immer mindestens einen.
admin-account-of = ({ $household }, { $role })
admin-instance-admin = Instanz-Admin
admin-give-up = Rolle abgeben
admin-revoke = Entziehen
admin-make = Zum Instanz-Admin machen
admin-granted = { $username } ist jetzt Instanz-Admin.
admin-revoked = { $username } ist kein Instanz-Admin mehr.
admin-you-revoked = Du bist kein Instanz-Admin mehr.
