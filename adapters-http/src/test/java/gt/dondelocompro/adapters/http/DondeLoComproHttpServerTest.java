package gt.dondelocompro.adapters.http;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;

/** The HTTP contract on a real socket. */
@ServerTest
class DondeLoComproHttpServerTest extends AbstractDondeLoComproHttpTest {

    DondeLoComproHttpServerTest(Http1Client client) {
        super(client);
    }
}
