package gt.dondelocompro.adapters.http;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;


import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract on a real socket, with what only a server enforces: the request-body cap. */
@ServerTest
class DondeLoComproHttpServerTest extends AbstractDondeLoComproHttpTest {

    private final URI uri;

    DondeLoComproHttpServerTest(Http1Client client, URI uri) {
        super(client);
        this.uri = uri;
    }

    /** The server as the bootstrap configures it: CORS, the payload cap and refusal answers. */
    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        DondeLoComproHttp.configure(server, SETTINGS);
    }

    @Test
    void aBodyOver16KiBIs413() throws IOException {
        String big = "{\"query\": \"tv\", \"padding\": \"" + "p".repeat(17 * 1024) + "\"}";
        Reply reply = postJson("/search", big);
        assertProblem(reply, 413);
        assertThat(reply.json().get("detail").asText()).isEqualTo("the body must be at most 16384 bytes");
    }

    @Test
    void aChunkedBodyOver16KiBIs413Too() throws IOException {
        String body = "{\"query\": \"tv\", \"padding\": \"" + "p".repeat(17 * 1024) + "\"}";
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("POST /search HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < body.length(); i += 4096) {
                String chunk = body.substring(i, Math.min(body.length(), i + 4096));
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            request.append("0\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type: application/problem+json");
            }
            assertThat(problem).as("a problem body").isTrue();
        }
    }
}
