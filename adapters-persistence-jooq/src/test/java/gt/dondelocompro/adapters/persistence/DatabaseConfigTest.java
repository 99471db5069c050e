package gt.dondelocompro.adapters.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database settings: the seed's defaults, checked values, and a password that is never shown. */
class DatabaseConfigTest {

    @Test
    void defaults_are_a_pool_of_ten_that_may_grow_by_twenty_and_migrate_at_start() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://db:5432/dlc", "dlc", "secret");

        assertThat(config.poolSize()).isEqualTo(10);
        assertThat(config.maxOverflow()).isEqualTo(20);
        assertThat(config.maxConnections()).isEqualTo(30);
        assertThat(config.migrate()).isTrue();
    }

    @Test
    void the_password_is_not_in_to_string_not_even_inside_the_url() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db:5432/dlc?user=dlc&password=url-s3cret&ssl=true",
                "dlc", "hunter2", 10, 20, true);

        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("url-s3cret")
                .contains("jdbc:postgresql://db:5432/dlc?user=dlc&password=****&ssl=true", "user=dlc", "poolSize=10");
    }

    @Test
    void a_password_given_as_user_info_is_masked_too() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://app:pa55word@db:5432/dlc?ssl=true;password=x", null, null);

        assertThat(config.toString()).doesNotContain("pa55word").contains("jdbc:postgresql://app:****@db:5432/dlc?ssl=true;password=****");
        assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://app:pa55word@db/dlc", null, null))
                .hasMessageContaining("jdbc:mysql://app:****@db/dlc").hasMessageNotContaining("pa55word");
    }

    @Test
    void nonsense_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://db/dlc?password=x", null, null))
                .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("password=x");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:postgresql://db/dlc", null, null, 0, 20, true))
                .hasMessageContaining("DATABASE_POOL_SIZE");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:postgresql://db/dlc", null, null, 10, -1, true))
                .hasMessageContaining("DATABASE_MAX_OVERFLOW");
    }
}
