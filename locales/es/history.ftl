# El historial de una lista: quién hizo qué, y deshacer.

history-title = Historial de { $list }
history-heading = Historial de «{ $list }»
history-intro = Quién añadió, marcó, cambió o quitó qué en esta lista. Los cambios de las últimas 24 horas se pueden deshacer mientras nada haya cambiado el artículo desde entonces.
history-none = Aún no ha pasado nada en esta lista.
history-back = Volver a la lista

## Una línea del historial. $who es el nombre de un miembro, $item el de un artículo.

history-added = { $who } añadió { $item }
history-checked = { $who } marcó { $item }
history-unchecked = { $who } desmarcó { $item }
history-changed = { $who } cambió { $item }
history-removed = { $who } quitó { $item }
history-restored = { $who } volvió a poner { $item }
history-someone = Alguien
history-undone = deshecho
history-undo = Deshacer
history-undo-label = Deshacer: { $what }
history-undone-said = Deshecho: «{ $item }» está como estaba.
