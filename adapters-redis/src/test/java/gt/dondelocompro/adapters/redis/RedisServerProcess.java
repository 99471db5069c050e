package gt.dondelocompro.adapters.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of a test's own, on its own port, without persistence: for tests that stop Redis (never the
 * machine's on 6379) and, when no other Redis is configured, for the contract suites. Needs Debian's
 * {@code redis-server} on the PATH.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /** Whether a {@code redis-server} binary can be run here. */
    public static boolean available() {
        return executable() != null;
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * For a test that stops or freezes a Redis, so must have one of its own: starts it, or, without
     * {@code redis-server}, fails when {@link TestRedis#REQUIRE_VARIABLE} says Redis is required (CI) and skips
     * the test otherwise.
     */
    public static RedisServerProcess startOwnForTest() {
        if (!available() && Boolean.parseBoolean(System.getenv(TestRedis.REQUIRE_VARIABLE))) {
            throw new IllegalStateException("redis-server is not installed, and this test stops or freezes a Redis of its own");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), "redis-server is not installed");
        return start();
    }

    /** Starts a server on a free port of loopback and waits until it answers. */
    public static RedisServerProcess start() {
        RedisServerProcess server = new RedisServerProcess(freePort());
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** (Re)starts the server on the same port, empty, and waits until it accepts connections. */
    public void startAgain() {
        String exe = executable();
        if (exe == null) {
            throw new IllegalStateException("redis-server is not on the PATH (Debian: apt-get install redis-server)");
        }
        try {
            process = new ProcessBuilder(List.of(exe, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not start within 10 s");
    }

    /**
     * Freezes the server (SIGSTOP): it keeps its connections open and answers nothing, as a Redis that hangs;
     * {@link #thaw()} lets it go on.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        signal("CONT"); // a frozen server would not act on SIGTERM
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
