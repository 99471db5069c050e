package gt.dondelocompro.adapters.scraping.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule for every redirect we follow (searches, product pages and robots.txt alike): a redirect may go
 * to the same host and port as the request it answers (http may become https, never the reverse), or to one of
 * the store's allowed hosts when every address that host resolves to is public. Never to another loopback,
 * private (RFC 1918, fc00::/7), shared (100.64/10), link-local (169.254/16 with the cloud metadata address,
 * fe80::/10) or unspecified address: a store's redirect must not become our GET into the internal network.
 * A store on loopback (the demo, the tests) keeps working because its own host and port are always allowed.
 *
 * <p>The addresses are checked here and resolved again when the JDK client connects; a DNS answer that changes
 * in between (rebinding) is not caught.
 */
final class RedirectRule {

    /** Redirects followed in a row before giving up; RFC 9309 asks at least five for robots.txt. */
    static final int MAX_HOPS = 5;

    /** DNS, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A redirect that is not followed: where it led ({@code target}) and why (the message). */
    static final class Refused extends Exception {
        final String target;

        Refused(String target, String reason) {
            super(reason, null, false, false);
            this.target = target;
        }
    }

    private final Resolver resolver;

    RedirectRule(Resolver resolver) {
        this.resolver = resolver;
    }

    static RedirectRule usingDns() {
        return new RedirectRule(InetAddress::getAllByName);
    }

    /**
     * Where the redirect from {@code from} to {@code location} leads, when it may be followed.
     * {@code allowedHosts} are lower-case host names (IPv6 literals in brackets) the store may redirect to.
     */
    URI next(URI from, String location, Set<String> allowedHosts) throws Refused {
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused(location, "the location '" + location + "' is not a URL");
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || to.getHost() == null) {
            throw new Refused(to.toString(), "it is not http(s)");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new Refused(to.toString(), "it goes from https to http");
        }
        if (sameHostAndPort(from, to)) {
            return to;
        }
        String host = to.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new Refused(to.toString(), "it is outside the store's own host " + from.getHost() + ":" + effectivePort(from)
                    + " and not in its allowed_hosts");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused(to.toString(), "its host " + host + " could not be resolved");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused(to.toString(), "its host " + host + " resolves to " + address.getHostAddress()
                        + ", not a public address");
            }
        }
        return to;
    }

    /** Same host name and port; http to https on the default ports counts as the same place. */
    private static boolean sameHostAndPort(URI from, URI to) {
        if (!from.getHost().equalsIgnoreCase(to.getHost())) {
            return false;
        }
        if (from.getScheme().equalsIgnoreCase(to.getScheme())) {
            return effectivePort(from) == effectivePort(to);
        }
        // http to https (the only change of scheme allowed), from and to the default ports only
        return effectivePort(from) == 80 && effectivePort(to) == 443;
    }

    static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) && first < 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:a.b.c.d arrives as an Inet4Address already
            return (b[0] & 0xfe) != 0xfc;
        }
        return false;
    }
}
