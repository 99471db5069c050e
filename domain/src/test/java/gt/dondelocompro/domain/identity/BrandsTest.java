package gt.dondelocompro.domain.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BrandsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
            LG Electronics        | lg
            lg                    | lg
            Samsung Electronics   | samsung
            SAMSUNG               | samsung
            Black+Decker          | black+decker
            Black & Decker        | black+decker
            BLACK AND DECKER      | black+decker
            black + decker        | black+decker
            BLACK+DECKER™         | black+decker
            HP Inc                | hp
            HP Inc.               | hp
            Hewlett Packard       | hp
            Hewlett-Packard       | hp
            Oster                 | oster
            Sunbeam Oster         | oster
            Oster®                | oster
            Hamilton Beach        | hamilton beach
            Kitchen Aid           | kitchenaid
            Tefal                 | t-fal
            TP-LINK               | tp-link
            Nestlé                | nestle
            Genérico              | null
            N/A                   | null
            Sin marca             | null
            `   `                 | null
            """)
    void store_brands_reduce_to_one_key(String brand, String key) {
        assertThat(Brands.normalize(brand)).isEqualTo(key);
    }

    @ParameterizedTest(name = "\"{0}\" is by {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
            Licuadora Oster 3 velocidades BLSTKAG           | oster
            LICUADORA BLACK AND DECKER BL1220               | black+decker
            Cafetera Black & Decker 12 tazas                | black+decker
            Batidora de Mano Hamilton Beach 62682           | hamilton beach
            Smart TV LG 55" 4K                              | lg
            Apple iPhone 15 128GB                           | apple
            iPhone 15 128 GB Azul                           | apple
            Celular Galaxy A15 128GB                        | samsung
            Xiaomi Redmi Note 13                            | xiaomi
            Licuadora Oster+vaso extra                      | oster
            Licuadora de 3 velocidades con vaso de vidrio   | null
            """)
    void brands_are_recognised_in_titles(String title, String key) {
        assertThat(Brands.recognise(title)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"black+decker, Black+Decker", "lg, LG", "hamilton beach, Hamilton Beach", "acme, acme"})
    void keys_show_as_the_brand_spells_itself(String key, String display) {
        assertThat(Brands.displayName(key)).isEqualTo(display);
    }
}
