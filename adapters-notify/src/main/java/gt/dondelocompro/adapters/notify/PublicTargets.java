package gt.dondelocompro.adapters.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the senders off the service's own network: a URL whose host resolves to any loopback, unspecified, private
 * (RFC 1918, IPv6 unique-local), shared (100.64/10), link-local (which holds the cloud metadata address
 * 169.254.169.254), multicast or reserved address is refused, and so is a host that does not resolve. Checked at
 * creation and again before each send, since what a name resolves to can change. (A name that changes between the
 * check and the connection a moment later can still slip through; the check narrows that to one lookup's time.)
 */
public final class PublicTargets {

    /** Names that are metadata services whatever they resolve to. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata", "instance-data");

    private final boolean allowPrivate;

    public PublicTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be used, or empty when it may. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("must name a host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (METADATA_NAMES.contains(name) || name.equals("localhost") || name.endsWith(".localhost") || name.endsWith(".internal")) {
            return Optional.of("must not point at this service's own network (" + host + ")");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return Optional.of("its host " + host + " cannot be resolved");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return Optional.of("resolves to a loopback, private, link-local or metadata address (" + host + ")");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (isMapped(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException impossible) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            return !(o0 == 0                                   // 0.0.0.0/8 "this network"
                    || (o0 == 100 && (o1 & 0xc0) == 64)        // 100.64.0.0/10 shared (carrier-grade NAT)
                    || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    || (o0 == 198 && (o1 == 18 || o1 == 19))   // 198.18.0.0/15 benchmarking
                    || o0 >= 240);                             // reserved and broadcast
        }
        return false;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
