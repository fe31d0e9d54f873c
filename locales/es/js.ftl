# Lo que dicen los scripts de la página (assets/*.js): sincronización, mensajes bajo el
# cuadro de añadir, la conexión, la barra de deshacer, notificaciones e invitaciones.

## Sincronización: los cambios hechos en este móvil esperan en una cola

js-waiting = { $n ->
    [one] { $n } cambio pendiente de sincronizar
    [many] { $n } cambios pendientes de sincronizar
   *[other] { $n } cambios pendientes de sincronizar
}
js-logout-unsynced = { $n ->
    [one] { $n } cambio aún no se ha sincronizado. Se queda en este móvil y se enviará cuando { $username } vuelva a iniciar sesión aquí. ¿Cerrar sesión igualmente?
    [many] { $n } cambios aún no se han sincronizado. Se quedan en este móvil y se enviarán cuando { $username } vuelva a iniciar sesión aquí. ¿Cerrar sesión igualmente?
   *[other] { $n } cambios aún no se han sincronizado. Se quedan en este móvil y se enviarán cuando { $username } vuelva a iniciar sesión aquí. ¿Cerrar sesión igualmente?
}
js-log-in-again = Vuelve a iniciar sesión para sincronizar tus cambios.
js-token-refused = Tus cambios se guardan en este móvil, pero el servidor no los acepta desde esta página. Recarga la página para volver a intentarlo.
js-list-deleted = Esta lista se eliminó, así que los cambios hechos aquí no se pudieron guardar.
js-not-kept = Este móvil no pudo guardar ese cambio. Recarga la página y vuelve a hacerlo.
js-dropped-gone = Se descartó un cambio en «{ $name }»: ya no está en esta lista.
js-dropped-gone-unnamed = Se descartó un cambio en un artículo: ya no está en esta lista.
js-dropped-invalid = Un cambio en «{ $name }» no se pudo guardar y se descartó ({ $reason }).
js-dropped-invalid-unnamed = Un cambio en un artículo no se pudo guardar y se descartó ({ $reason }).
js-not-accepted = no aceptado
js-dropped = Un cambio en «{ $name }» no se pudo guardar y se descartó.
js-dropped-unnamed = Un cambio en un artículo no se pudo guardar y se descartó.
js-conflict-back = «{ $name }» ya había vuelto a la lista.
js-conflict-back-unnamed = Un artículo ya había vuelto a la lista.
js-conflict-removed = «{ $name }» se quitó en otro móvil mientras tanto, así que { $kind ->
    [check] no se marcó
    [uncheck] no se desmarcó
    [edit] no se aplicó tu edición
    [move] no se movió
   *[other] no se aplicó tu cambio
}.
js-conflict-removed-unnamed = Un artículo se quitó en otro móvil mientras tanto, así que { $kind ->
    [check] no se marcó
    [uncheck] no se desmarcó
    [edit] no se aplicó tu edición
    [move] no se movió
   *[other] no se aplicó tu cambio
}.
js-replaced = Tu edición de «{ $name }» sustituyó { $what }, que se había puesto en otro móvil mientras tanto.
js-replaced-unnamed = Tu edición de un artículo sustituyó { $what }, que se había puesto en otro móvil mientras tanto.
js-replaced-value = { $field ->
    [name] el nombre «{ $value }»
    [amount] la cantidad «{ $value }»
    [note] la nota «{ $value }»
    [category] la categoría «{ $value }»
   *[other] { $field } «{ $value }»
}
js-replaced-none = { $field ->
    [name] el nombre (vacío)
    [amount] la cantidad (vacía)
    [note] la nota (vacía)
    [category] la categoría (vacía)
   *[other] { $field } (vacío)
}

## El cuadro de añadir

js-not-added = No añadido (corrígelo y vuelve a añadirlo, o vacía el cuadro): { $reasons }.
js-refused-line = «{ $text }»: { $reason }
js-merged-already = { $name } ya estaba en la lista
js-merged-already-amount = { $name } ya estaba en la lista ({ $amount })
js-merged-now = { $name }: ahora { $amount }
js-merged-changed = { $name }: { $from } → { $to }
js-complete-with = Completar con { $name }

## Las filas de la lista

js-group-other = Otros
js-done-count = Comprado ({ $n })
js-just-added = Recién añadidos
js-not-synced-yet = aún sin sincronizar
js-row-check = Marcar
js-row-uncheck = Desmarcar
js-removed = Se quitó { $name }.
js-removed-unnamed = Se quitó un artículo.
js-undo = Deshacer
js-total = Total estimado: { $amount }
js-total-unpriced = { $n ->
    [one] { $n } artículo sin precio conocido
    [many] { $n } artículos sin precio conocido
   *[other] { $n } artículos sin precio conocido
}

## La conexión, sobre la lista

js-state-live = En directo
js-state-reconnecting = Reconectando…
js-state-offline = Sin conexión
js-synced-at = sincronizado a las { $time }

## La hoja de edición

js-sheet-not-saved = No guardado: { $reason }. Cámbialo y vuelve a guardar, o cancela.

## El orden de pasillos de una tienda

js-order-saved = Guardado: { $category } está ahora en el puesto { $position }.
js-order-not-saved = El nuevo orden no se guardó ({ $reason }). Recarga la página para ver el orden guardado y vuelve a intentarlo.
js-server-answered = el servidor respondió { $status }

## Pantalla y cámara

js-wake-lock-failed = Aquí no se puede mantener la pantalla encendida ({ $reason }).
js-camera-unavailable = La cámara no está disponible aquí; escribe el número.

## Notificaciones en este móvil (ajustes de una lista)

js-push-needs-https = Este navegador no puede recibir aquí notificaciones de aisle: hace falta aisle por HTTPS (ver TLS en la guía del administrador).
js-push-blocked = Las notificaciones de aisle están bloqueadas en este navegador; permítelas en los ajustes del sitio y vuelve a intentarlo.
js-push-no-key = aisle no puede enviar notificaciones ahora mismo (falta su clave push); pide al administrador que revise el registro del servidor.
js-push-on = Este móvil ya recibe notificaciones. Elige arriba de qué quieres que te avisemos en esta lista.
js-push-off = Este móvil ya no recibe notificaciones de aisle.
js-push-start = Recibir notificaciones en este móvil
js-push-stop = Dejar de recibir notificaciones en este móvil
js-push-failed = No ha funcionado: { $reason }. Revisa la conexión y vuelve a intentarlo.
js-push-answered = aisle respondió { $status }

## Invitar a alguien al hogar

js-invite-copied = Enlace copiado. Pégalo en un mensaje para la persona a la que invitas.
js-invite-copy-failed = No se pudo copiar el enlace: selecciónalo arriba y cópialo a mano.
js-invite-share-title = Únete a nuestro hogar en aisle
js-invite-share-failed = No se pudo compartir el enlace: cópialo.
js-passkey-cancelled = No se usó ninguna llave de acceso. Vuelve a intentarlo o usa tu contraseña.
js-passkey-failed = La llave de acceso no funcionó aquí. Vuelve a intentarlo o usa tu contraseña.
js-passkey-password-wrong = La contraseña no es correcta: escribe tu contraseña actual y luego añade la llave de acceso.
