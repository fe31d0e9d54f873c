# La cuenta de cada persona: entrar, configurar aisle, unirse a un hogar, confiar en la
# autoridad de certificación del servidor y los ajustes. Ver docs/TRANSLATING.md.

## Elegir idioma (ajustes y configuración)

account-language-browser = El de mi navegador
account-language-partly = { $language } (traducción parcial)
account-language-unknown = aisle no tiene ese idioma; elige uno de la lista

## Entrar y salir (/login)

login-title = Iniciar sesión
login-username = Usuario
login-password = Contraseña
login-submit = Entrar
login-no-account = ¿No tienes cuenta? Pide a alguien de tu hogar un enlace de invitación.
login-wrong = usuario o contraseña incorrectos
logout-done = Sesión cerrada.

## Configurar aisle (/setup): el primer hogar y su administrador

setup-title = Configurar aisle
setup-heading = Bienvenido a aisle
setup-intro = Crea tu hogar y su primer administrador.
setup-household = Nombre del hogar
setup-currency = Moneda de precios y totales
setup-currency-hint = Un código de tres letras como EUR, USD o MXN, sugerido según la región de tu navegador; puedes cambiarlo luego en la página del hogar.
setup-language = Idioma del hogar
setup-language-hint = Da nombre a las categorías predeterminadas del hogar (Frutas y verduras, Panadería…); puedes cambiarlo luego en la página del hogar.
setup-username = Tu usuario
setup-password = Contraseña (mínimo 8 caracteres)
setup-submit = Crear hogar
setup-welcome = ¡Bienvenido! Crea tu primera lista aquí abajo.

## Unirse a un hogar con un enlace de invitación (/invite/…)

join-title = Unirse
join-heading = Unirse a { $household }
join-intro = Elige un usuario y una contraseña para unirte a este hogar en aisle.
join-username = Usuario
join-password = Contraseña (mínimo 8 caracteres)
join-submit = Unirme
join-welcome = ¡Bienvenido a { $household }!

## Confiar en la autoridad de certificación del servidor (/ca, modo TLS local-ca).
## Las rutas de menú son las de los ajustes del móvil en español.

ca-title = Confiar en este servidor
ca-heading = Confiar en este servidor de aisle
ca-intro = Este servidor crea sus propios certificados para tu red doméstica. Instala su autoridad de certificación una vez en cada móvil y el navegador confiará en aisle por HTTPS, lo que permite a aisle funcionar sin conexión y usar la cámara para los códigos de barras.
ca-download = Descargar el certificado (aisle-ca.crt)
ca-android = Android
ca-android-download = Descarga el certificado de arriba.
ca-android-open = Abre este menú (los nombres cambian un poco según el móvil; busca «certificado de CA» en Ajustes):
ca-android-path = Ajustes → Seguridad y privacidad → Más ajustes de seguridad → Cifrado y credenciales → Instalar un certificado → Certificado de CA
ca-android-confirm = Confirma «Instalar de todos modos» y elige aisle-ca.crt en Descargas.
ca-open-https = Vuelve a abrir aisle con una dirección que empiece por https://.
ca-ios = iPhone y iPad
ca-ios-download = Abre esta página en Safari y descarga el certificado; permite la descarga del perfil.
ca-ios-open = Abre este menú:
ca-ios-profiles-path = Ajustes → General → VPN y gestión de dispositivos
ca-ios-install = Toca el perfil «aisle local CA» y luego Instalar.
ca-ios-trust-path = Ajustes → General → Información → Ajustes de confianza de certificados
ca-ios-trust = Activa la confianza total para «aisle local CA».
ca-key-note = La autoridad de certificación solo puede avalar los nombres de este servidor; mantén privado el directorio de datos, porque ahí está su clave.

## Los ajustes de cada persona (/settings)

settings-title = Ajustes
settings-language = Idioma
settings-language-choose = Tu idioma
settings-language-hint = En todos los dispositivos en los que inicies sesión.
settings-language-save = Guardar idioma
settings-language-saved = Idioma guardado.
settings-password = Cambiar tu contraseña
settings-password-current = Contraseña actual
settings-password-new = Nueva contraseña (mínimo 8 caracteres)
settings-password-end-tokens = Revocar también mis tokens de API (los scripts y apps que los usan necesitarán otros nuevos)
settings-password-submit = Cambiar contraseña
settings-password-wrong = la contraseña actual es incorrecta
settings-password-changed = Contraseña cambiada. Se cerró la sesión en los demás dispositivos.
settings-password-changed-kept = { $n ->
    [one] Contraseña cambiada. Se cerró la sesión en los demás dispositivos. Tu token de API sigue funcionando.
    [many] Contraseña cambiada. Se cerró la sesión en los demás dispositivos. Tus { $n } tokens de API siguen funcionando.
   *[other] Contraseña cambiada. Se cerró la sesión en los demás dispositivos. Tus { $n } tokens de API siguen funcionando.
}
settings-password-changed-revoked = { $n ->
    [one] Contraseña cambiada. Se cerró la sesión en los demás dispositivos y se revocó tu token de API.
    [many] Contraseña cambiada. Se cerró la sesión en los demás dispositivos y se revocaron tus { $n } tokens de API.
   *[other] Contraseña cambiada. Se cerró la sesión en los demás dispositivos y se revocaron tus { $n } tokens de API.
}
settings-tokens = Tokens de API
settings-token-new = Tu nuevo token (solo se muestra ahora, cópialo):
settings-tokens-none = No hay tokens.
settings-token-made = ({ $username }, creado el { $date })
settings-token-revoke = Revocar
settings-token-name = Nombre del token
settings-token-name-placeholder = Nombre del token, p. ej. Home Assistant
settings-token-create = Crear token
settings-token-revoked = Token revocado.
settings-data = Tus datos
settings-export = Exportar el hogar (JSON)
settings-delete = Eliminar mi cuenta…

## Eliminar la propia cuenta (/settings/delete)

settings-delete-title = Eliminar tu cuenta
settings-delete-message = Se eliminarán tu cuenta, sus sesiones y sus tokens de API. Las listas del hogar se quedan para los demás.
settings-delete-prompt = Tu contraseña, para confirmar
settings-delete-submit = Eliminar mi cuenta
settings-delete-wrong = la contraseña es incorrecta
settings-delete-only-member = eres el único miembro del hogar: elimina el hogar en su lugar (página Hogar)
settings-delete-only-admin = eres el único administrador del hogar: invita antes a otro administrador o elimina el hogar
settings-deleted = Tu cuenta se ha eliminado.

## Avisos tras guardar en otras páginas

flash-watch-off = No recibirás avisos de esta lista.
flash-watch-no-phone = Guardado. Activa las notificaciones en tu móvil (abajo) para recibir avisos; el tema de ntfy o el webhook del hogar también se enteran.
flash-watch-phones = Guardado: tus móviles recibirán avisos.
flash-shopping-going = Los demás que lo pidieron saben que vas a hacer la compra.
flash-shopping-done = Los demás que lo pidieron saben que ya terminaste la compra.
flash-hooks-saved = Direcciones de notificación guardadas.
flash-hooks-token-dropped = Direcciones de notificación guardadas. El token de ntfy no se ha guardado: el tema está ahora en otro servidor; indica el token de ese servidor si lo necesita.
