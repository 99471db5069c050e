package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.PriceObservation;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.util.List;
import java.util.Objects;

/** The recorded store products an alert target stands for, each with what is needed to find it again at its store. */
public interface TrackedProductRepository {

    /**
     * A store product target: that product; a catalog product target: every store product linked to it. Empty for an
     * unknown target.
     */
    List<TrackedProduct> productsOf(AlertTarget target);

    /**
     * One recorded store product: its key at the store, its name, brand and (from its catalog product) model for the
     * query that finds it again, and its latest observation (null when none).
     */
    record TrackedProduct(long productId, Long catalogProductId, ProductKey key, String vendorName, String name,
                          String brand, String model, String url, PriceObservation latest) {
        public TrackedProduct {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
        }
    }
}
