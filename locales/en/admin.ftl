# The instance admin page: scheduled jobs, backups, and who the instance admins are.
# See docs/TRANSLATING.md.

admin-title = Admin
# $mode is the TLS mode as configured (Acme, Files, LocalCa); $date when it ends.
admin-certificate = HTTPS certificate ({ $mode } mode) valid until { $date }
admin-no-certificate = HTTPS ({ $mode } mode): no certificate yet
# A moment in the server's time: $date as the `date` message writes it, $time as 14:05.
admin-when = { $date }, { $time }

## Scheduled jobs

admin-jobs = Scheduled jobs
admin-job-backup = backup
admin-job-refresh-products = refresh_products
admin-job-cleanup = cleanup
admin-run-now = Run now
# Followed by the job's schedule, in cron syntax.
admin-schedule = Schedule
admin-schedule-off = off
admin-next = next { $when }
admin-last-run = Last run: { $run }
admin-last-never = Last run: never
# How the last run ended, and when it started.
admin-run-ok = ok at { $when }
admin-run-failed = failed at { $when }
admin-run-running = running at { $when }
# After "Run now": the job's name, then what it did (in the server's words).
admin-job-ran = { $job }: { $message }

## Backups

admin-backups = Backups
# $dir becomes the backup directory, written as code.
admin-backups-where = In { $dir }. Copy them off this machine, e.g. by making that directory a NAS mount.
admin-no-backups = No backups yet.
# $size is already written with this language's decimal mark.
admin-backup-size = { $size } MB
admin-verified = verified
admin-failed-verification = failed verification

## Instance admins

admin-instance-admins = Instance admins
admin-instance-admins-help = Instance admins see this page: the jobs, and the backups, which hold every household's data and password hashes. There is always at least one.
# $role is household-role-member or household-role-admin.
admin-account-of = ({ $household }, { $role })
admin-instance-admin = instance admin
admin-give-up = Give up the role
admin-revoke = Revoke
admin-make = Make instance admin
admin-granted = { $username } is now an instance admin.
admin-revoked = { $username } is no longer an instance admin.
admin-you-revoked = You are no longer an instance admin.
