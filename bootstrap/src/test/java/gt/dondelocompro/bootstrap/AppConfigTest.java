package gt.dondelocompro.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {

    @Test
    void without_variables_the_service_runs_in_memory_on_8080() {
        AppConfig c = AppConfig.from(Map.of());

        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.databaseEnabled()).isFalse();
        assertThat(c.rolloutPercent()).isEqualTo(100);
        assertThat(c.poolSize()).isEqualTo(10);
        assertThat(c.maxOverflow()).isEqualTo(20);
        assertThat(c.cacheMaxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.cacheStaleAge()).isEqualTo(Duration.ofHours(6));
        assertThat(c.demo()).isFalse();
        assertThat(c.rateLimitPerMinute()).isEqualTo(30);
    }

    @Test
    void a_database_url_enables_the_database_unless_switched_off() {
        assertThat(AppConfig.from(Map.of("DATABASE_URL", "jdbc:postgresql://db/dlc")).databaseEnabled()).isTrue();
        assertThat(AppConfig.from(Map.of("DATABASE_URL", "jdbc:postgresql://db/dlc", "DATABASE_ENABLED", "false")).databaseEnabled()).isFalse();
        assertThat(AppConfig.from(Map.of("DATABASE_URL", "embedded")).databaseUrl()).contains("embedded");
    }

    @Test
    void demo_mode_comes_from_the_flag_or_the_variable() {
        assertThat(AppConfig.from(Map.of(), "--demo").demo()).isTrue();
        assertThat(AppConfig.from(Map.of("DLC_DEMO", "true")).demo()).isTrue();
        assertThatThrownBy(() -> AppConfig.from(Map.of(), "--dmeo")).hasMessageContaining("--dmeo");
    }

    @Test
    void a_bad_value_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "ochenta"))).isInstanceOf(ConfigException.class).hasMessageStartingWith("PORT:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_ROLLOUT_PERCENT", "150"))).hasMessageStartingWith("DATABASE_ROLLOUT_PERCENT:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_ENABLED", "quizas"))).hasMessageStartingWith("DATABASE_ENABLED:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_ENABLED", "true"))).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_URL", "mysql://x"))).hasMessageStartingWith("DATABASE_URL:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DLC_VENDORS_FILE", "/no/such/file.json"))).hasMessageStartingWith("DLC_VENDORS_FILE:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("SEARCH_TIMEOUT_MS", "5"))).hasMessageStartingWith("SEARCH_TIMEOUT_MS:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("CACHE_STALE_MINUTES", "seis horas"))).hasMessageStartingWith("CACHE_STALE_MINUTES:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("CACHE_STALE_MINUTES", "-1"))).hasMessageStartingWith("CACHE_STALE_MINUTES:");
        assertThat(AppConfig.from(Map.of("CACHE_STALE_MINUTES", "90")).cacheStaleAge()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void the_password_never_shows_in_the_printed_configuration() {
        AppConfig c = AppConfig.from(Map.of("DATABASE_URL", "jdbc:postgresql://db/dlc?user=app&password=s3cr3t",
                "DATABASE_PASSWORD", "hunter2"));

        assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain("hunter2").contains("password=****");
    }

    @Test
    void without_redis_the_instance_runs_alone_with_every_role_and_believes_no_proxy() {
        AppConfig.Cluster c = AppConfig.from(Map.of()).cluster();

        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.redisKeyPrefix()).isEqualTo("dlc");
        assertThat(c.role()).isEqualTo(AppConfig.Role.ALL);
        assertThat(c.trustedProxies().entries()).isEmpty();
    }

    @Test
    void many_instances_read_redis_their_role_and_the_trusted_proxies() {
        AppConfig.Cluster c = AppConfig.from(Map.of("REDIS_URL", "redis://cache.internal:6379", "DLC_ROLE", "Worker",
                "TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1", "REDIS_KEY_PREFIX", "dlc-prod")).cluster();

        assertThat(c.redisUrl()).contains("redis://cache.internal:6379");
        assertThat(c.role()).isEqualTo(AppConfig.Role.WORKER);
        assertThat(c.redisKeyPrefix()).isEqualTo("dlc-prod");
        assertThat(c.trustedProxies().entries()).containsExactly("10.0.0.0/8", "127.0.0.1", "::1");
        assertThat(AppConfig.from(Map.of("REDIS_URL", "redis://cache:6379", "DLC_ROLE", "api")).cluster().role()).isEqualTo(AppConfig.Role.API);
    }

    @Test
    void a_bad_many_instances_value_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("REDIS_URL", "cache.internal:6379"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("REDIS_URL:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("REDIS_URL", "redis://c:6379", "DLC_ROLE", "scraper")))
                .hasMessageStartingWith("DLC_ROLE:").hasMessageContaining("'scraper'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DLC_ROLE", "worker"))).hasMessageStartingWith("DLC_ROLE:")
                .hasMessageContaining("REDIS_URL");
        assertThatThrownBy(() -> AppConfig.from(Map.of("TRUSTED_PROXIES", "10.0.0.0/8,haproxy")))
                .hasMessageStartingWith("TRUSTED_PROXIES:").hasMessageContaining("'haproxy'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("REDIS_KEY_PREFIX", "a b"))).hasMessageStartingWith("REDIS_KEY_PREFIX:");
    }

    @Test
    void the_redis_password_never_shows_in_the_printed_configuration() {
        AppConfig c = AppConfig.from(Map.of("REDIS_URL", "redis://:s3cr3t@cache.internal:6379/0"));

        assertThat(c.toString()).doesNotContain("s3cr3t").contains("redis://****@cache.internal:6379/0");
    }

    @Test
    void the_alerts_variables_have_their_defaults_and_their_forms() {
        AppConfig.Alerts defaults = AppConfig.from(Map.of()).alerts();
        assertThat(defaults.trackInterval()).isEqualTo(java.time.Duration.ofHours(6));
        assertThat(defaults.alertsPerTarget()).isEqualTo(5);
        assertThat(defaults.priceRetentionDays()).isEqualTo(400);
        assertThat(defaults.trackPopular()).isZero();
        assertThat(defaults.allowPrivateTargets()).isFalse();
        assertThat(defaults.smtpHost()).isEmpty();
        assertThat(AppConfig.from(Map.of("TRACK_INTERVAL", "90s")).alerts().trackInterval()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(AppConfig.from(Map.of("TRACK_INTERVAL", "15m")).alerts().trackInterval()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(AppConfig.from(Map.of("TRACK_INTERVAL", "1d")).alerts().trackInterval()).isEqualTo(java.time.Duration.ofDays(1));
        assertThatThrownBy(() -> AppConfig.from(Map.of("TRACK_INTERVAL", "6 horas"))).hasMessageStartingWith("TRACK_INTERVAL:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("TRACK_INTERVAL", "0s"))).hasMessageStartingWith("TRACK_INTERVAL:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ALERTS_PER_TARGET", "0"))).hasMessageStartingWith("ALERTS_PER_TARGET:");
        assertThatThrownBy(() -> AppConfig.from(Map.of("PUBLIC_BASE_URL", "dondelocompro.gt"))).hasMessageStartingWith("PUBLIC_BASE_URL:");
        AppConfig smtp = AppConfig.from(Map.of("SMTP_HOST", "smtp.example", "SMTP_USER", "alertas", "SMTP_PASSWORD", "hunter2"));
        assertThat(smtp.toString()).doesNotContain("hunter2").contains("smtpPassword=****");
    }
}
