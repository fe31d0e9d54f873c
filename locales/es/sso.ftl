# Inicio de sesión único a través del proveedor de identidad del hogar (OpenID Connect): el
# botón de la página de inicio de sesión, Ajustes → Inicio de sesión único (/settings/sso) y
# los correos de inicio de sesión de la página del hogar. Ver docs/TRANSLATING.md.

sso-provider-default = inicio de sesión único
sso-log-in = Entrar con inicio de sesión único
sso-log-in-with = Entrar con { $provider }
sso-unknown = Has iniciado sesión en { $provider }, pero ninguna cuenta de aquí está vinculada a ese inicio de sesión. Entra con tu contraseña y vincula tu cuenta en Ajustes → Inicio de sesión único, o pide al administrador de tu hogar que añada tu correo electrónico a tu cuenta.
settings-sso-manage = Inicio de sesión único…
sso-title = Inicio de sesión único
sso-intro = Vincula tu cuenta con tu inicio de sesión en { $provider }: así el botón de la página de inicio de sesión te deja entrar sin tu contraseña de aquí. Tu contraseña sigue funcionando.
sso-not-linked = Tu cuenta todavía no está vinculada con { $provider }.
sso-is-linked = Tu cuenta está vinculada con tu inicio de sesión en { $provider }.
sso-is-linked-as = Tu cuenta está vinculada con tu inicio de sesión en { $provider } ({ $who }).
sso-linked-on = vinculada el { $date }
sso-link = Vincular con { $provider }
sso-unlink = Desvincular
sso-linked = Tu cuenta ya está vinculada ({ $who }). Para entrar, usa el botón de inicio de sesión único de la página de inicio de sesión.
sso-unlink-no-password = Tu cuenta no tiene contraseña aquí: sin este vínculo no podrías volver a entrar. Pide primero al administrador de tu hogar que te ponga una contraseña.
sso-unlinked = Tu cuenta ya no está vinculada: entra con tu contraseña.

## Página del hogar (administradores)

household-sso-on = inicio de sesión único
household-sso-email = correo para el inicio de sesión único
household-sso-email-for = Correo con el que { $username } inicia sesión en el proveedor de identidad
household-sso-email-save = Guardar
household-sso-unlink = Desvincular el inicio de sesión único
household-sso-email-set = La cuenta de { $name } se vinculará en su primer inicio de sesión único con { $email } (el proveedor de identidad debe confirmar ese correo).
household-sso-email-removed = { $name } ya no tiene correo para el inicio de sesión único.
household-sso-unlinked = { $name } ya no entra con inicio de sesión único.
household-sso-email-invalid = «{ $email }» no es una dirección de correo como anna@example.org.
household-sso-email-taken = Otra cuenta ya tiene { $email } para el inicio de sesión único: cada correo vincula una sola cuenta.

## Cuando el inicio de sesión único no ha dejado entrar a nadie

sso-error-unavailable = El inicio de sesión único no está configurado en este servidor.
sso-error-busy = Hay demasiados inicios de sesión únicos en curso. Vuelve a intentarlo dentro de unos minutos.
sso-error-expired = Este inicio de sesión único ha caducado o se empezó en otro navegador. Empieza de nuevo desde la página de entrada.
sso-error-provider = No se ha podido contactar con el proveedor de identidad, o ha dado una respuesta que este servidor no puede usar. Vuelve a intentarlo más tarde, o entra con tu contraseña.
sso-error-refused = La respuesta del proveedor de identidad no ha superado las comprobaciones de este servidor. Empieza de nuevo desde la página de entrada; si sigue pasando, pide a quien gestiona el servidor que mire su registro.
sso-error-denied = El proveedor de identidad no te ha dejado entrar ({ $code }). Empieza de nuevo desde la página de entrada, o entra con tu contraseña.
