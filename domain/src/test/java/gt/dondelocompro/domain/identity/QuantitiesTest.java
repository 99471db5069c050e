package gt.dondelocompro.domain.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuantitiesTest {

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\": {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "none", textBlock = """
            TV 55"                       | TV 55 pulgadas              | none
            TV 55''                      | TV 55 in                    | none
            TV 55 pulg.                  | TV 55”                      | none
            TV 55"                       | TV 65"                      | inches
            Celular 128GB                | Celular 128 GB              | none
            Celular 128GB                | Celular 256GB               | storage
            Celular 4GB/128GB            | Celular 128GB + 4GB RAM     | none
            Celular 4GB/128GB            | Celular 6GB/128GB           | ram
            Celular 8GB RAM 256GB        | Celular 8/256GB             | none
            Disco 1TB                    | Disco 1024GB                | none
            Licuadora 1.5L               | Licuadora 1500 ml           | none
            Licuadora 1.5 L              | Licuadora 1,25 litros       | volume
            Vaso 12 oz                   | Vaso 355 ml                 | none
            Arroz 1 kg                   | Arroz 1000 g                | none
            Arroz 1 kg                   | Arroz 2 lb                  | weight
            Licuadora 600W               | Licuadora 600 watts         | none
            Licuadora 600W               | Licuadora 700 W             | watts
            Sartén 24 cm                 | Sartén 28 cm                | length
            Pilas AA x4                  | Pilas AA paquete de 4       | none
            Pilas AA x4                  | Pilas AA 4 unidades         | none
            Lata 355 ml                  | Lata 355 ml 6 pack          | pack
            Lata 355 ml six pack         | Lata 355 ml x6              | none
            Set de 3 sartenes            | Sartén                      | pack
            Celular Galaxy A15 5G        | Celular Galaxy A15 5 g      | none
            Poco X6 Pro                  | Poco X6 Pro                 | none
            Laptop 2 in 1 14"            | Laptop 14 pulgadas          | none
            """)
    void amounts_conflict_only_when_both_state_them_and_they_differ(String left, String right, String conflict) {
        assertThat(Quantities.of(left).firstConflict(Quantities.of(right))).isEqualTo(conflict);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Celular Samsung 4GB/128GB | 4.0  | 128.0
            Celular 128GB + 4GB RAM   | 4.0  | 128.0
            Laptop 16GB RAM 1TB SSD   | 16.0 | 1024.0
            """)
    void ram_and_storage_are_told_apart(String title, double ram, double storage) {
        Quantities q = Quantities.of(title);
        assertThat(q.ramGb()).isEqualTo(ram);
        assertThat(q.storageGb()).isEqualTo(storage);
    }
}
