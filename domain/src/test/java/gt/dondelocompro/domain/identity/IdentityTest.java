package gt.dondelocompro.domain.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {

    private static Identity identity(String name, String brand, String model, String gtin) {
        return Identity.of(new ProductFacts("store", name, brand, model, gtin, null));
    }

    /** Left title | left brand | right title | right brand | verdict | reason. */
    @ParameterizedTest(name = "[{4} {5}] {0} <> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            Licuadora Oster 3 velocidades BLSTKAG          | Oster   | LICUADORA OSTER BLSTKAG-WBL 1.5L              | OSTER   | SAME      | brand+model
            Televisor Samsung 55" Crystal UHD UN55DU7000   | Samsung | Smart TV SAMSUNG 55 pulgadas 4K UN55DU7000PXPA | -      | SAME      | brand+model
            Samsung Galaxy A15 SM-A155M/DS 128GB           | -       | Samsung Galaxy A15 SM-A155M 128 GB            | Samsung | SAME      | brand+model
            Pantalla LG 55" 55UR7300PSA                    | LG Electronics | Televisor LG 55 pulgadas 55UR7300      | LG      | SAME      | brand+model
            Cafetera Black+Decker CM1160B                  | Black & Decker | Cafetera BLACK AND DECKER CM1160B      | -       | SAME      | brand+model
            Laptop HP 15-fd0000la Core i5                  | HP Inc  | Laptop HP 15-FD0000LA Core i5                 | Hewlett Packard | SAME | brand+model
            Licuadora Oster BLSTKAG                        | Sunbeam Oster | Licuadora Oster BLSTKAG                 | Oster   | SAME      | brand+model
            Licuadora Oster BLSTKAG Roja                   | Oster   | Licuadora Oster BLSTKAG Negra                 | Oster   | SAME      | brand+model
            Samsung Galaxy A15 128GB Azul                  | Samsung | Samsung Galaxy A15 128GB Amarillo             | Samsung | SAME      | brand+model
            Televisor Samsung 55" UN55DU7000               | Samsung | Televisor Samsung 65" UN65DU7000              | Samsung | DIFFERENT | quantity:inches
            Samsung Galaxy A15 128GB                       | Samsung | Samsung Galaxy A15 256GB                      | Samsung | DIFFERENT | quantity:storage
            Samsung Galaxy A15 4GB/128GB                   | Samsung | Samsung Galaxy A15 6GB/128GB                  | Samsung | DIFFERENT | quantity:ram
            Samsung Galaxy A15 128GB                       | Samsung | Samsung Galaxy A15 5G 128GB                   | Samsung | DIFFERENT | variant
            iPhone 15 128GB                                | Apple   | iPhone 15 Pro 128GB                           | Apple   | DIFFERENT | variant
            Samsung Galaxy S24 256GB                       | Samsung | Samsung Galaxy S24+ 256GB                     | Samsung | DIFFERENT | variant
            Samsung Galaxy A15 128GB                       | Samsung | Samsung Galaxy A25 128GB                      | Samsung | DIFFERENT | model
            Licuadora Oster BLSTKAG                        | Oster   | Licuadora Oster BLSTMG                        | Oster   | DIFFERENT | model
            Smart TV LG 55" 55UR7300PSA                    | LG      | Smart TV LG 55" 55UR8750PSA                   | LG      | DIFFERENT | model
            Samsung Galaxy A15 SM-A155M                    | Samsung | Samsung Galaxy A15 SM-A156M                   | Samsung | DIFFERENT | model
            Pilas Duracell AA x4                           | Duracell | Pilas Duracell AA x8                         | Duracell | DIFFERENT | quantity:pack
            Coca-Cola 355 ml lata                          | -       | Coca-Cola 355 ml lata 6 pack                  | -       | DIFFERENT | quantity:pack
            Licuadora Oster 1.25 L                         | Oster   | Licuadora Oster 1.5 L                         | Oster   | DIFFERENT | quantity:volume
            Licuadora Oster BLSTKAG                        | Oster   | Vaso de repuesto para licuadora Oster BLSTKAG | Oster   | DIFFERENT | accessory
            Samsung Galaxy A15 128GB                       | Samsung | Funda para Galaxy A15                         | -       | DIFFERENT | accessory
            Televisor Samsung 55" UN55DU7000               | Samsung | Control remoto para TV Samsung                | -       | DIFFERENT | accessory
            Apple iPhone 15 128GB                          | Apple   | Cargador para iPhone 15 20W                   | Apple   | DIFFERENT | accessory
            Samsung Galaxy A15 128GB                       | Samsung | Protector de pantalla Samsung Galaxy A15      | -       | DIFFERENT | accessory
            Smart TV LG 55" 55UR7300PSA                    | LG      | Soporte de pared para TV LG 32" a 70"         | -       | DIFFERENT | accessory
            Licuadora Oster BLSTKAG                        | Oster   | Licuadora Black+Decker BL1220                 | -       | DIFFERENT | brand
            Televisor Samsung 55 pulgadas DU7000           | Samsung | TV Samsung UN55DU7000PXPA                     | Samsung | UNSURE    | no-common-model
            Licuadora Oster 3 velocidades                  | Oster   | Licuadora Oster BLSTKAG                       | Oster   | UNSURE    | no-common-model
            Licuadora 3 velocidades BLSTKAG                | -       | Licuadora BLSTKAG 1.5L                        | -       | UNSURE    | no-brand
            Funda para Galaxy A15 negra                    | -       | Funda para Galaxy A15 azul                    | -       | UNSURE    | no-brand
            """)
    void two_offers_are_same_different_or_unsure(String leftName, String leftBrand, String rightName, String rightBrand,
                                                 Verdict verdict, String reason) {
        Match match = identity(leftName, leftBrand, null, null).match(identity(rightName, rightBrand, null, null));
        Match reverse = identity(rightName, rightBrand, null, null).match(identity(leftName, leftBrand, null, null));

        assertThat(match).isEqualTo(new Match(verdict, reason));
        assertThat(reverse).isEqualTo(match);
    }

    /** Left title | left GTIN | right title | right GTIN | verdict | reason. */
    @ParameterizedTest(name = "[{4} {5}] {1} <> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Cafetera Oster 5 tazas        | 0034700014913 | CAFETERA OSTER 5 TAZAS NEGRA  | 034700014913  | SAME      | gtin
            Bocina Sony SRS-XB100         | 4901556281942 | Bocina Sony SRS-XB100         | 8806322319484 | DIFFERENT | gtin
            Licuadora Oster BLSTKAG       | 7501000166138 | Licuadora Oster BLSTKAG-RB    | 7501000166139 | SAME      | brand+model
            Licuadora Oster               | 7501000166139 | Licuadora Oster               | -             | UNSURE    | no-common-model
            """)
    void a_valid_gtin_decides_and_an_invalid_one_is_ignored(String leftName, String leftGtin, String rightName,
                                                            String rightGtin, Verdict verdict, String reason) {
        Match match = identity(leftName, "Oster", null, leftGtin).match(identity(rightName, "Oster", null, rightGtin));

        assertThat(match).isEqualTo(new Match(verdict, reason));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', nullValues = "-", textBlock = """
            Licuadora Oster BLSTKAG-WBL 1.5L        ; Oster   ; -          ; -             ; bm:oster|blstkag
            Licuadora 3 velocidades                 ; Oster   ; BLSTKAG    ; -             ; bm:oster|blstkag
            Cafetera Oster 5 tazas                  ; Oster   ; -          ; 034700014913  ; gtin:0034700014913
            Samsung Galaxy A15 SM-A155M/DS 128GB    ; -       ; -          ; -             ; bm:samsung|sma155m|128gb
            Pilas Duracell Coppertop AA MN1500 x4   ; Duracell ; -         ; -             ; bm:duracell|mn1500|x4
            Samsung Galaxy A15 128GB                ; Samsung ; -          ; -             ; -
            Licuadora Oster 3 velocidades           ; Oster   ; -          ; -             ; -
            Licuadora BLSTKAG                       ; -       ; -          ; -             ; -
            Combo Samsung UN55DU7000 + HW-B450      ; Samsung ; -          ; -             ; -
            """)
    void an_offer_alone_has_a_match_key_only_when_its_identity_is_certain(String name, String brand, String model,
                                                                          String gtin, String key) {
        assertThat(identity(name, brand, model, gtin).matchKey()).isEqualTo(key);
    }

    @org.junit.jupiter.api.Test
    void an_accessory_never_shares_the_key_of_the_product_it_is_for() {
        String blender = Identity.of(ProductFacts.of("Licuadora Oster BLSTKAG 3 velocidades", "Oster")).matchKey();
        String jar = Identity.of(new ProductFacts("tienda", "Vaso de repuesto para licuadora Oster", "Oster", "BLSTKAG-VASO",
                null, null)).matchKey();
        org.assertj.core.api.Assertions.assertThat(blender).isEqualTo("bm:oster|blstkag");
        org.assertj.core.api.Assertions.assertThat(jar).isNotEqualTo(blender).endsWith("|accesorio");
    }
}
