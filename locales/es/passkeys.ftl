# Llaves de acceso: Ajustes → Llaves de acceso (/settings/passkeys) y el botón de llave de
# acceso de la página de inicio de sesión. Ver docs/TRANSLATING.md.

settings-passkeys-manage = Llaves de acceso…
passkeys-title = Llaves de acceso
passkeys-intro = Una llave de acceso te permite entrar con el bloqueo de pantalla de tu móvil (huella, cara o PIN) o con una llave de seguridad, sin tu contraseña ni ningún código. Añade una en cada móvil que uses.
passkeys-none = Todavía no tienes llaves de acceso.
passkeys-made = añadida el { $date }
passkeys-used = último uso el { $date }
passkeys-remove = Eliminar
passkeys-name = Nombre de la nueva llave de acceso
passkeys-name-placeholder = p. ej. móvil de Anna
passkeys-default-name = Llave de acceso
passkeys-add = Añadir una llave de acceso
passkeys-needs-script = Para añadir una llave de acceso hace falta JavaScript.
passkeys-unavailable = Las llaves de acceso solo funcionan si se accede al servidor por una dirección https:// con nombre (por ejemplo, una configurada con los propios certificados del servidor) o por localhost. Pide a quien lo administre que configure su dirección pública.
passkeys-added = Llave de acceso «{ $name }» añadida. Úsala para entrar desde la página de inicio de sesión.
passkeys-removed = Llave de acceso «{ $name }» eliminada.
passkeys-sign-in = Entrar con una llave de acceso
passkeys-sign-in-refused = esa llave de acceso no se aceptó: puede que se haya eliminado o que sea de otro servidor; entra con tu contraseña
