package gt.dondelocompro.adapters.persistence;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether the database's schema is already what this build's migrations make it, decided with one query and no
 * Flyway: every versioned migration shipped in {@code db/migration} has a successful row in
 * {@code flyway_schema_history} with the same version, description and checksum, in order, and there is no other
 * row. Flyway at start-up costs far more (its classes, a classpath scan, a lock, several queries); this check lets a
 * current schema skip it. Anything else (no history table, a pending, failed, changed, repeatable or unknown
 * migration, a location it cannot list) answers empty, and Flyway runs and decides as before.
 */
final class SchemaHistory {

    /** Flyway's file names for versioned SQL migrations: {@code V1_2__some_words.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");

    private SchemaHistory() {
    }

    /** A migration as Flyway records it. */
    record Migration(String version, String description, int checksum) {
    }

    /** The schema's version when it is exactly what {@code shipped} makes it; empty when Flyway must look. */
    static Optional<String> currentVersion(DataSource dataSource, List<Migration> shipped) {
        if (shipped.isEmpty()) {
            return Optional.empty();
        }
        List<Migration> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select version, description, type, checksum, success from flyway_schema_history"
                     + " where type <> 'SCHEMA' order by installed_rank")) {
            while (rows.next()) {
                int checksum = rows.getInt("checksum");
                if (rows.wasNull() || !rows.getBoolean("success") || !"SQL".equals(rows.getString("type"))) {
                    return Optional.empty();
                }
                applied.add(new Migration(rows.getString("version"), rows.getString("description"), checksum));
            }
        } catch (SQLException noHistoryYet) {
            // a new database (or one this user cannot read): Flyway knows what to do
            return Optional.empty();
        }
        return applied.equals(shipped) ? Optional.of(shipped.getLast().version()) : Optional.empty();
    }

    /**
     * The versioned migrations in {@code location} on the class path ({@code db/migration}), in version order, with
     * Flyway's checksum; empty when the location is missing, found twice, or holds anything but versioned SQL
     * migrations.
     */
    static List<Migration> shipped(ClassLoader loader, String location) {
        try {
            List<URL> found = Collections.list(loader.getResources(location));
            if (found.size() != 1) {
                return List.of();
            }
            List<String> names = names(found.getFirst());
            List<Migration> migrations = new ArrayList<>();
            for (String name : names) {
                Matcher versioned = VERSIONED.matcher(name);
                if (!versioned.matches()) {
                    return List.of();
                }
                try (InputStream in = loader.getResourceAsStream(location + "/" + name)) {
                    if (in == null) {
                        return List.of();
                    }
                    migrations.add(new Migration(versioned.group(1).replace('_', '.'),
                            versioned.group(2).replace('_', ' '), checksum(in)));
                }
            }
            migrations.sort((a, b) -> compareVersions(a.version(), b.version()));
            return List.copyOf(migrations);
        } catch (IOException | URISyntaxException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The file names directly in a class path directory or a jar's folder. */
    private static List<String> names(URL folder) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                String prefix = connection.getEntryName() + "/";
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(prefix) && entry.length() > prefix.length()
                                && entry.indexOf('/', prefix.length()) < 0) {
                            names.add(entry.substring(prefix.length()));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list " + folder);
        }
        return names;
    }

    /**
     * Flyway's checksum of a SQL migration: a CRC32 over the UTF-8 bytes of its lines without their line breaks,
     * a byte order mark left out (so a file's line endings do not change it).
     */
    static int checksum(InputStream in) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    private static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long l = i < left.length ? Long.parseLong(left[i]) : 0;
            long r = i < right.length ? Long.parseLong(right[i]) : 0;
            if (l != r) {
                return Long.compare(l, r);
            }
        }
        return 0;
    }
}
