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
 * what comes back, either one answer by its framing ({@link #readAnswer}: Content-Length, chunked, or until the server
 * closes) or everything until the server closes or goes quiet ({@link #read}), so a test sees the status line, the
 * headers and whether the connection was closed.
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

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    private RawHttp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** A client on a socket the caller opened (and closes). */
    static RawHttp on(Socket socket) {
        return new RawHttp(socket);
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

    /** Sends {@code request} and reads one answer by its framing (at most 10 s). */
    static Answer exchange(int port, String request) throws IOException {
        try (RawHttp http = connect(port)) {
            http.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return http.readAnswer(Duration.ofSeconds(10));
        }
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

    /**
     * Reads one answer as its framing says: the head, then a body of its Content-Length, or chunked up to the last
     * chunk and trailers, or (no framing) until the server closes; none for 1xx, 204 and 304. Gives up after
     * {@code limit} with what has come so far. {@code closed} is true only when the server closed before the end.
     */
    Answer readAnswer(Duration limit) throws IOException {
        return readAnswer(limit, false);
    }

    /** {@link #readAnswer(Duration)} of a request that was a HEAD when {@code head}: no body whatever the headers say. */
    Answer readAnswer(Duration limit, boolean head) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framed in = new Framed(socket, out, deadline);
        boolean closed = false;
        try {
            String prologue = in.head();
            int status = status(prologue);
            String lower = prologue.toLowerCase(Locale.ROOT);
            if (head || status < 200 || status == 204 || status == 304) {
                // no body
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                while (true) {
                    String size = in.line();
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        while (!in.line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    in.skip(n);
                    in.line();
                }
            } else if (header(prologue, "content-length") != null) {
                in.skip(Long.parseLong(header(prologue, "content-length")));
            } else {
                while (in.next() >= 0) {
                    // until the server closes
                }
                closed = true;
            }
        } catch (Framed.Eof eof) {
            closed = true;
        } catch (SocketTimeoutException late) {
            // gave up: what came so far
        } catch (IOException reset) {
            closed = true;
        } catch (NumberFormatException badFraming) {
            // the server's framing is broken: the test sees the bytes
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        return new Answer(status(text), text, closed, Duration.ofNanos(System.nanoTime() - start));
    }

    private static int status(String text) {
        if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
            try {
                return Integer.parseInt(text.substring(9, 12));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Byte-wise reads from the socket, each copied to {@code out}, within one deadline. */
    private static final class Framed {
        static final class Eof extends IOException {
        }

        private final Socket socket;
        private final InputStream in;
        private final ByteArrayOutputStream out;
        private final long deadline;

        Framed(Socket socket, ByteArrayOutputStream out, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = out;
            this.deadline = deadline;
        }

        int next() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) left);
            int b = in.read();
            if (b >= 0) {
                out.write(b);
            }
            return b;
        }

        String head() throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = next();
                if (b < 0) {
                    throw new Eof();
                }
                head.append((char) b);
            }
            return head.toString();
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = next();
                if (b < 0) {
                    throw new Eof();
                }
                if (b == '\n') {
                    return line.toString().stripTrailing();
                }
                line.append((char) b);
            }
        }

        void skip(long n) throws IOException {
            for (long i = 0; i < n; i++) {
                if (next() < 0) {
                    throw new Eof();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
