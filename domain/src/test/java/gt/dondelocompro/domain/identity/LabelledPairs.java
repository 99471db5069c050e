package gt.dondelocompro.domain.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled offer pairs of {@code identity/pairs.csv} (RFC 4180: quoted fields, doubled quotes) and the
 * pairwise scores of the identity rules on them: positive = SAME, UNSURE counts as not same.
 */
final class LabelledPairs {

    record Pair(ProductFacts left, ProductFacts right, boolean same, String kind) {
    }

    record Scores(int pairs, int truePositives, int falsePositives, int falseNegatives, int unsure,
                  List<String> mistakes) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private LabelledPairs() {
    }

    static List<Pair> load() {
        try (InputStream in = LabelledPairs.class.getResourceAsStream("/identity/pairs.csv")) {
            if (in == null) {
                throw new IllegalStateException("identity/pairs.csv is missing from the test resources");
            }
            List<List<String>> rows = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            List<Pair> pairs = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() != 10) {
                    throw new IllegalStateException("a row of pairs.csv has " + row.size() + " fields: " + row);
                }
                pairs.add(new Pair(facts(row, 0), facts(row, 4), row.get(8).equals("same"), row.get(9)));
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scores score(List<Pair> pairs) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int unsure = 0;
        List<String> mistakes = new ArrayList<>();
        for (Pair pair : pairs) {
            Match match = Identity.of(pair.left()).match(Identity.of(pair.right()));
            if (match.verdict() == Verdict.UNSURE) {
                unsure++;
            }
            boolean same = match.isSame();
            if (same && pair.same()) {
                tp++;
            } else if (same) {
                fp++;
            } else if (pair.same()) {
                fn++;
            }
            if (same != pair.same()) {
                mistakes.add((same ? "FALSE SAME " : "MISSED (" + match.verdict() + ") ") + match.reason() + " ["
                        + pair.kind() + "]: " + pair.left().name() + "  <>  " + pair.right().name());
            }
        }
        return new Scores(pairs.size(), tp, fp, fn, unsure, mistakes);
    }

    private static ProductFacts facts(List<String> row, int from) {
        return new ProductFacts(null, row.get(from), blankToNull(row.get(from + 1)), blankToNull(row.get(from + 2)),
                blankToNull(row.get(from + 3)), null);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    private static List<List<String>> parse(BufferedReader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int c;
        while ((c = reader.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
