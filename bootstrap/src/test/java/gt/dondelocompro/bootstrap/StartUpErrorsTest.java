package gt.dondelocompro.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad stores file, an unreachable database or a port already in use stops start-up with a message a person can act
 * on, leaves nothing open behind it (demo stores, threads), and {@code main} exits non-zero.
 */
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

    @Test
    void a_port_already_in_use_stops_start_up_naming_it() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> Main.start(Map.of("PORT", String.valueOf(port))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("PORT: " + port + " is already in use");
        }
    }

    @Test
    void a_port_already_in_use_in_demo_mode_closes_the_demo_stores_and_leaves_no_thread_behind() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();
            Set<Integer> listeningBefore = listeningPorts();
            Set<Thread> threadsBefore = liveNonDaemonThreads();

            assertThatThrownBy(() -> Main.start(Map.of("PORT", String.valueOf(port), "DLC_DEMO", "true")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("PORT: " + port + " is already in use");

            // the demo stores listened on loopback ports of this process: all closed again
            assertThat(eventually(() -> difference(listeningPorts(), listeningBefore).isEmpty()))
                    .as("ports this process still listens on: " + difference(listeningPorts(), listeningBefore)).isTrue();
            assertThat(eventually(() -> difference(liveNonDaemonThreads(), threadsBefore).isEmpty()))
                    .as("threads that would keep the JVM alive: " + difference(liveNonDaemonThreads(), threadsBefore)).isTrue();
        }
    }

    @Test
    void main_exits_non_zero_with_the_cause_when_the_port_is_in_use(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();
            Path log = dir.resolve("main.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--demo")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().remove("DATABASE_URL");
            Process process = builder.start();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertThat(exited).as("the process exited by itself; it printed:%n%s", output).isTrue();

            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("DondeLoCompro cannot start: PORT: " + port + " is already in use");
            assertThat(output).doesNotContain("listening on");
        }
    }

    /** The TCP ports this process listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}). */
    private static Set<Integer> listeningPorts() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static <T> Set<T> difference(Set<T> after, Set<T> before) {
        Set<T> left = new HashSet<>(after);
        left.removeAll(before);
        return left;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.holds();
    }
}
