package dev.tessera.keys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tessera.tenant.TenantId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant signing keys: creation, rotation and the cached ready-to-sign view.
 * A key is published as NEXT before it signs; a retired key stays published for
 * {@link KeyDefaults#RETIRED_KEY_PUBLICATION} (longer than any token's lifetime).
 * Spec: RFC 7517 (JWKS); RFC 7515.
 */
public final class KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
    private static final String RS256 = "RS256";
    private final KeySetRepository repository;
    private final KeySetRepository rs256Repository;
    private final MasterKey masterKey;
    private final Clock clock;
    private final LoadingCache<TenantId, TenantKeys> cache;

    /**
     * @param repository the chain of each tenant's {@code signingAlgorithm}
     * @param rs256Repository each tenant's RS256 chain (CONTRACT §2), created on first load if absent
     */
    public KeyService(KeySetRepository repository, KeySetRepository rs256Repository, MasterKey masterKey, Clock clock) {
        this.repository = repository;
        this.rs256Repository = rs256Repository;
        this.masterKey = masterKey;
        this.clock = clock;
        // The cache runs on the injected clock, so the staleness bound and the end of a retired key's
        // publication are one timeline (and tests can drive both by moving the clock).
        this.cache = Caffeine.newBuilder().maximumSize(50_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(KeyDefaults.CACHE_STALENESS)
                .build(this::load);
    }

    /** The tenant's keys; throws {@link IllegalStateException} if it has no active key. */
    public TenantKeys keys(TenantId tenant) {
        return cache.get(tenant);
    }

    /** Creates an ACTIVE and a NEXT key of {@code alg}, and of RS256 in the RS256 chain, for a new tenant (idempotent). */
    public void initialise(TenantId tenant, String alg) {
        initialise(repository, tenant, alg);
        initialise(rs256Repository, tenant, RS256);
        cache.invalidate(tenant);
    }

    private void initialise(KeySetRepository chain, TenantId tenant, String alg) {
        List<SigningKey> existing = chain.list(tenant);
        Instant now = clock.instant();
        if (existing.stream().noneMatch(k -> k.state() == KeyState.ACTIVE)) {
            chain.insert(tenant, generate(tenant, alg, KeyState.ACTIVE, now));
        }
        if (existing.stream().noneMatch(k -> k.state() == KeyState.NEXT)) {
            chain.insert(tenant, generate(tenant, alg, KeyState.NEXT, now));
        }
    }

    /**
     * Rotates both chains: NEXT (already published) starts signing, ACTIVE retires but stays published,
     * a new NEXT is published. If the tenant's algorithm changed, the new-algorithm key signs at once
     * (clients refetch the JWKS on an unknown kid) and the old keys retire. The RS256 chain rotates
     * the same way, with the same publication of retired keys.
     */
    public synchronized void rotate(TenantId tenant, String alg) {
        rotate(repository, tenant, alg);
        rotate(rs256Repository, tenant, RS256);
        cache.invalidate(tenant);
    }

    /**
     * The tenant's {@code signingAlgorithm} changed: its chain moves to the new algorithm at once (as
     * {@link #rotate} does); the RS256 chain, which does not depend on it, stays as it is.
     */
    public synchronized void changeAlgorithm(TenantId tenant, String alg) {
        rotate(repository, tenant, alg);
        cache.invalidate(tenant);
    }

    private void rotate(KeySetRepository chain, TenantId tenant, String alg) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            List<SigningKey> keys = chain.list(tenant);
            SigningKey active = keys.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst().orElse(null);
            SigningKey next = keys.stream().filter(k -> k.state() == KeyState.NEXT).findFirst().orElse(null);
            if (active == null) {
                initialise(chain, tenant, alg);
                return;
            }
            if (next == null || !next.alg().equals(alg)) {
                next = generate(tenant, alg, KeyState.NEXT, now);
                chain.insert(tenant, next);
            }
            Instant until = now.plus(KeyDefaults.RETIRED_KEY_PUBLICATION);
            SigningKey newNext = generate(tenant, alg, KeyState.NEXT, now);
            if (chain.rotate(tenant, active.kid(), until, next.kid(), newNext, now)) {
                chain.purgeRetired(tenant, now);
                LOG.info("Rotated {} signing key of tenant {}: {} -> {}", alg, tenant, active.kid(), next.kid());
                return;
            }
        }
    }

    /** Rotates every tenant whose active key (of either chain) is older than {@code interval}; returns how many. */
    public int rotateDue(Duration interval, java.util.function.Function<TenantId, String> algorithmOf) {
        Instant cutoff = clock.instant().minus(interval);
        java.util.Set<TenantId> due = new java.util.LinkedHashSet<>(repository.dueForRotation(cutoff, 500));
        due.addAll(rs256Repository.dueForRotation(cutoff, 500));
        int n = 0;
        for (TenantId t : due) {
            String alg = algorithmOf.apply(t);
            if (alg != null) {
                rotate(t, alg);
                n++;
            }
        }
        return n;
    }

    public void invalidate(TenantId tenant) {
        cache.invalidate(tenant);
    }

    private SigningKey generate(TenantId tenant, String alg, KeyState state, Instant now) {
        String kid = UUID.randomUUID().toString();
        try {
            JWK jwk = switch (alg) {
                case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                case "RS256" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.EdDSA).generate();
                default -> throw new IllegalArgumentException("Unsupported algorithm " + alg);
            };
            String enc = masterKey.encrypt(jwk.toJSONString(), tenant.value() + "/" + kid);
            return new SigningKey(kid, alg, state, jwk.toPublicJWK().toJSONString(), enc, now,
                    state == KeyState.ACTIVE ? now : null, null, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("Key generation failed", e);
        }
    }

    private TenantKeys load(TenantId tenant) {
        Instant now = clock.instant();
        List<JWK> published = new ArrayList<>();
        Map<String, JWSVerifier> verifiers = new HashMap<>();
        SigningKey active = publish(tenant, repository.list(tenant), now, published, verifiers);
        if (active == null) {
            throw new IllegalStateException("Tenant " + tenant + " has no active signing key");
        }
        List<SigningKey> rsaChain = rs256Repository.list(tenant);
        if (rsaChain.stream().noneMatch(k -> k.state() == KeyState.ACTIVE)) {
            // a tenant created before the RS256 chain existed gets it on first load (CONTRACT §2)
            initialise(rs256Repository, tenant, RS256);
            rsaChain = rs256Repository.list(tenant);
        }
        SigningKey rsaActive = publish(tenant, rsaChain, now, published, verifiers);
        if (rsaActive == null) {
            throw new IllegalStateException("Tenant " + tenant + " has no active RS256 signing key");
        }
        JWKSet set = new JWKSet(published);
        return new TenantKeys(active.kid(), JWSAlgorithm.parse(active.alg()), signer(tenant, active),
                new TenantKeys.Signer(rsaActive.kid(), JWSAlgorithm.RS256, signer(tenant, rsaActive)), set,
                set.toString(true), Map.copyOf(verifiers));
    }

    /** Adds the chain's published keys to the JWKS and verifiers; returns its active key (the oldest, if several). */
    private static SigningKey publish(TenantId tenant, List<SigningKey> keys, Instant now, List<JWK> published,
                                      Map<String, JWSVerifier> verifiers) {
        SigningKey active = null;
        try {
            for (SigningKey k : keys) {
                if (k.state() == KeyState.RETIRED && k.publishUntil() != null && k.publishUntil().isBefore(now)) {
                    continue;
                }
                JWK pub = JWK.parse(k.publicJwk());
                published.add(pub);
                verifiers.put(k.kid(), TenantKeys.verifierFor(pub));
                if (k.state() == KeyState.ACTIVE && active == null) active = k;
            }
            return active;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Stored signing key of tenant " + tenant + " is unreadable", e);
        }
    }

    private JWSSigner signer(TenantId tenant, SigningKey active) {
        try {
            JWK priv = JWK.parse(masterKey.decrypt(active.privateJwkEncrypted(), tenant.value() + "/" + active.kid()));
            JWSSigner signer;
            if (priv instanceof ECKey ec) signer = new ECDSASigner(ec);
            else if (priv instanceof RSAKey rsa) signer = new RSASSASigner(rsa);
            else if (priv instanceof OctetKeyPair okp) signer = new Ed25519Signer(okp);
            else throw new IllegalStateException("Unsupported key type");
            signer.getJCAContext().setSecureRandom(dev.tessera.keys.RandomValues.PER_THREAD);
            return signer;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Stored signing key of tenant " + tenant + " is unreadable", e);
        }
    }
}
