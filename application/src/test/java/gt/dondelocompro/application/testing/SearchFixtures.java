package gt.dondelocompro.application.testing;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds realistic finished searches for tests: stores, offers, failures, at chosen times. */
public final class SearchFixtures {

    public static final Vendor CEMACO = new Vendor("cemaco", "Cemaco", "https://www.cemaco.com", "vtex", true);
    public static final Vendor ELEKTRA = new Vendor("elektra", "Elektra", "https://www.elektra.com.gt", "vtex", true);
    public static final Vendor CURACAO = new Vendor("curacao", "La Curacao", "https://www.lacuracaonline.com", "magento", true);

    private SearchFixtures() {
    }

    public static Offer offer(Vendor vendor, String productId, String name, String price) {
        return Offer.of(vendor, productId, name, "Oster", vendor.baseUrl() + "/p/" + productId,
                vendor.baseUrl() + "/img/" + productId + ".jpg", Money.gtq(price), null, Availability.IN_STOCK);
    }

    /** A builder of one finished search. */
    public static Builder search(String query) {
        return new Builder(query);
    }

    /** A search of {@code query} that joined {@code source} as it started and followed it to its end. */
    public static SearchSnapshot joined(SearchSnapshot source, String query) {
        Search joined = Search.joining(UUID.randomUUID(), SearchQuery.of(query), source.id(), source.maxResults(), source.createdAt());
        source.events().forEach(joined::follow);
        return joined.snapshot();
    }

    public static final class Builder {
        private final String query;
        private UUID id = UUID.randomUUID();
        private int maxResults = 10;
        private Instant at = Instant.parse("2026-11-20T15:30:00.123456Z");
        private final Map<Vendor, List<Offer>> answers = new LinkedHashMap<>();
        private final Map<Vendor, FailureKind> failures = new LinkedHashMap<>();
        private String failedWith;

        private Builder(String query) {
            this.query = query;
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder maxResults(int maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder answered(Vendor vendor, Offer... offers) {
            answers.put(vendor, List.of(offers));
            return this;
        }

        public Builder failed(Vendor vendor, FailureKind kind) {
            failures.put(vendor, kind);
            return this;
        }

        /** The whole search failed (not just a store). */
        public Builder failedWith(String message) {
            this.failedWith = message;
            return this;
        }

        public SearchSnapshot build() {
            SearchQuery q = SearchQuery.of(query);
            Search search = Search.initiate(id, q, maxResults, at);
            List<Vendor> vendors = new ArrayList<>(answers.keySet());
            vendors.addAll(failures.keySet());
            Instant t = at.plusMillis(5);
            search.start(vendors, t);
            for (Vendor v : vendors) {
                search.vendorStarted(v.id(), t);
            }
            if (failedWith != null) {
                search.fail(failedWith, t.plusMillis(10));
                return search.snapshot();
            }
            int i = 1;
            for (var answer : answers.entrySet()) {
                Instant answeredAt = t.plusMillis(100L * i++);
                search.vendorAnswered(answer.getKey().id(), answer.getValue().stream().map(o -> o.scoredFor(q)).toList(),
                        Duration.between(t, answeredAt), answeredAt);
            }
            for (var failure : failures.entrySet()) {
                Instant failedAt = t.plusMillis(100L * i++);
                search.vendorFailed(failure.getKey().id(), failure.getValue(), "store " + failure.getKey().id() + " failed: " + failure.getValue().wireName(),
                        Duration.between(t, failedAt), failedAt);
            }
            search.complete(t.plusMillis(100L * i));
            return search.snapshot();
        }
    }
}
