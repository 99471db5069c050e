package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.dondelocompro.adapters.scraping.http.FetchRequest;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Intelaf, searched through the JSON API its own site calls: a POST of the search form as JSON to
 * {@code search_url} (default {@link #DEFAULT_SEARCH_URL}) with the site's Origin and Referer. The answer (possibly
 * wrapped in {@code Response}) lists {@code Productos[]}: {@code Codigo} (page {@code /producto/{Codigo}}),
 * {@code Descripcion} (HTML-escaped), {@code PrecioNormal}, {@code PrecioDescuento} (the price when above 0),
 * {@code Imagen}, {@code Marca} and the stock per branch in {@code Existencia[]}.
 */
public final class IntelafStore extends PlatformStore {

    static final URI DEFAULT_SEARCH_URL = URI.create("https://api.intelaf.com:2053/app/api/producto/busqueda");

    public IntelafStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return config.searchUrl() == null ? DEFAULT_SEARCH_URL : config.searchUrl();
    }

    @Override
    protected FetchRequest request(String query, int limit) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("Query", query);
        body.put("Pagina", 1);
        body.put("CantidadMaxima", limit);
        body.put("PrecioMenor", 0);
        body.put("PrecioMayor", 100000);
        body.put("Orden", "default");
        body.put("Acendente", true);
        body.putArray("Marcas");
        body.putArray("SucursalesCodigo");
        body.putArray("Categorias");
        body.putObject("Instruccion").put("nombre", "busqueda").put("valor", "");
        body.put("NumeroRecienIngreso", 0);
        String origin = origin(config.baseUrl());
        return FetchRequest.post(searchUri(query, limit), accept(),
                Map.of("Content-Type", "application/json", "Origin", origin, "Referer", origin + "/"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "an Intelaf search object");
        JsonNode products = root.has("Response") ? Json.at(root, "Response", "Productos") : root.get("Productos");
        if (products == null || !products.isArray()) {
            throw new UnreadableResponseException("expected Productos[] (or Response.Productos[]) of an Intelaf search");
        }
        List<Listing> listings = new ArrayList<>();
        for (JsonNode product : products) {
            String code = Json.text(product, "Codigo");
            BigDecimal normal = positiveOrNull(Json.decimal(product.get("PrecioNormal")));
            BigDecimal discounted = positiveOrNull(Json.decimal(product.get("PrecioDescuento")));
            listings.add(new Listing(
                    code,
                    Json.text(product, "Descripcion"),
                    Json.text(product, "Marca"),
                    code == null ? null : "/producto/" + encode(code),
                    Json.text(product, "Imagen"),
                    discounted != null ? discounted : normal,
                    discounted != null ? normal : null,
                    null,
                    availability(product))
                    .withIdentifiers(null, null, Json.text(product, "AreaFuncionalDescripcion")));
        }
        return listings;
    }

    /** In stock when a branch has units or the warehouse does; out when the branch list says none. */
    private static Availability availability(JsonNode product) {
        JsonNode branches = product.get("Existencia");
        if (branches != null && branches.isArray()) {
            for (JsonNode branch : branches) {
                BigDecimal units = Json.decimal(branch.get("Existencia"));
                if (units != null && units.signum() > 0) {
                    return Availability.IN_STOCK;
                }
            }
        }
        if (Boolean.TRUE.equals(Json.bool(product.get("EnBodega")))) {
            return Availability.IN_STOCK;
        }
        return branches != null && branches.isArray() ? Availability.OUT_OF_STOCK : Availability.UNKNOWN;
    }
}
