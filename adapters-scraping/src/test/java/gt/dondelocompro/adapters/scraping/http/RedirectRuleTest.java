package gt.dondelocompro.adapters.scraping.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one redirect rule, with DNS replaced by a fixed table (no network here): the same host and port as the
 * request is always fine, an allowed host only when every address it resolves to is public.
 */
class RedirectRuleTest {

    private static final URI STORE = URI.create("https://tienda.gt/api/search?q=x");

    private static RedirectRule rule(Map<String, List<String>> dns) {
        return new RedirectRule(host -> {
            List<String> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
            }
            return resolved;
        });
    }

    @Test
    void theSameHostAndPortIsFollowedWhateverItResolvesTo() throws Exception {
        RedirectRule rule = rule(Map.of());
        assertThat(rule.next(STORE, "/moved?q=x", Set.of())).isEqualTo(URI.create("https://tienda.gt/moved?q=x"));
        assertThat(rule.next(URI.create("http://127.0.0.1:8081/a"), "http://127.0.0.1:8081/b", Set.of()))
                .isEqualTo(URI.create("http://127.0.0.1:8081/b"));
        assertThat(rule.next(URI.create("http://tienda.gt/a"), "https://tienda.gt/a", Set.of()))
                .as("upgrade to https").isEqualTo(URI.create("https://tienda.gt/a"));
    }

    @Test
    void anAllowedHostIsFollowedOnlyWhenEveryAddressItResolvesToIsPublic() throws Exception {
        RedirectRule rule = rule(Map.of(
                "cdn.tienda.gt", List.of("203.0.113.5", "2001:db8::5"),
                "mixed.tienda.gt", List.of("203.0.113.5", "10.0.0.7"),
                "ula.tienda.gt", List.of("fd12::1"),
                "cgnat.tienda.gt", List.of("100.64.0.1")));
        Set<String> allowed = Set.of("cdn.tienda.gt", "mixed.tienda.gt", "ula.tienda.gt", "cgnat.tienda.gt");

        assertThat(rule.next(STORE, "https://CDN.tienda.gt/s", allowed)).isEqualTo(URI.create("https://CDN.tienda.gt/s"));
        for (String host : List.of("mixed.tienda.gt", "ula.tienda.gt", "cgnat.tienda.gt")) {
            assertThatThrownBy(() -> rule.next(STORE, "https://" + host + "/s", allowed)).as(host)
                    .isInstanceOf(RedirectRule.Refused.class)
                    .hasMessageContaining("not a public address");
        }
    }

    @Test
    void anyOtherHostOrPortADowngradeOrAnotherSchemeIsRefused() {
        RedirectRule rule = rule(Map.of("otra.gt", List.of("203.0.113.9")));
        assertThatThrownBy(() -> rule.next(STORE, "https://otra.gt/", Set.of()))
                .isInstanceOf(RedirectRule.Refused.class).hasMessageContaining("outside the store's own host");
        assertThatThrownBy(() -> rule.next(STORE, "https://tienda.gt:8443/", Set.of()))
                .isInstanceOf(RedirectRule.Refused.class).hasMessageContaining("outside the store's own host");
        assertThatThrownBy(() -> rule.next(STORE, "http://tienda.gt/", Set.of("tienda.gt")))
                .isInstanceOf(RedirectRule.Refused.class).hasMessageContaining("https to http");
        assertThatThrownBy(() -> rule.next(STORE, "file:///etc/passwd", Set.of()))
                .isInstanceOf(RedirectRule.Refused.class).hasMessageContaining("not http(s)");
        assertThatThrownBy(() -> rule.next(STORE, "https://unknown.gt/", Set.of("unknown.gt")))
                .isInstanceOf(RedirectRule.Refused.class).hasMessageContaining("could not be resolved");
    }
}
