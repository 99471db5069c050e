package gt.dondelocompro.bootstrap.faults;

import gt.dondelocompro.bootstrap.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as operators run it: {@code Main} in a JVM of its own (the test classpath, which holds what the jar's
 * {@code libs/} holds), its output in a log file, stopped with SIGTERM or SIGKILL like a real process.
 */
public final class ServiceProcess implements AutoCloseable {

    public final Process process;
    final int port;
    final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code Main} in {@code dir} with these variables (plus PORT) and waits until {@code /health} answers (60 s at
     * most); its output goes to {@code target/faults/<name>.log}, kept after the test.
     */
    static ServiceProcess start(Path dir, String name, Map<String, String> env, String... args) throws Exception {
        return start(dir, Path.of("target", "faults"), name, List.of("-Xmx512m"), env, args);
    }

    /**
     * The same with these JVM options, the log in {@code logs/<name>.log}: for other suites (the load benchmark) that
     * run the service their own way.
     */
    public static ServiceProcess start(Path dir, Path logs, String name, List<String> jvmOptions, Map<String, String> env,
                                       String... args) throws Exception {
        int port = freePort();
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("DLC_"));
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.process.isAlive()) {
                throw new AssertionError(name + " exited with " + service.process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 503) {
                    return service;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        service.kill9();
        throw new AssertionError(name + " did not answer /health within 60 s:\n" + Files.readString(log));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGTERM, then waits for the exit; the exit code, or -1 if it had not exited within {@code limit}. */
    int sigterm(Duration limit) throws InterruptedException {
        process.destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** How many sockets the process holds open (Linux: its socket file descriptors). */
    long openSockets() throws IOException {
        long n = 0;
        try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        n++;
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
