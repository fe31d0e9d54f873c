# The products page (barcode, search, adding by hand) and one product's page (its prices
# and their chart). See docs/TRANSLATING.md.

products-title = Products
products-barcode = Scan or type a barcode
products-barcode-label = Barcode number
products-barcode-placeholder = e.g. 3017620422003
products-look-up = Look up
products-add-it = Add it by hand
products-scan = Scan with the camera
products-search = Search
products-search-label = Search products
products-search-placeholder = Search your products
products-search-online = Search online
products-none = No products yet: scan one, search online, or add one below.
products-no-match = Nothing in your products matches “{ $query }”.
# A badge: the product is a staple (offered on every list).
products-staple = staple
products-from-off = From Open Food Facts
products-none-online = Nothing found online.
products-by-hand = Add a product by hand
products-name = Name
products-brand = Brand (optional)
products-barcode-optional = Barcode (optional)
products-add = Add product
# After why a barcode gave no product: the hand-add form below holds the barcode.
products-lookup-filled-in = The form below has the barcode filled in.
products-lookup-by-hand = You can add it by hand below: the barcode is filled in.

## One product

product-picture = Picture of { $name }
product-no-barcode = no barcode
product-list = List
product-add-to-list = Add to list
product-unsave = Remove from staples
product-save = Save as a staple
product-prices = Prices
product-no-prices = No prices yet.
# The chart's description: days and the lowest and highest price, already written out.
product-chart = Price history from { $from } to { $to }, between { $low } and { $high }
product-chart-caption = { $from } – { $to } · low { $low } · high { $high }
product-add-price = Add a price
product-price = Price
# An example amount, with this language's decimal mark.
product-price-placeholder = 2.49
product-currency = Currency
product-store = Store
product-pack = Pack size (optional)
product-pack-placeholder = e.g. 1 l
product-date = Date
product-save-price = Save price
product-all-prices = All prices ({ $n })
# Where a price came from when someone of the household entered it.
product-source-you = you
product-saved = Saved as a staple.
product-unsaved = No longer a staple.
# $name is the product's name, now on the list.
product-added = Added { $name }.
product-price-saved = Price saved.
