package dev.tessera.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JWK sets published at client-supplied URLs, fetched through {@link OutboundFetcher} and cached:
 * a set is used for {@link #TTL}; a refresh (an unknown {@code kid}) or a failed fetch is retried
 * at most once per {@link #MIN_REFETCH} per URL, so that assertions cannot make Tessera fetch in a
 * loop; after a failure the last good keys are kept until their time ends.
 * Spec: RFC 7591 §2 ({@code jwks_uri}); RFC 7517 §5.
 */
public final class RemoteJwkSets {
    public static final Duration TTL = Duration.ofMinutes(10);
    public static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private static final String ACCEPT = "application/jwk-set+json, application/json";

    private record Entry(JWKSet set, Instant fetchedAt, Instant attemptedAt) {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteJwkSets.class);

    private final OutboundFetcher fetcher;
    private final Clock clock;
    private final Cache<URI, Entry> entries = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public RemoteJwkSets(OutboundFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    /**
     * The public keys published at {@code uri}; empty when none could be had.
     * @param refresh the keys held do not verify (e.g. an unknown {@code kid}): fetch again, within the limit
     */
    public Optional<JWKSet> keys(URI uri, boolean refresh) {
        Entry held = entries.getIfPresent(uri);
        if (usable(held) && !refresh) return Optional.of(held.set());
        ReentrantLock lock = locks[Math.floorMod(uri.hashCode(), locks.length)];
        try {
            // one fetch per URL at a time; a caller that cannot get its turn within a fetch's budget keeps what is held
            if (!lock.tryLock(OutboundFetcher.BUDGET.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return usable(held) ? Optional.of(held.set()) : Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return usable(held) ? Optional.of(held.set()) : Optional.empty();
        }
        try {
            Instant now = clock.instant();
            Entry e = entries.getIfPresent(uri);
            if (e != null && e != held && usable(e)) return Optional.of(e.set());   // fetched while this one waited
            if (e != null && now.isBefore(e.attemptedAt().plus(MIN_REFETCH))) {
                return usable(e) ? Optional.of(e.set()) : Optional.empty();
            }
            Fetched answer = fetcher.get(uri, ACCEPT);
            JWKSet fetched = parse(answer);
            Instant after = clock.instant();
            if (fetched == null) {
                LOG.warn("jwks_uri of host {} not usable: {}", uri.getHost(),
                        answer instanceof Fetched.Failed f ? f.reason() : "not a JWK set");
            }
            if (fetched != null) {
                entries.put(uri, new Entry(fetched, after, after));
                return Optional.of(fetched);
            }
            boolean keep = usable(e);
            entries.put(uri, new Entry(keep ? e.set() : null, keep ? e.fetchedAt() : after, after));
            return keep ? Optional.of(e.set()) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private boolean usable(Entry e) {
        return e != null && e.set() != null && clock.instant().isBefore(e.fetchedAt().plus(TTL));
    }

    private static JWKSet parse(Fetched f) {
        if (!(f instanceof Fetched.Body b)) return null;
        try {
            return JWKSet.parse(new String(b.bytes(), StandardCharsets.UTF_8)).toPublicJWKSet();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }
}
