package dev.tessera.token;

import dev.tessera.binding.SenderBinding;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a grant decided about the access token to mint; the issuer adds identity, times, format and
 * the customizers' claims. Built with {@link #builder}: only tenant, client, subject and grant type
 * are required. Spec: RFC 6749 §1.4; RFC 9068 §2.2; RFC 8707 (audience).
 */
public final class AccessTokenRequest {
    private final TenantId tenant;
    private final TenantSettings settings;
    private final ClientId clientId;
    private final String format;
    private final String subject;
    private final Scope scope;
    private final List<String> audience;
    private final String grantType;
    private final SenderBinding binding;
    private final String grantId;
    private final Instant notAfter;

    private AccessTokenRequest(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.clientId = Objects.requireNonNull(b.clientId, "clientId");
        this.format = b.format;
        this.subject = Objects.requireNonNull(b.subject, "subject");
        this.scope = b.scope == null ? Scope.parse(null) : b.scope;
        this.audience = List.copyOf(b.audience);
        this.grantType = Objects.requireNonNull(b.grantType, "grantType");
        this.binding = b.binding == null ? SenderBinding.NONE : b.binding;
        this.grantId = b.grantId;
        this.notAfter = b.notAfter;
    }

    public static Builder builder(TenantId tenant, TenantSettings settings) {
        return new Builder(tenant, settings);
    }

    public TenantId tenant() { return tenant; }

    public TenantSettings settings() { return settings; }

    public ClientId clientId() { return clientId; }

    /** {@code opaque} or {@code jwt}; null: the tenant's {@code accessTokenFormat}. */
    public String format() { return format; }

    public String subject() { return subject; }

    public Scope scope() { return scope; }

    /** Requested audience; empty: the tenant's default audience. */
    public List<String> audience() { return audience; }

    public String grantType() { return grantType; }

    public SenderBinding binding() { return binding; }

    /** The grant family the token belongs to (revoked with it), or null. */
    public String grantId() { return grantId; }

    /** The token must expire no later than this (e.g. the token it was exchanged for), or null. */
    public Instant notAfter() { return notAfter; }

    public static final class Builder {
        private final TenantId tenant;
        private final TenantSettings settings;
        private ClientId clientId;
        private String format;
        private String subject;
        private Scope scope;
        private List<String> audience = List.of();
        private String grantType;
        private SenderBinding binding;
        private String grantId;
        private Instant notAfter;

        private Builder(TenantId tenant, TenantSettings settings) {
            this.tenant = tenant;
            this.settings = settings;
        }

        /** The client the token is issued to, and the format it registered (null: the tenant's). */
        public Builder client(ClientId id, String format) {
            this.clientId = id;
            this.format = format;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        public Builder audience(List<String> audience) {
            this.audience = audience;
            return this;
        }

        public Builder grantType(String grantType) {
            this.grantType = grantType;
            return this;
        }

        public Builder binding(SenderBinding binding) {
            this.binding = binding;
            return this;
        }

        public Builder grantId(String grantId) {
            this.grantId = grantId;
            return this;
        }

        public Builder notAfter(Instant notAfter) {
            this.notAfter = notAfter;
            return this;
        }

        public AccessTokenRequest build() {
            return new AccessTokenRequest(this);
        }
    }
}
