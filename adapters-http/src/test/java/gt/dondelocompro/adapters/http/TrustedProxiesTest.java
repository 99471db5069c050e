package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    private static WritableHeaders<?> headers(String... namesAndValues) {
        WritableHeaders<?> headers = WritableHeaders.create();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(HeaderNames.create(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void addressesAndRangesOfBothFamiliesAreTrustedAndNothingElse() {
        assertThat(proxies.trusts("10.1.2.3")).isTrue();
        assertThat(proxies.trusts("127.0.0.1")).isTrue();
        assertThat(proxies.trusts("127.0.0.2")).isFalse();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("haproxy")).as("names are never looked up").isFalse();
        assertThat(TrustedProxies.parse(List.of("192.168.1.0/25")).trusts("192.168.1.127")).isTrue();
        assertThat(TrustedProxies.parse(List.of("192.168.1.0/25")).trusts("192.168.1.128")).isFalse();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts("8.8.8.8")).isTrue();
    }

    @Test
    void aBadEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/8", "haproxy.internal")))
                .hasMessageContaining("'haproxy.internal' is not an IP address or CIDR range");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("300.1.1.1"))).hasMessageContaining("'300.1.1.1'");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("::1/abc"))).hasMessageContaining("'::1/abc'");
    }

    @Test
    void fromATrustedProxyTheClientIsTheRightmostUntrustedHop() {
        // the client made up 6.6.6.6; our proxy 10.0.0.7 appended what it saw, 203.0.113.9, then the edge 10.0.0.1 did
        var origin = proxies.origin("10.0.0.1", headers("X-Forwarded-For", "6.6.6.6, 203.0.113.9", "X-Forwarded-For", "10.0.0.7"));
        assertThat(origin.client()).isEqualTo("203.0.113.9");
    }

    @Test
    void fromAnyoneElseForwardingHeadersAreIgnored() {
        var origin = proxies.origin("198.51.100.4", headers("X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example", "Forwarded", "for=6.6.6.6;proto=https;host=evil.example"));
        assertThat(origin).isEqualTo(new TrustedProxies.Origin("198.51.100.4", Optional.empty(), Optional.empty()));
        assertThat(TrustedProxies.NONE.origin("127.0.0.1", headers("X-Forwarded-For", "6.6.6.6")).client()).isEqualTo("127.0.0.1");
    }

    @Test
    void schemeAndHostComeFromTheTrustedProxysHeaders() {
        var origin = proxies.origin("127.0.0.1", headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "dondelocompro.gt"));
        assertThat(origin).isEqualTo(new TrustedProxies.Origin("203.0.113.9", Optional.of("https"), Optional.of("dondelocompro.gt")));
        assertThat(proxies.origin("127.0.0.1", headers("X-Forwarded-Proto", "javascript")).scheme()).isEmpty();
    }

    @Test
    void theStandardForwardedHeaderWinsOverXForwardedForWithQuotesPortsAndIpv6() {
        var origin = proxies.origin("10.0.0.1", headers(
                "Forwarded", "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"tienda.example\"",
                "Forwarded", "for=10.0.0.7:3456",
                "X-Forwarded-For", "7.7.7.7"));
        assertThat(origin.client()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(origin.scheme()).contains("https");
        assertThat(origin.host()).contains("tienda.example");
    }

    @Test
    void anUnreadableHopStopsTheWalkAtTheProxyThatSentIt() {
        assertThat(proxies.origin("10.0.0.1", headers("X-Forwarded-For", "203.0.113.9, unknown, 10.0.0.7")).client())
                .isEqualTo("10.0.0.7");
        assertThat(proxies.origin("10.0.0.1", headers()).client()).as("no header: the proxy itself").isEqualTo("10.0.0.1");
    }
}
