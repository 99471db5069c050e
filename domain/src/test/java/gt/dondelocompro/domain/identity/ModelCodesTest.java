package gt.dondelocompro.domain.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            BLSTKAG          | blstkag
            BLSTKAG-WBL      | blstkag
            blstkag-rb       | blstkag
            SM-A155M         | sma155m
            SM-A155M/DS      | sma155m
            sm a155m         | sma155m
            UN55DU7000       | un55du7000
            UN55DU7000PXPA   | un55du7000
            QN65Q60DAGXZS    | qn65q60da
            55UR7300PSA      | 55ur7300
            55UR7300         | 55ur7300
            OLED55C3PSA      | oled55c3
            MLA-4000         | mla4000
            MLA 4000         | mla4000
            HB-4400          | hb4400
            MTP03LL/A        | mtp03ll
            BLSTEG7800-013   | blsteg7800013
            KSM150PSER       | ksm150pser
            """)
    void model_fields_are_normalized(String field, String code) {
        assertThat(ModelCodes.fromField(field).code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "\"{0}\" has {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Licuadora Oster 3 velocidades BLSTKAG                  | blstkag
            LICUADORA OSTER BLSTKAG-WBL 1.5L                       | blstkag
            Televisor Samsung 55" Crystal UHD UN55DU7000           | un55du7000
            Smart TV SAMSUNG 55 pulgadas 4K UN55DU7000PXPA         | un55du7000
            Samsung Galaxy A15 SM-A155M/DS 128GB 4GB RAM 5G        | a15 sma155m
            Apple iPhone 15 128GB Negro                            | iphone15
            Xiaomi Redmi Note 13 8GB/256GB                         | note13
            Multímetro Steren MLA 4000                             | mla4000
            Batidora de mano Hamilton Beach 62682                  | 62682
            Aire acondicionado LG 12000 BTU Inverter               | ``
            Laptop HP Core i5-1235U 8GB DDR4 USB-C HDMI 2.1 WiFi6  | ``
            Laptop Lenovo Ryzen 5 7520U 8GB                        | ``
            Licuadora Oster Roja Negra Plateada 1200W 1.5L x2      | ``
            """)
    void titles_yield_model_codes_but_not_amounts_technologies_or_colours(String title, String codes) {
        assertThat(String.join(" ", ModelCodes.inTitle(title).stream().map(ModelCode::code).toList())).isEqualTo(codes);
    }
}
