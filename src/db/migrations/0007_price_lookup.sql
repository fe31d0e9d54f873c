-- The list's estimated total finds each product's price at the list's store by index,
-- newest first, instead of sorting the product's whole price history (a 60-item list of
-- products with 30 prices each cost ~2 ms a page; docs/PERFORMANCE.md).
CREATE INDEX prices_product_store ON prices(product_id, store_id, observed_on);
