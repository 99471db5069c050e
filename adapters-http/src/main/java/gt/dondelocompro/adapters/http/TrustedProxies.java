package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose forwarding headers are believed ({@code TRUSTED_PROXIES}: addresses or CIDR ranges). A request
 * from one of them is taken to come from the rightmost untrusted hop of its {@code Forwarded} (RFC 7239) or, without
 * one, {@code X-Forwarded-For}, and to have been made with the scheme and host of {@code X-Forwarded-Proto} /
 * {@code X-Forwarded-Host} (or {@code Forwarded}'s {@code proto} / {@code host}); a request from anyone else is taken
 * as its socket says, whatever headers it sends. Only the rightmost hops can be believed: each trusted proxy appends
 * the address it saw, and everything to the left of the first untrusted hop is what a client may have made up.
 */
public final class TrustedProxies {

    /** No proxy is trusted: forwarding headers are ignored. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    static final HeaderName X_FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    static final HeaderName X_FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    static final HeaderName FORWARDED = HeaderNames.create("Forwarded");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    /** Where a request came from, as far as can be believed: the client's address, and the scheme and host it used. */
    record Origin(String client, Optional<String> scheme, Optional<String> host) {
    }

    private final List<String> entries;
    private final List<Range> ranges;

    private TrustedProxies(List<String> entries, List<Range> ranges) {
        this.entries = List.copyOf(entries);
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Parses addresses ({@code 10.0.0.5}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = literal(host).orElseThrow(() -> new IllegalArgumentException(
                    "'" + entry + "' is not an IP address or CIDR range (such as 10.0.0.0/8 or ::1)"));
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not between 0 and " + bits);
                }
            }
            ranges.add(new Range(address.getAddress(), prefix));
        }
        return new TrustedProxies(entries.stream().map(String::strip).toList(), ranges);
    }

    /** The entries as given, for logs. */
    public List<String> entries() {
        return entries;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(String host) {
        Optional<InetAddress> address = literal(host);
        return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
    }

    /** Where a request that arrived from {@code peer} with these headers came from. */
    Origin origin(String peer, Headers headers) {
        if (!trusts(peer)) {
            return new Origin(peer, Optional.empty(), Optional.empty());
        }
        List<Forwarded> forwarded = forwarded(headers);
        List<String> hops = forwarded.isEmpty() ? list(headers, X_FORWARDED_FOR)
                : forwarded.stream().map(Forwarded::forValue).toList();
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break; // "unknown", an obfuscated name, garbage: the last believable hop is the proxy that sent it
            }
            client = hop.get().getHostAddress();
            if (!trusts(client)) {
                break;
            }
        }
        Optional<String> scheme = list(headers, X_FORWARDED_PROTO).stream().findFirst()
                .or(() -> forwarded.stream().map(Forwarded::proto).filter(p -> p != null).findFirst())
                .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> s.equals("http") || s.equals("https"));
        Optional<String> host = list(headers, X_FORWARDED_HOST).stream().findFirst()
                .or(() -> forwarded.stream().map(Forwarded::host).filter(h -> h != null).findFirst());
        return new Origin(client, scheme, host);
    }

    /** One element of a {@code Forwarded} header: its {@code for}, {@code proto} and {@code host}, unquoted. */
    private record Forwarded(String forValue, String proto, String host) {
    }

    private static List<Forwarded> forwarded(Headers headers) {
        List<Forwarded> elements = new ArrayList<>();
        for (String element : list(headers, FORWARDED)) {
            String forValue = "";
            String proto = null;
            String host = null;
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).strip());
                switch (name) {
                    case "for" -> forValue = value;
                    case "proto" -> proto = value;
                    case "host" -> host = value;
                    default -> {
                    }
                }
            }
            elements.add(new Forwarded(forValue, proto, host));
        }
        return elements;
    }

    /** Every value of a header, each comma-separated item on its own, in order. */
    private static List<String> list(Headers headers, HeaderName name) {
        if (!headers.contains(name)) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String value : headers.get(name).allValues()) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}; a bare IPv6 address stays. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** An IP address written as one, never looked up by name. */
    private static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = IPV4.matcher(h).matches();
        if (!v4 && !IPV6.matcher(h).matches()) {
            return Optional.empty();
        }
        if (v4 && java.util.Arrays.stream(h.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return Optional.empty(); // not an address: InetAddress would look it up as a name
        }
        try {
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "(none)" : String.join(",", entries);
    }
}
