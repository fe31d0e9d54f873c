# Las páginas del registro de seguridad. Véase docs/TRANSLATING.md.

security-title = Registro de seguridad
security-link = Registro de seguridad
security-intro-household = Inicios de sesión, bloqueos y cambios de contraseñas, tokens, invitaciones y miembros de este hogar, de lo más reciente a lo más antiguo. { $days ->
    [one] Las entradas se conservan un día.
   *[other] Las entradas se conservan { $days } días.
}
security-intro-instance = El registro de seguridad de cada hogar y lo que no pertenece a ningún hogar (inicios de sesión con nombres desconocidos, restauraciones, hogares eliminados), de lo más reciente a lo más antiguo. { $days ->
    [one] Las entradas se conservan un día.
   *[other] Las entradas se conservan { $days } días.
}
security-none = Todavía no se ha registrado nada.
security-older = Entradas anteriores
security-back-household = Volver al hogar
security-back-admin = Volver a la administración
security-failed = fallido
security-by = por { $name }
security-no-household = ningún hogar
security-role-granted = rol de administrador de la instancia concedido
security-role-revoked = rol de administrador de la instancia retirado
security-imported = importado de otro servidor
security-lockout-address = esta dirección agotó sus intentos
security-lockout-username = este nombre de usuario agotó sus intentos
security-tokens-revoked = { $n ->
    [one] un token de API revocado
   *[other] { $n } tokens de API revocados
}

## Qué pasó

security-event-login = Inicio de sesión
security-event-lockout = Bloqueado tras demasiados intentos fallidos
security-event-password-change = Contraseña cambiada
security-event-password-reset = Contraseña establecida por un administrador
security-event-token-create = Token de API creado
security-event-token-revoke = Token de API revocado
security-event-invite-create = Enlace de invitación creado
security-event-invite-revoke = Enlace de invitación retirado
security-event-join = Se unió al hogar
security-event-setup = Hogar configurado
security-event-member-remove = Miembro eliminado
security-event-account-delete = Cuenta eliminada por su titular
security-event-role-change = Rol cambiado
security-event-export = Hogar exportado
security-event-import = Importado en el hogar
security-event-restore = Base de datos restaurada desde una copia de seguridad
security-event-backup-download = Copia de seguridad de todo el servidor descargada
security-event-household-delete = Hogar eliminado
security-event-factor-add = Método de inicio de sesión añadido
security-event-factor-remove = Método de inicio de sesión eliminado
security-event-factor-reset = Inicio de sesión en dos pasos y llaves de acceso restablecidos
security-event-recovery-codes = Nuevos códigos de recuperación creados

## Cómo

security-method-password = con contraseña
security-method-invite = con un enlace de invitación
security-method-cli = en la línea de comandos del servidor
security-method-api = a través de la API
security-method-settings = en la página de ajustes
security-method-totp = con contraseña y un código de la aplicación
security-method-recovery-code = con contraseña y un código de recuperación
security-method-passkey = con una llave de acceso
security-factor-totp = aplicación de autenticación
security-factor-passkey = llave de acceso
security-method-sso = con inicio de sesión único
security-method-sso-email = con el correo que un administrador indicó para el inicio de sesión único
security-factor-sso = inicio de sesión único
security-factor-sso-email = correo para el inicio de sesión único
