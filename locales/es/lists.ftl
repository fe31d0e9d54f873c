# Las listas del hogar, una lista, editar un artículo, eliminar una lista y lo que dicen
# las páginas de listas tras un cambio. El historial está en history.ftl.

## Las listas (la página de inicio)

lists-title = Listas
lists-heading = Tus listas
lists-none = Aún no hay listas. Crea una aquí abajo.
lists-to-get = { $n ->
    [one] { $n } artículo por comprar
    [many] { $n } artículos por comprar
   *[other] { $n } artículos por comprar
}
lists-new-label = Nombre de la nueva lista
lists-new-placeholder = Nueva lista, p. ej. Compra semanal
lists-create = Crear
lists-archived = Listas archivadas ({ $n })

## Una lista: la barra, la conexión, la tienda

list-all-lists = Todas las listas
list-archived-badge = archivada
list-keep-screen-on = Mantener la pantalla encendida
list-no-store-html = Orden de pasillos predeterminado · <a href="/household#stores">Añade una tienda</a> para ordenar por sus pasillos
list-aisle-order = Orden de pasillos
list-aisle-order-default = Predeterminado
list-aisle-order-use = Usar

## Una lista: añadir, sugerencias, el total

list-removed = { $n ->
    [one] Se quitó { $n } artículo.
    [many] Se quitaron { $n } artículos.
   *[other] Se quitaron { $n } artículos.
}
list-undo = Deshacer
list-add-label = Añadir artículos (uno por línea o separados por comas)
list-add-placeholder = 2 l de leche, 1 kg de patatas, 6 huevos
list-add = Añadir
list-suggestions = Sugerencias
list-due-soon = Toca pronto
list-due-add = Añadir { $name }: { $why }
list-not-now = Ahora no
list-not-now-label = Ahora no: { $name }
list-due-days = cada ~{ $every ->
    [one] { $every } día
    [many] { $every } días
   *[other] { $every } días
}, comprado { $ago ->
    [0] hoy
    [1] ayer
   *[other] hace { $ago } días
}
list-due-weeks = cada ~{ $every ->
    [one] { $every } semana
    [many] { $every } semanas
   *[other] { $every } semanas
}, comprado { $ago ->
    [0] hoy
    [1] ayer
   *[other] hace { $ago } días
}
list-due-months = cada ~{ $every ->
    [one] { $every } mes
    [many] { $every } meses
   *[other] { $every } meses
}, comprado { $ago ->
    [0] hoy
    [1] ayer
   *[other] hace { $ago } días
}
list-templates = Plantillas
list-add-template = Añadir la plantilla { $name } ({ $n ->
    [one] { $n } artículo
    [many] { $n } artículos
   *[other] { $n } artículos
})
list-staples = Básicos
list-add-staple = Añadir básico { $name }
list-often = Comprados a menudo
list-add-name = Añadir { $name }
list-complete = Completar la línea
list-total = Total estimado: { $amount }
list-unpriced = { $n ->
    [one] { $n } artículo sin precio conocido
    [many] { $n } artículos sin precio conocido
   *[other] { $n } artículos sin precio conocido
}
list-empty = Aún no hay nada en esta lista.

## Una lista: las filas

list-check-off = Marcar
list-uncheck = Desmarcar
list-edit-label = Editar { $name }
list-remove-label = Quitar { $name }
list-done = Comprado
list-done-count = Comprado ({ $n })
list-clear = Quitar los marcados

## Una lista: la hoja de edición, ir a comprar, los ajustes de la lista

list-edit-title = Editar artículo
list-name = Nombre
list-amount = Cantidad
list-amount-placeholder = p. ej. 2, 500 g, ½ taza
list-note = Nota
list-note-placeholder = p. ej. ecológico
list-category = Categoría
list-save = Guardar
list-cancel = Cancelar
list-going-shopping = Voy a comprar
list-done-shopping = Compra terminada
list-settings = Ajustes de la lista
list-name-label = Nombre de la lista
list-rename = Renombrar
list-archive = Archivar
list-unarchive = Desarchivar
list-history = Historial
list-delete = Eliminar lista…
list-watch = Avísame de esta lista:
list-watch-added = cuando otros añadan artículos
list-watch-shopping = cuando alguien vaya a comprar o termine
list-push-on = Recibir notificaciones en este móvil
list-template-name = Nombre de la plantilla
list-template-placeholder = Nombre de la plantilla, p. ej. Semanal
list-save-template = Guardar como plantilla
list-template = Plantilla «{ $name }»: { $items }
list-delete-template-label = Eliminar la plantilla { $name }
list-delete-template = Eliminar

## Editar un artículo (la página sin JavaScript)

item-edit-title = Editar artículo
item-name = Nombre
item-quantity = Cantidad
item-quantity-placeholder = p. ej. 2
item-unit = Unidad
item-unit-none = ninguna
item-note = Nota
item-note-placeholder = p. ej. ecológico
item-category = Categoría
item-save = Guardar
item-cancel = Cancelar

## Eliminar una lista

list-delete-title = Eliminar lista
list-delete-heading = ¿Eliminar «{ $name }»?
list-delete-warning = { $n ->
    [one] La lista y su { $n } artículo desaparecerán para todo el hogar. No se puede deshacer.
    [many] La lista y sus { $n } artículos desaparecerán para todo el hogar. No se puede deshacer.
   *[other] La lista y sus { $n } artículos desaparecerán para todo el hogar. No se puede deshacer.
}
list-delete-confirm = Eliminar la lista
list-delete-keep = Conservarla

## Una confirmación que pide escribir una contraseña o un nombre

confirm-cancel = Cancelar

## Lo que se dice tras un cambio (arriba en la página de la lista)

list-renamed = Lista renombrada.
list-archived = Lista archivada.
list-unarchived = La lista vuelve a estar en uso.
list-deleted = Lista eliminada.
list-delete-unconfirmed = eliminar una lista necesita confirmación: usa el botón Eliminar de la página de confirmación
list-store-refused = `{ $value }` no es un id de tienda
list-merged-already = { $name } ya estaba en la lista
list-merged-already-amount = { $name } ya estaba en la lista ({ $amount })
list-merged-now = { $name }: ahora { $amount }
list-merged-changed = { $name }: { $from } → { $to }
list-added = { $n ->
    [one] Se añadió { $n } artículo.
    [many] Se añadieron { $n } artículos.
   *[other] Se añadieron { $n } artículos.
}
list-not-added = No añadido (corrígelo y vuelve a añadirlo, o vacía el cuadro): { $reasons }.
list-restored = { $n ->
    [one] Se restauró { $n } artículo.
    [many] Se restauraron { $n } artículos.
   *[other] Se restauraron { $n } artículos.
}
list-restore-none = no hay artículos que restaurar: `ids` debe enumerar ids de artículos como 1,2,3
item-unit-refused = `{ $value }` no es una unidad que aisle conozca
item-category-refused = `{ $value }` no es una categoría
list-not-now-said = { $days ->
    [one] «{ $name }» no se volverá a sugerir durante { $days } día.
    [many] «{ $name }» no se volverá a sugerir durante { $days } días.
   *[other] «{ $name }» no se volverá a sugerir durante { $days } días.
}
list-template-saved = Plantilla «{ $name }» guardada: añádela a cualquier lista desde sus sugerencias.
list-template-replaced = Plantilla «{ $name }» guardada; sustituye a la anterior.
list-template-added = { $n ->
    [one] Se añadió { $n } artículo de la plantilla.
    [many] Se añadieron { $n } artículos de la plantilla.
   *[other] Se añadieron { $n } artículos de la plantilla.
}
list-template-deleted = Plantilla eliminada.
