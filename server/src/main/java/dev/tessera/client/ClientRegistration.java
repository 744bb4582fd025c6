package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import dev.tessera.keys.RandomValues;
import dev.tessera.token.TokenHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Dynamic client registration and management: ids, 256-bit secrets and registration access tokens
 * are generated here and stored only as keyed hashes. Because a stored hash cannot be handed back, the
 * registration access token rotates on every read and update made with it (RFC 7592 §3 allows the
 * server to return a new one; the client must discard the previous one). Spec: RFC 7591 §3; RFC 7592 §2–3.
 */
public final class ClientRegistration {
    private final ClientRepository repository;
    private final ClientDirectory directory;
    private final ClientMetadataPolicy policy;
    private final RegistrationTokenPolicy tokenPolicy = new RegistrationTokenPolicy();
    private final TokenHasher hasher;
    private final Clock clock;

    public ClientRegistration(ClientDirectory directory, ClientMetadataPolicy policy, TokenHasher hasher, Clock clock) {
        this.repository = directory.repository();
        this.directory = directory;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
    }

    public RegisteredClient register(TenantId tenant, Map<String, Object> json) {
        ClientMetadata md = policy.validate(tenant, json);
        Instant now = clock.instant();
        String secret = needsSecret(md) ? RandomValues.token(32) : null;
        String rat = RandomValues.token(32);
        for (int attempt = 0; attempt < 3; attempt++) {
            Client c = new Client(new ClientId(RandomValues.token(16)), secret == null ? null : hasher.hash(secret).value(),
                    hasher.hash(rat).value(), md, now, now);
            if (repository.insert(tenant, c)) {
                directory.invalidate(tenant, c.clientId());
                return new RegisteredClient(c, secret, rat);
            }
        }
        throw new IllegalStateException("could not allocate a client id");
    }

    /** Creates or replaces a client with a chosen id and secret (bootstrap and dev clients). */
    public Client upsert(TenantId tenant, ClientId id, String secret, Map<String, Object> json) {
        ClientMetadata md = policy.validate(tenant, json);
        Instant now = clock.instant();
        Optional<Client> existing = repository.find(tenant, id);
        Client c = new Client(id, secret == null ? null : hasher.hash(secret).value(),
                existing.map(Client::registrationTokenHash).orElse(hasher.hash(RandomValues.token(32)).value()), md,
                existing.map(Client::createdAt).orElse(now), now);
        if (existing.isPresent()) repository.update(tenant, c);
        else repository.insert(tenant, c);
        directory.invalidate(tenant, id);
        return c;
    }

    /**
     * RFC 7592 §3: a read with the registration access token answers with a new one, so that the
     * response can carry it although only its hash is stored; the presented token is void from then
     * on. Empty if that token was rotated meanwhile (a concurrent read or update won with it).
     */
    public Optional<RegisteredClient> read(TenantId tenant, Client current) {
        String rat = RandomValues.token(32);
        String ratHash = hasher.hash(rat).value();
        if (!repository.rotateRegistrationToken(tenant, current.clientId(), current.registrationTokenHash(), ratHash)) {
            return Optional.empty();
        }
        directory.invalidate(tenant, current.clientId());
        return Optional.of(new RegisteredClient(new Client(current.clientId(), current.secretHash(), ratHash,
                current.metadata(), current.createdAt(), current.updatedAt()), null, rat));
    }

    /**
     * RFC 7592 §2.2: the request carries the full metadata; the secret stays. Made with the registration
     * access token ({@code rotateToken}), the update may not widen what the client may do
     * ({@link RegistrationTokenPolicy}); it also replaces that token (§3) in the same conditional
     * write, and is empty if the presented token was rotated meanwhile. Made with the
     * admin token, the client's registration access token stays as it is.
     */
    public Optional<RegisteredClient> update(TenantId tenant, Client current, Map<String, Object> json, boolean rotateToken) {
        Object id = json.get("client_id");
        if (!(id instanceof String s) || !s.equals(current.clientId().value())) {
            throw new OAuthException(ErrorCode.INVALID_CLIENT_METADATA, "client_id must match the client being updated");
        }
        Object secret = json.get("client_secret");
        if (secret != null && !(secret instanceof String str && hasher.matches(str, current.secretHash()))) {
            throw new OAuthException(ErrorCode.INVALID_CLIENT_METADATA, "client_secret does not match");
        }
        ClientMetadata md = policy.validate(tenant, json);
        if (rotateToken) tokenPolicy.check(current.metadata(), md);
        String newSecret = null;
        String secretHash = current.secretHash();
        if (needsSecret(md) && secretHash == null) {
            newSecret = RandomValues.token(32);
            secretHash = hasher.hash(newSecret).value();
        } else if (!needsSecret(md)) {
            secretHash = null;
        }
        String rat = rotateToken ? RandomValues.token(32) : null;
        Client updated = new Client(current.clientId(), secretHash,
                rat != null ? hasher.hash(rat).value() : current.registrationTokenHash(), md, current.createdAt(), clock.instant());
        if (rotateToken) {
            if (!repository.updateIfRegistrationToken(tenant, updated, current.registrationTokenHash())) return Optional.empty();
        } else {
            repository.update(tenant, updated);
        }
        directory.invalidate(tenant, current.clientId());
        return Optional.of(new RegisteredClient(updated, newSecret, rat));
    }

    public boolean delete(TenantId tenant, ClientId id) {
        boolean deleted = repository.delete(tenant, id);
        directory.invalidate(tenant, id);
        return deleted;
    }

    /** The client addressed by an RFC 7592 request, if the registration access token is its own. */
    public Optional<Client> authorize(TenantId tenant, ClientId id, String registrationAccessToken) {
        return repository.find(tenant, id).filter(c -> hasher.matches(registrationAccessToken, c.registrationTokenHash()));
    }

    public Optional<Client> find(TenantId tenant, ClientId id) {
        return repository.find(tenant, id);
    }

    private static boolean needsSecret(ClientMetadata md) {
        ClientAuthenticationMethod m = md.getTokenEndpointAuthMethod();
        return ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(m) || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(m);
    }
}
