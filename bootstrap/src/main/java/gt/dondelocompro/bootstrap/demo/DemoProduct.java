package gt.dondelocompro.bootstrap.demo;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One product of the bundled demo catalogue, at its reference price in quetzales, with the identifiers a real
 * store would print for it: the manufacturer's {@code model} and a {@code gtin} (each null when the product has
 * none), and its category path ("Cocina > Licuadoras"). {@code stores} lists where it is sold, each store with
 * what it does differently (its own title, price, stock or printed model); empty means every demo store sells it
 * at a price derived from the reference.
 */
record DemoProduct(String sku, String name, String brand, BigDecimal price, String model, String gtin,
                   String category, Map<String, At> stores) {

    DemoProduct {
        stores = Map.copyOf(stores);
    }

    /** How one store lists the product; each field null when the store keeps the catalogue's (or derived) value. */
    record At(String name, BigDecimal price, Boolean inStock, String model) {
    }

    boolean soldAt(DemoStore store) {
        return stores.isEmpty() || stores.containsKey(store.id());
    }

    private At at(DemoStore store) {
        return stores.getOrDefault(store.id(), new At(null, null, null, null));
    }

    String nameAt(DemoStore store) {
        return at(store).name() != null ? at(store).name() : name;
    }

    String modelAt(DemoStore store) {
        return at(store).model() != null ? at(store).model() : model;
    }

    BigDecimal priceAt(DemoStore store) {
        return at(store).price();
    }

    Boolean inStockAt(DemoStore store) {
        return at(store).inStock();
    }
}
