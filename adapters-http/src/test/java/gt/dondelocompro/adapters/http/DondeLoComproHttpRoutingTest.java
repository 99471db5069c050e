package gt.dondelocompro.adapters.http;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;

/** The HTTP contract without a network. */
@RoutingTest
class DondeLoComproHttpRoutingTest extends AbstractDondeLoComproHttpTest {

    DondeLoComproHttpRoutingTest(DirectClient client) {
        super(client);
    }
}
