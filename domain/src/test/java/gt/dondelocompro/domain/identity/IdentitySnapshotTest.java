package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Offer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards that rewriting the evidence extraction for speed changes no decision: the evidence
 * ({@link Identity}, its match key and model, the brand and quantities), the verdicts on pairs and the groups
 * of the benchmark's catalogues are compared, as hashes, with {@code identity/snapshot.txt}, written from
 * the rules before they were rewritten. Inputs: every offer of {@code pairs.csv}, the benchmark's catalogues,
 * and titles generated from their words and from awkward ones (accents, ligatures, Unicode digits and
 * quotes, symbols, mixed case). Set {@code -Didentity.snapshot.write=<file>} to write a new snapshot.
 */
class IdentitySnapshotTest {

    private static final int GENERATED = 20_000;

    @Test
    void evidence_verdicts_and_groups_are_those_of_the_snapshot() throws IOException {
        List<String> actual = fingerprints();
        String write = System.getProperty("identity.snapshot.write");
        if (write != null) {
            Files.write(Path.of(write), actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected;
        try (InputStream in = getClass().getResourceAsStream("/identity/snapshot.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                throw new AssertionError("snapshot line " + (i + 1) + " differs: " + describe(i));
            }
        }
    }

    private List<String> inputsDescribed;

    private String describe(int line) {
        return inputsDescribed.get(line);
    }

    private List<String> fingerprints() {
        List<String> lines = new ArrayList<>();
        inputsDescribed = new ArrayList<>();
        List<ProductFacts> facts = new ArrayList<>();
        for (LabelledPairs.Pair pair : LabelledPairs.load()) {
            facts.add(pair.left());
            facts.add(pair.right());
        }
        List<List<Offer>> catalogues = new ArrayList<>();
        for (int seed = 11; seed < 16; seed++) {
            List<Offer> offers = IdentityBenchmarkTest.catalogue(500, 15, new Random(seed));
            catalogues.add(offers);
            offers.forEach(o -> facts.add(ProductFacts.of(o)));
        }
        facts.addAll(generated(facts, new Random(20240611), GENERATED));
        for (ProductFacts f : facts) {
            lines.add(hash(evidence(f)));
            inputsDescribed.add(f + " -> " + evidence(f));
        }
        for (int i = 0; i + 1 < facts.size(); i += 2) {
            Match match = Identity.of(facts.get(i)).match(Identity.of(facts.get(i + 1)));
            lines.add(hash(match.toString()));
            inputsDescribed.add(facts.get(i) + " <> " + facts.get(i + 1) + " -> " + match);
        }
        for (List<Offer> offers : catalogues) {
            String groups = OfferGroups.of(offers).toString();
            lines.add(hash(groups));
            inputsDescribed.add("catalogue groups -> " + groups);
        }
        // groups of generated offers that share brands and codes
        List<Offer> mixed = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            ProductFacts f = facts.get(random.nextInt(facts.size()));
            if (f.name().isBlank()) {
                continue;
            }
            mixed.add(new Offer("s" + random.nextInt(9), "S", "p" + i, f.name(), f.brand(), "https://s.example/" + i,
                    null, gt.dondelocompro.domain.Money.gtq(Integer.toString(1 + random.nextInt(900))), null, null, null,
                    f.gtin(), f.model(), null));
        }
        String groups = OfferGroups.of(mixed).toString();
        lines.add(hash(groups));
        inputsDescribed.add("mixed groups -> " + groups);
        return lines;
    }

    private static String evidence(ProductFacts f) {
        Identity id = Identity.of(f);
        return id + " key=" + id.matchKey() + " model=" + id.model() + " brand=" + Brands.normalize(f.brand())
                + " recognised=" + Brands.recognise(f.name()) + " display=" + Brands.displayName(id.brand())
                + " q=" + Quantities.of(f.name()) + " title=" + ModelCodes.inTitle(f.name())
                + " field=" + ModelCodes.fromField(f.model()) + " canon=" + (f.model() == null ? null : ModelCodes.canonical(ModelCodes.fold(f.model())));
    }

    private static final String[] AWKWARD = {
            "55\"", "55”", "55''", "55 ''", "55 pulgadas", "55 pulg.", "55plg", "55in", "55 in 1", "2en1", "3 en 1",
            "8GB/256GB", "8+256GB", "8 GB + 256 GB", "8gb y 128gb", "8 GB RAM", "RAM 8GB", "ram de 16 gb", "1TB",
            "1.5L", "1,5 L", "500ml", "12oz", "16 fl oz", "fl. oz", "2 onzas", "5G", "4G", "3g", "5 kg", "2 lbs",
            "500 gr", "1200W", "1200 watts", "x2", "X6", "x 4", "x12.", "6-pack", "six pack", "Six-Pack", "docena",
            "pack de 6", "Pack x 3", "12 unidades", "4 uds", "set de 3", "kit x2", "para", "p/", "P/", "compatible",
            "for", "con", "c/", "incluye", "y", "mas", "más", "Funda", "Cargador", "Soporte", "Vaso", "repuesto",
            "refacción", "S24+", "A15", "Galaxy", "iPhone", "iPhone 15", "Redmi Note 13", "SM-A155M/DS",
            "UN55DU7000PXPA", "55UR7800PSA", "BLSTKAG-WBL", "Ryzen 5 7520U", "Core i5 1235U", "i7-1355U", "M2",
            "MLA 4000", "TV 4000", "62682", "12000 BTU", "12000", "HDMI2.1", "DDR4", "Wi-Fi6", "USB-C", "Tipo-C",
            "4K", "8K", "v5.3", "IP68", "™", "®", "Oster®", "Black+Decker", "Black & Decker", "BLACK AND DECKER",
            "T-fal", "TP-Link", "Hewlett-Packard", "LG Electronics", "HP Inc.", "Ñandú", "café", "CAFÉ", "ﬁltro",
            "①", "²", "½", "ⅫL", "ＬＧ", "５５\"", "٥٥ pulgadas", "İphone", "ß", "ΣΑΜ", "a\u00A0b", "\t", "\u2009",
            "—", "…", "📱", "𝐀𝐁𝐂123", "e\u0301", "O\u0308ster", "1/2", "3x4", "10x", "1er", "2da", "XZ", "(A)",
            "[Pro]", "{Max}", "Pro", "Max", "Plus", "Ultra", "Lite", "mini", "FE", "Slim", "Digital", "5G+", "++",
            "#1", "*oferta*", "!", "?", "\"", "'", "‘", "’", "“", "″", "′", "-", "_", ".", ",", ";", "|", "/",
            "Negro", "Azul", "gris", "Midnight", "BLSTKAGWBL", "DCD771C2", "WD", "wd40", "GE", "Xbox Series X",
            "PlayStation 5", "PS5", "Digital Edition", "Procesador", "Intel", "celeron", "N4020", "128 GB",
            "0.5TB", "1,5TB", "2.5\"", "10.1\"", "6,7''", "1 m", "2mts", "30 cm", "41mm", "1.8 metros", "USB 3.0",
            // TV codes with each region suffix, and near misses (too short a base, too few digits)
            "55UQ7500PUA", "OLED65C3PUA", "65UR8050PTA", "UN65DU7000FXZA", "QN55Q60DAGXZS", "UN50CU7000PXPR",
            "UN43T5300AGXPA", "ABCDEFPUA", "AB1PSA", "AB12CDPSA", "un55du7000pxpa", "55UR7800PSA-WBL", "ｐｕａ123456"};

    private static List<ProductFacts> generated(List<ProductFacts> seeds, Random random, int count) {
        Set<String> vocabulary = new LinkedHashSet<>();
        List<String> brands = new ArrayList<>();
        List<String> models = new ArrayList<>();
        List<String> gtins = new ArrayList<>();
        for (ProductFacts f : seeds) {
            for (String w : f.name().split(" ")) {
                vocabulary.add(w);
            }
            if (f.brand() != null) {
                brands.add(f.brand());
            }
            if (f.model() != null) {
                models.add(f.model());
            }
            if (f.gtin() != null) {
                gtins.add(f.gtin());
            }
        }
        vocabulary.addAll(List.of(AWKWARD));
        brands.addAll(List.of("LG Electronics", "Genérico", "GENERICO", "BLACK AND DECKER", "Black & Decker",
                "Hewlett-Packard Inc.", "  ", "", "N/A", "Sony Corp", "Oster®", "T-Fal", "wd", "Apple Inc.",
                "Samsung Electronics Guatemala", "Xiaomi", "Ñandú", "ＬＧ", "co", "Otros"));
        models.addAll(List.of("SM-A155M/DS", "UN55DU7000PXPA", "BLSTKAG-WBL", "n/a", "-", "A1", "ABC", "ABCD",
                "12", "123", " sm a155m ", "ÁB-12_3.4", "55UR7800PSA", "X", "55UQ7500PUA", "UN65DU7000FXZA",
                "OLED65C3PTA", "AB-12-WBLX", "SM-A155M/DS-NB"));
        gtins.addAll(List.of("7501234567893", "012345678905", "0012345678905", "00000000", "1234", "96385074",
                "10012345678902", "750-1234-56789-3", "abc"));
        List<String> words = List.copyOf(vocabulary);
        String[] separators = {" ", " ", " ", " ", "  ", "-", "/", ", ", " (", ") ", "+", " + ", "\"", ""};
        List<ProductFacts> facts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder title = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int w = 0; w < n; w++) {
                String word = words.get(random.nextInt(words.size()));
                switch (random.nextInt(8)) {
                    case 0 -> word = word.toUpperCase(java.util.Locale.ROOT);
                    case 1 -> word = word.toLowerCase(java.util.Locale.ROOT);
                    default -> { }
                }
                if (w > 0) {
                    title.append(separators[random.nextInt(separators.length)]);
                }
                title.append(word);
            }
            String name = random.nextInt(20) == 0 ? "  " + title + " " : title.toString();
            String brand = random.nextInt(3) == 0 ? brands.get(random.nextInt(brands.size())) : null;
            String model = random.nextInt(4) == 0 ? models.get(random.nextInt(models.size())) : null;
            String gtin = random.nextInt(8) == 0 ? gtins.get(random.nextInt(gtins.size())) : null;
            facts.add(new ProductFacts(null, name, brand, model, gtin, null));
        }
        return facts;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
