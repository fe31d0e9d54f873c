# La página de productos (código de barras, búsqueda, añadir a mano) y la de un producto
# (sus precios y su gráfico).

products-title = Productos
products-barcode = Escanea o escribe un código de barras
products-barcode-label = Número del código de barras
products-barcode-placeholder = p. ej. 3017620422003
products-look-up = Buscar
products-add-it = Añadirlo a mano
products-scan = Escanear con la cámara
products-search = Buscar
products-search-label = Buscar productos
products-search-placeholder = Busca en tus productos
products-search-online = Buscar en internet
products-none = Aún no hay productos: escanea uno, búscalo en internet o añade uno aquí abajo.
products-no-match = Ninguno de tus productos coincide con «{ $query }».
products-staple = básico
products-from-off = De Open Food Facts
products-none-online = No se encontró nada en internet.
products-by-hand = Añadir un producto a mano
products-name = Nombre
products-brand = Marca (opcional)
products-barcode-optional = Código de barras (opcional)
products-add = Añadir producto
products-lookup-filled-in = El formulario de abajo ya tiene el código de barras.
products-lookup-by-hand = Puedes añadirlo a mano aquí abajo: el código de barras ya está puesto.

## Un producto

product-picture = Imagen de { $name }
product-no-barcode = sin código de barras
product-list = Lista
product-add-to-list = Añadir a la lista
product-unsave = Quitar de básicos
product-save = Guardar como básico
product-prices = Precios
product-no-prices = Aún no hay precios.
product-chart = Evolución del precio del { $from } al { $to }, entre { $low } y { $high }
product-chart-caption = { $from } – { $to } · mín. { $low } · máx. { $high }
product-add-price = Añadir un precio
product-price = Precio
product-price-placeholder = 2,49
product-currency = Moneda
product-store = Tienda
product-pack = Tamaño del envase (opcional)
product-pack-placeholder = p. ej. 1 l
product-date = Fecha
product-save-price = Guardar precio
product-all-prices = Todos los precios ({ $n })
product-source-you = tú
product-saved = Guardado como básico.
product-unsaved = Ya no es un básico.
product-added = { $name } añadido.
product-price-saved = Precio guardado.
