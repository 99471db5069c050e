package gt.dondelocompro.adapters.scraping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A store that speaks raw bytes on a loopback socket, for answers no well-behaved HTTP server would send
 * (a header of megabytes, garbage instead of a status line, one byte a second). It answers robots.txt with a
 * plain 404 so that only the search meets the hostile answer, and records the path of every request.
 */
final class RawStoreServer implements AutoCloseable {

    /** Writes the answer to one request (not robots.txt); may close the socket without writing. */
    @FunctionalInterface
    interface Answer {
        void write(OutputStream out, Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Answer answer;
    private final List<String> requests = new ArrayList<>();
    private final Thread acceptor;

    private RawStoreServer(Answer answer) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answer = answer;
        this.acceptor = Thread.ofVirtual().start(this::acceptAll);
    }

    static RawStoreServer start(Answer answer) {
        try {
            return new RawStoreServer(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Paths of the requests other than robots.txt. */
    List<String> searchRequests() {
        synchronized (requests) {
            return requests.stream().filter(p -> !p.equals("/robots.txt")).toList();
        }
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            while (true) {
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    break;
                }
            }
            if (requestLine == null) {
                return;
            }
            String path = requestLine.split(" ")[1];
            synchronized (requests) {
                requests.add(path);
            }
            OutputStream out = client.getOutputStream();
            if (path.equals("/robots.txt")) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                answer.write(out, client);
            }
            out.flush();
        } catch (IOException | InterruptedException clientWentAway) {
            // the client stops reading on purpose (limits, timeouts): not the server's problem
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(1000);
    }
}
