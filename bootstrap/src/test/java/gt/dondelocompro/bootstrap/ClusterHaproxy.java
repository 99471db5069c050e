package gt.dondelocompro.bootstrap;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy configured exactly as {@code scripts/cluster.sh} runs it, as a child process of a test: the
 * configuration is the script's own rendering ({@code scripts/cluster.sh haproxy-config PORT HOST:PORT...}, from
 * {@code scripts/haproxy.cfg.template}), listening on a free port of loopback in front of the given instances, so a
 * test through it covers the cluster's balancer and not a copy of it. Without {@code haproxy} installed the calling
 * test is skipped on a developer's machine and fails when {@code DLC_REQUIRE_HAPROXY=true} ({@code .ci/run} sets it):
 * a skipped proxy test must not pass as green there. Configuration and log go to {@code target/haproxy/}.
 */
final class ClusterHaproxy implements AutoCloseable {

    static final String REQUIRE_VARIABLE = "DLC_REQUIRE_HAPROXY";
    private static final Path FILES = Path.of("target", "haproxy");
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    private final int port;
    private final Path log;
    private final Process process;

    private ClusterHaproxy(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** The {@code haproxy} binary ({@code /usr/sbin}, where Debian puts it, is often not on a user's PATH), or null. */
    private static String executable() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, "haproxy");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Skips the calling test (or fails it, when {@value #REQUIRE_VARIABLE}{@code =true}) when haproxy is not installed. */
    static void assumeInstalled() {
        if (executable() != null) {
            return;
        }
        if (Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(REQUIRE_VARIABLE + "=true but haproxy is not installed (Debian: apt-get install haproxy)");
        }
        Assumptions.abort("haproxy is not installed: apt-get install haproxy (Debian's package, as .ci/run installs it)");
    }

    /** Starts HAProxy in front of the instances on {@code instancePorts} (127.0.0.1) and waits until it forwards to one. */
    static ClusterHaproxy start(int... instancePorts) throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(FILES);
        int port = freePort();
        Path config = FILES.resolve("haproxy-" + port + ".cfg").toAbsolutePath();
        render(port, instancePorts, config);

        Path log = FILES.resolve("haproxy-" + port + ".log").toAbsolutePath();
        // -db: in the foreground, so that this process is HAProxy itself and destroy() stops it
        Process process = new ProcessBuilder(executable(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ClusterHaproxy haproxy = new ClusterHaproxy(port, log, process);
        try {
            haproxy.awaitForwarding();
        } catch (RuntimeException | Error | InterruptedException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    /** {@code scripts/cluster.sh haproxy-config}: the cluster's own configuration, for this port and these instances. */
    private static void render(int port, int[] instancePorts, Path config) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/cluster.sh").toString(), "haproxy-config",
                Integer.toString(port)));
        for (int instance : instancePorts) {
            command.add("127.0.0.1:" + instance);
        }
        Path errors = Files.createTempFile(FILES.toAbsolutePath(), "render", ".err");
        try {
            Process render = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(config.toFile()).redirectError(errors.toFile()).start();
            if (!render.waitFor(10, TimeUnit.SECONDS)) {
                render.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 s");
            }
            if (render.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + render.exitValue() + "): "
                        + Files.readString(errors).strip());
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The checkout's top directory (the one holding scripts/cluster.sh); tests run in the module's directory. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/cluster.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/cluster.sh in " + Path.of("").toAbsolutePath() + " nor above it");
    }

    /** Until {@code GET /} through HAProxy answers 200: it listens, and counts at least one instance as up. */
    private void awaitForwarding() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "nothing yet";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("haproxy exited (" + process.exitValue() + "): " + log());
                }
                if (listening()) {
                    try {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url() + "/"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() == 200) {
                            return;
                        }
                        last = "GET / answered " + res.statusCode();
                    } catch (IOException e) {
                        last = e.toString();
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("haproxy on port " + port + " did not forward within " + START_LIMIT.toSeconds()
                + " s (" + last + "): " + log());
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}, the balancer. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops HAProxy (SIGTERM, then SIGKILL) and waits until it is gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
