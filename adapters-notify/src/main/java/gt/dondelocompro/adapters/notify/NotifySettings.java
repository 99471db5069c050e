package gt.dondelocompro.adapters.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the senders behave: whether private addresses are allowed ({@code ALERT_ALLOW_PRIVATE_TARGETS}, for tests and
 * self-hosting), the HTTP timeouts and response cap, the User-Agent, and the SMTP server ({@code SMTP_*}; empty: no
 * e-mail). The SMTP password is never part of {@link #toString()}.
 */
public record NotifySettings(boolean allowPrivateTargets, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes,
                             String userAgent, Optional<Smtp> smtp) {

    public NotifySettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(smtp, "smtp");
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative");
        }
    }

    /** Public targets only, 5 s to connect, 10 s per request, 4 KiB of a response read at most, no e-mail. */
    public static NotifySettings defaults(String userAgent) {
        return new NotifySettings(false, Duration.ofSeconds(5), Duration.ofSeconds(10), 4096, userAgent, Optional.empty());
    }

    public NotifySettings allowingPrivateTargets(boolean allow) {
        return new NotifySettings(allow, connectTimeout, requestTimeout, maxResponseBytes, userAgent, smtp);
    }

    public NotifySettings withSmtp(Smtp server) {
        return new NotifySettings(allowPrivateTargets, connectTimeout, requestTimeout, maxResponseBytes, userAgent, Optional.of(server));
    }

    public NotifySettings withTimeouts(Duration connect, Duration request) {
        return new NotifySettings(allowPrivateTargets, connect, request, maxResponseBytes, userAgent, smtp);
    }

    /** An SMTP server; {@code user} null for none; {@code startTls} asks for STARTTLS when the server offers it. */
    public record Smtp(String host, int port, String user, String password, String from, boolean startTls) {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + (user == null ? "(none)" : user)
                    + ", password=" + (password == null ? "(none)" : "****") + ", from=" + from + ", startTls=" + startTls + "]";
        }
    }
}
