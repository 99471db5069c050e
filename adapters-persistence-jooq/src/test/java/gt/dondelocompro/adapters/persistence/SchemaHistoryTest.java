package gt.dondelocompro.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up check that lets a current schema skip Flyway, on a real PostgreSQL: it agrees with what Flyway
 * recorded for every shipped migration, and any difference (a new database, a pending, failed, changed or unknown
 * migration) sends start-up to Flyway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaHistoryTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private JooqPersistence persistence;
    private List<SchemaHistory.Migration> shipped;

    @BeforeAll
    void start() {
        persistence = JooqPersistence.start(new DatabaseConfig(DB.url(), null, null, 2, 3, false));
        shipped = SchemaHistory.shipped(getClass().getClassLoader(), JooqPersistence.MIGRATIONS_FOLDER);
    }

    @AfterAll
    void close() {
        persistence.close();
    }

    @Test
    void a_new_database_is_not_current_and_after_flyway_it_is_at_the_last_shipped_version() throws Exception {
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(5);
        assertThat(shipped.getFirst()).extracting(SchemaHistory.Migration::version, SchemaHistory.Migration::description)
                .containsExactly("1", "schema");
        execute("drop table if exists flyway_schema_history cascade");
        execute("drop schema public cascade", "create schema public");
        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped)).isEmpty();

        JooqPersistence.migrate(persistence.pool());

        // Flyway recorded the same versions, descriptions and checksums this check computes
        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped)).contains(shipped.getLast().version());
    }

    @Test
    void a_changed_checksum_a_failed_a_pending_or_an_unknown_migration_is_not_current() throws Exception {
        migrated();
        String last = shipped.getLast().version();

        execute("update flyway_schema_history set checksum = checksum + 1 where version = '" + last + "'");
        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped)).as("changed").isEmpty();
        execute("update flyway_schema_history set checksum = checksum - 1, success = false where version = '" + last + "'");
        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped)).as("failed").isEmpty();
        execute("update flyway_schema_history set success = true where version = '" + last + "'");
        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped)).as("restored").contains(last);

        assertThat(SchemaHistory.currentVersion(persistence.pool(), shipped.subList(0, shipped.size() - 1)))
                .as("applied by a newer build").isEmpty();
        List<SchemaHistory.Migration> withPending = new ArrayList<>(shipped);
        withPending.add(new SchemaHistory.Migration("999", "pending", 1));
        assertThat(SchemaHistory.currentVersion(persistence.pool(), withPending)).as("pending").isEmpty();
        assertThat(SchemaHistory.currentVersion(persistence.pool(), List.of())).as("nothing shipped").isEmpty();
    }

    @Test
    void start_on_a_current_schema_says_so_instead_of_running_flyway_and_runs_flyway_otherwise() throws Exception {
        migrated();
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(JooqPersistence.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            JooqPersistence.migrateUnlessCurrent(persistence.pool());
            assertThat(logged).anyMatch(m -> m.startsWith("schema is current"));

            logged.clear();
            execute("update flyway_schema_history set checksum = checksum + 1 where version = '1'");
            // Flyway's validation, as before, refuses the changed migration
            assertThatThrownBy(() -> JooqPersistence.migrateUnlessCurrent(persistence.pool()))
                    .hasMessageContaining("checksum");
            assertThat(logged).noneMatch(m -> m.startsWith("schema is current"));
        } finally {
            logger.removeHandler(capture);
            execute("update flyway_schema_history set checksum = checksum - 1 where version = '1'");
        }
    }

    @Test
    void the_migrations_are_listed_from_a_jar_as_from_a_directory(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("db.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/migration/"));
            for (SchemaHistory.Migration m : shipped) {
                String name = "V" + m.version().replace('.', '_') + "__" + m.description().replace(' ', '_') + ".sql";
                out.putNextEntry(new JarEntry("db/migration/" + name));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/" + name)) {
                    in.transferTo(out);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SchemaHistory.shipped(loader, JooqPersistence.MIGRATIONS_FOLDER)).isEqualTo(shipped);
        }
    }

    @Test
    void a_folder_with_anything_but_versioned_sql_migrations_is_left_to_flyway(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(folder.resolve("V1__schema.sql"), "create table t (id int);\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(SchemaHistory.shipped(loader, JooqPersistence.MIGRATIONS_FOLDER)).hasSize(1);
            Files.writeString(folder.resolve("R__views.sql"), "create view v as select 1;\n");
            assertThat(SchemaHistory.shipped(loader, JooqPersistence.MIGRATIONS_FOLDER)).isEmpty();
            assertThat(SchemaHistory.shipped(loader, "db/nowhere")).isEmpty();
        }
    }

    @Test
    void the_checksum_ignores_line_endings_and_a_byte_order_mark() {
        int lf = checksum("create table t (\n  id int\n);\n");

        assertThat(checksum("create table t (\r\n  id int\r\n);\r\n")).isEqualTo(lf);
        assertThat(checksum("\uFEFFcreate table t (\n  id int\n);\n")).isEqualTo(lf);
        assertThat(checksum("create table t (\n  id bigint\n);\n")).isNotEqualTo(lf);
    }

    private static int checksum(String text) {
        return SchemaHistory.checksum(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void migrated() {
        if (SchemaHistory.currentVersion(persistence.pool(), shipped).isEmpty()) {
            JooqPersistence.migrate(persistence.pool());
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = persistence.pool().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
