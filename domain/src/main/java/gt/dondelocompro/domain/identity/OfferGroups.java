package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Arrays;

/**
 * A search's offers grouped into products. Offers join only when the identity rules say SAME, transitively,
 * and two groups are never joined when any member of one is DIFFERENT from any member of the other (or is
 * priced in another currency). Groups are ordered by relevance (best first), then {@code priceMin}, then
 * their first offer. {@code cheapest} is the search's cheapest offer: the cheapest candidate
 * ({@link Offer#isCandidateForCheapest()}) of the first group in that order that has one, or null.
 * A pure function of its input: the same offers give the same groups.
 */
public record OfferGroups(List<ProductGroup> groups, Integer cheapest) {

    public OfferGroups {
        groups = List.copyOf(groups);
    }

    /** Groups offers with the facts they carry themselves (name, brand, store). */
    public static OfferGroups of(List<Offer> offers) {
        return of(offers, offers.stream().map(ProductFacts::of).toList());
    }

    /** Groups offers; {@code facts.get(i)} describes {@code offers.get(i)} (model, GTIN from the store). */
    public static OfferGroups of(List<Offer> offers, List<ProductFacts> facts) {
        if (offers.size() != facts.size()) {
            throw new IllegalArgumentException(offers.size() + " offers but " + facts.size() + " facts");
        }
        int n = offers.size();
        List<Identity> identities = facts.stream().map(Identity::of).toList();
        Joiner joiner = new Joiner(offers, identities);
        for (long pair : candidatePairs(identities)) { // ascending
            joiner.join((int) (pair / n), (int) (pair % n));
        }
        List<ProductGroup> groups = new ArrayList<>();
        for (List<Integer> members : joiner.groups()) {
            groups.add(group(members, offers, facts, identities));
        }
        groups.sort(Comparator.comparing(ProductGroup::relevance, Comparator.reverseOrder())
                .thenComparing(g -> g.priceMin().amount())
                .thenComparing(g -> g.offers().get(0)));
        return new OfferGroups(groups, searchCheapest(groups, offers));
    }

    /**
     * Pairs that can be SAME: those sharing a GTIN or a brand and model code; in ascending order (i * n + j,
     * i < j), so the joining order and the result do not depend on hashing.
     */
    private static long[] candidatePairs(List<Identity> identities) {
        Map<String, List<Integer>> buckets = new HashMap<>();
        for (int i = 0; i < identities.size(); i++) {
            Identity id = identities.get(i);
            if (id.gtin() != null) {
                buckets.computeIfAbsent("g:" + id.gtin().value(), k -> new ArrayList<>()).add(i);
            }
            if (id.brand() != null) {
                for (ModelCode code : id.models()) {
                    buckets.computeIfAbsent("m:" + id.brand() + '|' + code.code(), k -> new ArrayList<>()).add(i);
                }
            }
        }
        long n = identities.size();
        int count = 0;
        for (List<Integer> bucket : buckets.values()) {
            count += bucket.size() * (bucket.size() - 1) / 2;
        }
        long[] pairs = new long[count];
        int k = 0;
        for (List<Integer> bucket : buckets.values()) {
            for (int a = 0; a < bucket.size(); a++) {
                for (int b = a + 1; b < bucket.size(); b++) {
                    pairs[k++] = bucket.get(a) * n + bucket.get(b);
                }
            }
        }
        Arrays.sort(pairs);
        int distinct = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                pairs[distinct++] = pairs[i];
            }
        }
        return Arrays.copyOf(pairs, distinct);
    }

    private static ProductGroup group(List<Integer> members, List<Offer> offers, List<ProductFacts> facts,
                                      List<Identity> identities) {
        List<Integer> counted = members.stream()
                .filter(i -> offers.get(i).availability() != Availability.OUT_OF_STOCK).toList();
        if (counted.isEmpty()) {
            counted = members;
        }
        int cheapest = cheapestOf(counted, offers);
        Money min = offers.get(cheapest).price();
        Money max = counted.stream().map(i -> offers.get(i).price()).max(Comparator.naturalOrder()).orElseThrow();
        int best = members.get(0);
        for (int i : members) {
            if (offers.get(i).relevance().compareTo(offers.get(best).relevance()) > 0) {
                best = i;
            }
        }
        LinkedHashSet<String> stores = new LinkedHashSet<>();
        members.forEach(i -> stores.add(offers.get(i).vendorId()));
        String brand = offers.get(best).brand();
        if (brand == null || brand.isBlank()) {
            brand = Brands.displayName(identities.get(best).brand());
        }
        String model = null;
        String gtin = null;
        String matchKey = null;
        for (int i : members) {
            Identity id = identities.get(i);
            model = model == null ? id.model() : model;
            gtin = gtin == null && id.gtin() != null ? id.gtin().value() : gtin;
            matchKey = matchKey == null ? id.matchKey() : matchKey;
        }
        return new ProductGroup(members, cheapest, min, max, new Money(max.difference(min), min.currency()),
                List.copyOf(stores), offers.get(best).relevance(), facts.get(best).name(), brand, model, gtin, matchKey);
    }

    private static Integer searchCheapest(List<ProductGroup> groups, List<Offer> offers) {
        for (ProductGroup group : groups) {
            List<Integer> candidates = group.offers().stream()
                    .filter(i -> offers.get(i).isCandidateForCheapest()).toList();
            if (!candidates.isEmpty()) {
                return cheapestOf(candidates, offers);
            }
        }
        return null;
    }

    private static int cheapestOf(List<Integer> indexes, List<Offer> offers) {
        int cheapest = indexes.get(0);
        for (int i : indexes) {
            if (offers.get(i).price().compareTo(offers.get(cheapest).price()) < 0) {
                cheapest = i;
            }
        }
        return cheapest;
    }

    /** Union-find over offer indexes that checks every member of both sides before joining. */
    private static final class Joiner {
        private final List<Offer> offers;
        private final List<Identity> identities;
        private final int[] root;
        private final List<List<Integer>> members;

        Joiner(List<Offer> offers, List<Identity> identities) {
            this.offers = offers;
            this.identities = identities;
            int n = offers.size();
            root = new int[n];
            members = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                root[i] = i;
                members.add(new ArrayList<>(List.of(i)));
            }
        }

        void join(int i, int j) {
            int a = find(i);
            int b = find(j);
            if (a == b || !identities.get(i).match(identities.get(j)).isSame()) {
                return;
            }
            for (int x : members.get(a)) {
                for (int y : members.get(b)) {
                    if (!offers.get(x).price().currency().equals(offers.get(y).price().currency())
                            || identities.get(x).match(identities.get(y)).isDifferent()) {
                        return;
                    }
                }
            }
            int keep = Math.min(a, b);
            int gone = Math.max(a, b);
            root[gone] = keep;
            List<Integer> joined = members.get(keep);
            joined.addAll(members.get(gone));
            joined.sort(null);
            members.set(gone, null);
        }

        private int find(int i) {
            while (root[i] != i) {
                root[i] = root[root[i]];
                i = root[i];
            }
            return i;
        }

        List<List<Integer>> groups() {
            List<List<Integer>> groups = new ArrayList<>();
            for (int i = 0; i < root.length; i++) {
                if (root[i] == i) {
                    groups.add(List.copyOf(members.get(i)));
                }
            }
            return groups;
        }
    }
}
