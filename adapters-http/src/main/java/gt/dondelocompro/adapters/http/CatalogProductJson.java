package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.CatalogProduct;

import java.util.List;

/**
 * {@code GET /catalog-products/{id}}: one product across stores, with the latest offer of each store linked to it,
 * cheapest first, each an offer as the contract shows it everywhere plus its {@code product_id}.
 */
record CatalogProductJson(long catalogProductId, String name, String brand, String model, String gtin,
                          List<ProductJson> offers) {

    static CatalogProductJson from(CatalogProduct product) {
        return new CatalogProductJson(product.id(), product.name(), product.brand(), product.model(), product.gtin(),
                product.offers().stream().map(o -> ProductJson.from(product.asOffer(o), o.productId())).toList());
    }
}
