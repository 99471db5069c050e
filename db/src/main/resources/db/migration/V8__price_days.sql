-- DondeLoCompro schema, version 8: raw prices rolled up per product and day (issue 14, retention).
--
-- Raw rows of product_prices older than PRICE_RETENTION_DAYS are rolled up by a daily job into one row per product
-- and UTC day: the lowest, highest and last price of the day with the moments they were seen, then deleted. Price
-- history reads both tables, so a chart over two years still shows each old day's low, high and close.
CREATE TABLE product_price_days (
    product_id         bigint        NOT NULL,
    day                date          NOT NULL,
    currency           varchar(3)    NOT NULL,
    min_price          numeric(12,2) NOT NULL,
    min_at             timestamptz   NOT NULL,
    max_price          numeric(12,2) NOT NULL,
    max_at             timestamptz   NOT NULL,
    last_price         numeric(12,2) NOT NULL,
    last_at            timestamptz   NOT NULL,
    last_availability  varchar(20)   NOT NULL,
    observations       integer       NOT NULL,
    CONSTRAINT pk_product_price_days PRIMARY KEY (product_id, day),
    CONSTRAINT fk_product_price_days_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
    CONSTRAINT ck_product_price_days_prices CHECK (min_price >= 0 AND min_price <= max_price
        AND last_price BETWEEN min_price AND max_price),
    CONSTRAINT ck_product_price_days_availability CHECK (last_availability IN ('in_stock', 'out_of_stock', 'unknown')),
    CONSTRAINT ck_product_price_days_observations CHECK (observations >= 1)
);
