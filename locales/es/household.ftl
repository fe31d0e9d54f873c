# La página del hogar (miembros, invitaciones, idioma, moneda, notificaciones, importar,
# tiendas, eliminar) y la página de una tienda (el orden de sus pasillos).

## Miembros

household-members = Miembros
household-role-member = miembro
household-role-admin = administrador
household-new-password-for = Nueva contraseña para { $username }
household-new-password = Nueva contraseña
household-reset-password = Restablecer contraseña
household-remove = Quitar
household-server-admin = Administración del servidor: tareas, copias de seguridad y administradores de la instancia
household-you-instance-admin = (eres administrador de la instancia)

## Invitaciones

household-invite = Invitar a alguien
household-invite-send = Envía este enlace (un solo uso, válido 7 días):
household-invite-copy = Copiar enlace
household-invite-share = Compartir enlace…
household-invite-qr = Código QR del enlace de invitación de arriba: escanéalo con la cámara del otro móvil para abrir el enlace
household-invite-scan = O escanea este código con la cámara del otro móvil.
household-role = Rol
household-create-invite = Crear enlace de invitación
household-invite-pending = Invitación ({ $role }), caduca el { $date }
household-revoke = Revocar

## El idioma del hogar: da nombre a las categorías predeterminadas

household-language = Idioma del hogar
household-language-help = El idioma del hogar da nombre a las categorías con las que empezó. Las categorías que hayas renombrado conservan su nombre.
household-language-label = Idioma
household-language-current = Este hogar habla { $language }.
household-language-partial = { $language } (traducción parcial)

## Moneda, notificaciones e importación

household-currency = Moneda
household-currency-label = Precios y totales en
household-save = Guardar
household-hooks = Notificaciones a tus propios servicios
household-hooks-help = aisle puede avisar a un tema de { $ntfy } o a un webhook (Home Assistant, Node-RED) cuando alguien añade artículos a una lista o sale a comprar. Ambos pueden quedarse en tu red doméstica. Deja una dirección vacía para desactivarla; un token de ntfy se guarda hasta que indiques otro o quites el tema.
household-ntfy-url = Dirección del tema de ntfy
household-ntfy-token = Token de acceso de ntfy
household-ntfy-token-set = Token de acceso de ntfy (ya hay uno)
household-webhook-url = Dirección del webhook (recibe JSON)
household-import = Importar
household-import-help = Añade a este hogar las listas, el historial y más de otra app o de una exportación de aisle. Aquí no se reemplaza nada; los artículos pendientes van a las listas y los comprados al historial, detrás de las sugerencias. Las líneas que no se pueden leer se omiten y se enumeran, y un archivo que no se puede leer en absoluto no añade nada.
household-import-from = Desde
household-import-aisle = aisle (una exportación, .json)
household-import-text = una lista pegada o un archivo de texto (un artículo por línea)
household-import-csv = una hoja de cálculo (.csv)
household-import-home-assistant = Lista de la compra de Home Assistant (su archivo JSON)
household-import-ical = tareas: Local To-do, Nextcloud Tasks (.ics)
household-import-google-keep = Google Keep, desde Takeout (el .json de una nota)
household-import-grocy = Grocy (su dirección y una clave de API, sin archivo)
household-import-mealie = Mealie (su dirección y un token de API, sin archivo)
household-import-kitchenowl = KitchenOwl (su dirección y un token de larga duración, sin archivo)
household-import-tandoor = Tandoor (su dirección y un token de API, sin archivo)
household-import-file = Archivo
household-import-url = Dirección (para las apps que se leen por su API)
household-import-token = Token de API

## Tiendas

household-stores = Tiendas
household-stores-help = Cada tienda tiene su propio orden de pasillos por categorías.
household-store-name = Nombre de la tienda
household-store-placeholder = Nueva tienda, p. ej. Frutería de la esquina
household-add-store = Añadir tienda

## Eliminar el hogar

household-delete = Eliminar el hogar
household-delete-help = Borra para siempre sus listas, tiendas, productos, precios y miembros (las copias de seguridad los conservan hasta que caducan).
household-delete-start = Eliminar el hogar…
household-delete-message = Todo lo de «{ $name }» se eliminará para siempre: cada lista, artículo, tienda y cuenta de miembro. Expórtalo antes si quizá quieras recuperarlo.
household-delete-prompt = Escribe el nombre del hogar ({ $name }) para confirmar
household-delete-mismatch = escribe el nombre exactamente como se muestra: { $name }

## Lo que dice la página tras un cambio

household-invite-revoked = Invitación revocada.
household-member-removed = { $name } ya no forma parte del hogar.
household-password-reset = { $n ->
    [0] Se restableció la contraseña de { $name }; tendrá que volver a iniciar sesión.
    [one] Se restableció la contraseña de { $name }; tendrá que volver a iniciar sesión, y se revocó su token de API.
    [many] Se restableció la contraseña de { $name }; tendrá que volver a iniciar sesión, y se revocaron sus { $n } tokens de API.
   *[other] Se restableció la contraseña de { $name }; tendrá que volver a iniciar sesión, y se revocaron sus { $n } tokens de API.
}
household-deleted = Se eliminó el hogar «{ $name }».
household-currency-saved = Los precios están ahora en { $currency }.
household-language-saved = El idioma del hogar es ahora { $language }.
household-language-unknown = `{ $code }` no es un idioma que aisle tenga; elige uno de la lista

## La página de una tienda: el orden en que se recorren sus pasillos

store-help = El orden en que recorres los pasillos. Las listas que usan esta tienda se ordenan así. Arrastra una categoría por su asa (≡) o usa sus flechas.
store-locked = Fijado: este orden se queda como está. Desbloquéalo para que aisle siga aprendiendo del orden en que marcas los artículos aquí.
store-learning = { $n ->
    [one] aisle aprende el orden de esta tienda según el orden en que marcas los artículos al comprar aquí, y respeta lo que colocas a mano. Le falta { $n } compra más con esta tienda elegida en la lista.
    [many] aisle aprende el orden de esta tienda según el orden en que marcas los artículos al comprar aquí, y respeta lo que colocas a mano. Le faltan { $n } compras más con esta tienda elegida en la lista.
   *[other] aisle aprende el orden de esta tienda según el orden en que marcas los artículos al comprar aquí, y respeta lo que colocas a mano. Le faltan { $n } compras más con esta tienda elegida en la lista.
}
store-learned = { $n ->
    [one] Aprendido de tu última compra aquí. Lo que colocas a mano se queda donde lo pusiste.
    [many] Aprendido de tus últimas { $n } compras aquí. Lo que colocas a mano se queda donde lo pusiste.
   *[other] Aprendido de tus últimas { $n } compras aquí. Lo que colocas a mano se queda donde lo pusiste.
}
store-placed-by-you = colocado por ti
store-placed-by-you-title = Lo colocaste tú aquí
store-learned-badge = aprendido
store-learned-title = Aprendido de tus compras
store-move-up = Subir { $category }
store-move-down = Bajar { $category }
store-unlock = Desbloquear el orden
store-lock = Fijar el orden
store-forget = Olvidar mis colocaciones
store-name = Nombre de la tienda
store-rename = Renombrar
store-delete = Eliminar tienda
store-renamed = Tienda renombrada.
store-deleted = Tienda eliminada.
store-locked-now = Orden fijado: se queda como está hasta que lo desbloquees.
store-unlocked-now = Orden desbloqueado: aisle vuelve a aprenderlo de tus compras.
store-forgotten = Tus colocaciones se han olvidado: aisle ordena esta tienda según tus compras.
