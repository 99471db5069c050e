package gt.dondelocompro.bootstrap.demo;

import java.math.BigDecimal;

/** One product of the bundled demo catalogue, at its reference price in quetzales. */
record DemoProduct(String sku, String name, String brand, BigDecimal price) {
}
