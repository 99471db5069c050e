package gt.dondelocompro.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A test's HTTP/1.1 client on a bare {@link Socket}: sends bytes exactly as given (malformed ones included) and reads
 * what comes back until the server closes or goes quiet, so a test sees the status line, the headers and whether the
 * connection was closed.
 */
final class RawHttp implements AutoCloseable {

    /** What the server sent: its first status code (0 when none), all bytes, and whether it closed the connection. */
    record Answer(int status, String text, boolean closed, Duration after) {
        String header(String name) {
            String head = text.split("\r\n\r\n", 2)[0];
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        String body() {
            String[] parts = text.split("\r\n\r\n", 2);
            return parts.length > 1 ? parts[1] : "";
        }

        boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }
    }

    private final Socket socket;

    private RawHttp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
    }

    static RawHttp connect(int port) throws IOException {
        return new RawHttp(port);
    }

    /** Sends {@code request} and reads the answer; {@code quiet} is how long a silence ends the read. */
    static Answer exchange(int port, byte[] request, Duration quiet) throws IOException {
        try (RawHttp http = connect(port)) {
            http.send(request);
            return http.read(quiet);
        }
    }

    static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(2));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads until the server closes the connection or nothing arrives for {@code quiet}; a full answer followed by
     * silence leaves the connection open ({@code closed == false}).
     */
    Answer read(Duration quiet) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) quiet.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        boolean closed = false;
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    closed = true;
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException silence) {
            // the server said all it will say for now
        } catch (IOException reset) {
            closed = true;
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int status = 0;
        if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
            status = Integer.parseInt(text.substring(9, 12));
        }
        return new Answer(status, text, closed, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
