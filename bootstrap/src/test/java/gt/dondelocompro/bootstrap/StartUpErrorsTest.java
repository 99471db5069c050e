package gt.dondelocompro.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad stores file or an unreachable database stops start-up with a message a person can act on. */
class StartUpErrorsTest {

    @Test
    void a_bad_stores_file_names_the_store_and_the_field(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiendas.json");
        Files.writeString(file, """
                [{"id": "cemaco", "name": "Cemaco", "base_url": "https://www.cemaco.com", "platform": "vtex"},
                 {"id": "siman", "name": "Siman", "base_url": "gt.siman.com", "platform": "vtex"}]
                """);

        assertThatThrownBy(() -> Main.start(Map.of("PORT", "0", "DLC_VENDORS_FILE", file.toString())))
                .hasMessageContaining("siman").hasMessageContaining("base_url");
    }

    @Test
    void a_stores_file_with_an_unknown_platform_a_wrong_type_or_an_unknown_field_names_the_store_and_the_field(@TempDir Path dir)
            throws Exception {
        String cemaco = "{\"id\": \"cemaco\", \"name\": \"Cemaco\", \"base_url\": \"https://www.cemaco.com\", \"platform\": \"vtex\"}";
        String siman = "{\"id\": \"siman\", \"name\": \"Siman\", \"base_url\": \"https://gt.siman.com\", ";
        Map<String, String> mistakes = Map.of(
                "\"platform\": \"prestashop\"}",
                "store #2 'siman': platform: unknown platform 'prestashop'; known: [bloomreach, constructor, doofinder, html, intelaf, magento, shopify, vtex, vtex_is, woocommerce]",
                "\"platform\": \"vtex\", \"timeout_ms\": \"8000\"}",
                "store #2 'siman': timeout_ms: must be a whole number, was \"8000\"",
                "\"platform\": \"vtex\", \"min_delay\": 500}",
                "store #2 'siman': min_delay: unknown field; known: [");
        for (var mistake : mistakes.entrySet()) {
            Path file = dir.resolve("tiendas.json");
            Files.writeString(file, "[" + cemaco + ",\n " + siman + mistake.getKey() + "]");

            assertThatThrownBy(() -> Main.start(Map.of("PORT", "0", "DLC_VENDORS_FILE", file.toString())))
                    .hasMessageContaining("stores file " + file + ": " + mistake.getValue());
        }
    }

    @Test
    void a_stores_file_replaces_the_built_in_catalog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiendas.json");
        Files.writeString(file, """
                [{"id": "mitienda", "name": "Mi Tienda", "base_url": "https://mitienda.example", "platform": "woocommerce", "active": false}]
                """);

        try (DondeLoComproApp app = Main.start(Map.of("PORT", "0", "DLC_VENDORS_FILE", file.toString()))) {
            assertThat(app.core().vendors().vendors()).extracting(v -> v.id()).containsExactly("mitienda");
        }
    }

    @Test
    void an_unreachable_database_stops_start_up_without_leaking_the_password() {
        assertThatThrownBy(() -> Main.start(Map.of("PORT", "0",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing", "DATABASE_PASSWORD", "s3cr3t-pw")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL: cannot use the database at jdbc:postgresql://127.0.0.1:1/nothing")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cr3t-pw"));
    }
}
