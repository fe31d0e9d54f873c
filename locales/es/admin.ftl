# La página de administración de la instancia: tareas programadas, copias de seguridad y
# quiénes administran la instancia.

admin-title = Administración
admin-certificate = Certificado HTTPS (modo { $mode }) válido hasta el { $date }
admin-no-certificate = HTTPS (modo { $mode }): aún no hay certificado
admin-when = { $date }, { $time }

## Tareas programadas

admin-jobs = Tareas programadas
admin-job-backup = Copia de seguridad
admin-job-refresh-products = Actualizar productos
admin-job-cleanup = Limpieza
admin-run-now = Ejecutar ahora
admin-schedule = Programación
admin-schedule-off = desactivada
admin-next = próxima: { $when }
admin-last-run = Última ejecución: { $run }
admin-last-never = Última ejecución: nunca
admin-run-ok = correcta el { $when }
admin-run-failed = fallida el { $when }
admin-run-running = en curso desde el { $when }
admin-job-ran = { $job }: { $message }

## Copias de seguridad

admin-backups = Copias de seguridad
admin-backups-where = En { $dir }. Cópialas fuera de esta máquina, p. ej. montando ese directorio en un NAS.
admin-no-backups = Aún no hay copias de seguridad.
admin-backup-size = { $size } MB
admin-verified = verificada
admin-failed-verification = verificación fallida

## Administradores de la instancia

admin-instance-admins = Administradores de la instancia
admin-instance-admins-help = Los administradores de la instancia ven esta página: las tareas y las copias de seguridad, que contienen los datos y los hashes de contraseñas de todos los hogares. Siempre hay al menos uno.
admin-account-of = ({ $household }, { $role })
admin-instance-admin = administrador de la instancia
admin-give-up = Renunciar al rol
admin-revoke = Revocar
admin-make = Hacer administrador de la instancia
admin-granted = { $username } es ahora administrador de la instancia.
admin-revoked = { $username } ya no es administrador de la instancia.
admin-you-revoked = Ya no eres administrador de la instancia.
