package gt.dondelocompro.adapters.scraping.http;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import gt.dondelocompro.domain.FailureKind;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * robots.txt per origin, fetched once and cached, and the check of each exact path and query against it.
 *
 * <p>What an answer means follows RFC 9309 (and crawler-commons' {@code failedFetch}): 2xx is parsed;
 * other 4xx (404 included, but not 429) means there are no rules, so everything is allowed; 429, 5xx, a
 * timeout or an unreachable host mean "unreachable", and we then request nothing from that origin. That
 * conservative verdict is cached only briefly ({@code unreachableTtl}) so a store that recovers is searched
 * again soon; real rules are kept for {@code ttl}.
 *
 * <p>Redirects obey the client's one {@link RedirectRule}, at most {@link RedirectRule#MAX_HOPS} in a row. A
 * redirect the rule refuses, or one too many, is crawler-commons' {@code failedFetch(3xx)}: disallow all for now
 * and ask again later (the "unreachable" verdict), not "no robots.txt, allow all": the store may well have rules,
 * only we may not read them where it sends us, and searching it anyway would ignore them.
 */
final class RobotsCache {

    /** Fetches one URL once, with no robots check and no retries: how robots.txt itself is read. */
    @FunctionalInterface
    interface Fetcher {
        PoliteHttpClient.Answer fetch(URI uri, FetchOptions options, FetchContext context)
                throws IOException, InterruptedException, FetchException;
    }

    // RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt
    private static final long MAX_ROBOTS_BYTES = 512 * 1024;

    private record Verdict(BaseRobotRules rules, String unreachableBecause, boolean hostUnreachable, Instant expiresAt) {
        boolean fresh(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private static final class Origin {
        final ReentrantLock lock = new ReentrantLock();
        Verdict verdict;
    }

    private final String agent;
    private final Duration ttl;
    private final Duration unreachableTtl;
    private final Clock clock;
    private final Fetcher fetcher;
    private final RedirectRule redirects;
    private final ConcurrentMap<String, Origin> origins = new ConcurrentHashMap<>();

    RobotsCache(String agent, Duration ttl, Duration unreachableTtl, Clock clock, Fetcher fetcher, RedirectRule redirects) {
        this.agent = agent.toLowerCase(Locale.ROOT);
        this.ttl = ttl;
        this.unreachableTtl = unreachableTtl;
        this.clock = clock;
        this.fetcher = fetcher;
        this.redirects = redirects;
    }

    /**
     * Throws a ROBOTS failure when robots.txt disallows {@code target} (path and query) or could not be read. Reading
     * it waits at the host's gate on behalf of {@code context}; a refusal there (BUSY, or left unsent) is thrown as it
     * is and decides nothing about the rules, so the next request reads robots.txt again.
     */
    void check(URI target, FetchOptions options, FetchContext context) throws FetchException, InterruptedException {
        String origin = origin(target);
        Verdict verdict = verdictFor(origin, options, context);
        if (verdict.hostUnreachable()) {
            throw new FetchException(FailureKind.UNREACHABLE, "robots.txt of " + origin + " could not be fetched ("
                    + verdict.unreachableBecause() + "): the store's host cannot be reached, so "
                    + PoliteHttpClient.pathAndQuery(target) + " was not requested; check its base_url, or whether the site is down");
        }
        if (verdict.unreachableBecause() != null) {
            throw new FetchException(FailureKind.ROBOTS, "robots.txt of " + origin + " could not be read ("
                    + verdict.unreachableBecause() + "), so " + PoliteHttpClient.pathAndQuery(target)
                    + " was not requested; an unreachable robots.txt means 'disallow all' (RFC 9309)");
        }
        if (!verdict.rules().isAllowed(target.toString())) {
            throw new FetchException(FailureKind.ROBOTS, "robots.txt of " + origin + " disallows "
                    + PoliteHttpClient.pathAndQuery(target) + " for user-agent '" + agent + "'");
        }
    }

    private Verdict verdictFor(String origin, FetchOptions options, FetchContext context)
            throws InterruptedException, FetchException {
        Origin entry = origins.computeIfAbsent(origin, k -> new Origin());
        // one fetch per origin even when many searches arrive together: the others wait for its verdict
        entry.lock.lockInterruptibly();
        try {
            Instant now = clock.instant();
            if (entry.verdict == null || !entry.verdict.fresh(now)) {
                entry.verdict = load(origin, options.withMaxBodyBytes(MAX_ROBOTS_BYTES), context);
            }
            return entry.verdict;
        } finally {
            entry.lock.unlock();
        }
    }

    private Verdict load(String origin, FetchOptions options, FetchContext context) throws InterruptedException, FetchException {
        URI uri = URI.create(origin + "/robots.txt");
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        try {
            for (int hop = 0; ; hop++) {
                PoliteHttpClient.Answer answer = fetcher.fetch(uri, options, context);
                int status = answer.status();
                if (status >= 300 && status < 400 && answer.headers().firstValue("location").isPresent()) {
                    if (hop >= RedirectRule.MAX_HOPS) {
                        return failedRedirect(parser, status, "more than " + RedirectRule.MAX_HOPS + " redirects");
                    }
                    try {
                        uri = redirects.next(uri, answer.headers().firstValue("location").get(), options.redirectHosts());
                    } catch (RedirectRule.Refused refused) {
                        return failedRedirect(parser, status, "redirect to " + refused.target + " refused: "
                                + refused.getMessage());
                    }
                    continue;
                }
                if (status >= 200 && status < 300) {
                    byte[] body = PoliteHttpClient.decode(answer, MAX_ROBOTS_BYTES);
                    BaseRobotRules rules = parser.parseContent(uri.toString(), body,
                            answer.headers().firstValue("content-type").orElse("text/plain"), List.of(agent));
                    return fresh(rules, null, ttl);
                }
                if (status >= 400 && status < 500 && status != 429) {
                    return fresh(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), null, ttl);
                }
                return fresh(null, "HTTP " + status, unreachableTtl);
            }
        } catch (IOException e) {
            if (PoliteHttpClient.unreachable(e) != PoliteHttpClient.Unreachable.NO) {
                return new Verdict(null, PoliteHttpClient.describe(e), true, clock.instant().plus(unreachableTtl));
            }
            return fresh(null, PoliteHttpClient.describe(e), unreachableTtl);
        } catch (RuntimeException e) {
            return fresh(null, PoliteHttpClient.describe(e), unreachableTtl);
        }
    }

    /** crawler-commons' verdict for a 3xx that could not be followed: none allowed, visits deferred. */
    private Verdict failedRedirect(SimpleRobotRulesParser parser, int status, String why) {
        BaseRobotRules rules = parser.failedFetch(status);
        return rules.isDeferVisits() ? fresh(null, why, unreachableTtl) : fresh(rules, null, ttl);
    }

    private Verdict fresh(BaseRobotRules rules, String unreachableBecause, Duration ttl) {
        return new Verdict(rules, unreachableBecause, false, clock.instant().plus(ttl));
    }

    static String origin(URI uri) {
        int port = uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (port == -1 ? "" : ":" + port);
    }
}
