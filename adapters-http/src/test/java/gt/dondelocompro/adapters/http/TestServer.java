package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.domain.Availability;
import io.helidon.webserver.WebServer;

import java.time.Duration;

/**
 * A WebServer built the way the bootstrap builds it (configure, observe, routing, WebSocket routing) on a core whose
 * one store is a {@link GateStore}, for tests that talk to it over a real socket.
 */
final class TestServer implements AutoCloseable {

    final DondeLoCompro core;
    final GateStore store;
    final WebServer server;

    private TestServer(HttpSettings settings) {
        this.store = GateStore.offering("unica", "Tienda Única",
                new GateStore.Offering("U-1", "Licuadora Oster", "299", null, Availability.IN_STOCK));
        this.core = DondeLoCompro.builder().store(store).build();
        HttpUseCases useCases = TestUseCases.of(core);
        DondeLoComproObserve observe = DondeLoComproObserve.create();
        this.server = DondeLoComproHttp.configure(WebServer.builder(), settings)
                .port(0)
                .addFeature(observe.feature(core.health()))
                .routing(r -> DondeLoComproHttp.routing(r, useCases, settings))
                .addRouting(DondeLoComproHttp.webSocketRouting(useCases, settings))
                .build()
                .start();
    }

    static TestServer start(HttpSettings settings) {
        return new TestServer(settings);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        core.close(Duration.ofSeconds(5));
    }
}
