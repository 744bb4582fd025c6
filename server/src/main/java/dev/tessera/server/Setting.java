package dev.tessera.server;

/**
 * Every server setting: an environment variable {@code TESSERA_*} and the same as a flag.
 * docs/configuration.md is checked against this enum by a test.
 */
public enum Setting {
    HTTP_HOST("127.0.0.1", "Listen address."),
    HTTP_PORT("8080", "Listen port."),
    PUBLIC_URL("http://127.0.0.1:8080", "External base URL (behind a proxy: the proxy's URL); every issuer derives from it. "
            + "When unset it follows the host and port."),
    DATA_DIR("./data", "Where the embedded database (and the generated master key) live."),
    DB_URL("embedded", "`jdbc:postgresql://…` selects PostgreSQL; any other JDBC URL is used as given; `embedded` is the H2 file database in the data directory."),
    DB_USER("", "Database user (PostgreSQL)."),
    DB_PASSWORD("", "Database password (PostgreSQL)."),
    DB_POOL_SIZE("16", "Maximum database connections."),
    ADMIN_CLIENT_ID("tessera-admin", "Client id of the bootstrap admin client of tenant `system` (created or updated at start)."),
    ADMIN_CLIENT_SECRET("generated and printed once", "Secret of the bootstrap admin client, at least 32 characters; when unset, a secret is generated and printed once, when the client is first created."),
    MASTER_KEY("a generated key file in the data directory", "32 bytes, base64: encrypts private signing keys at rest and keys the token hashes. Set it in production."),
    KEY_ROTATION_DAYS("30", "Signing keys rotate on this schedule (the next key is published one period before it signs)."),
    TRUSTED_PROXIES("none", "Comma-separated IP addresses or CIDRs of the proxies in front of Tessera whose `X-Forwarded-For` "
            + "(and client-certificate header) are believed; from any other peer those headers are ignored."),
    CLIENT_CERT_HEADER("none", "Request header in which a TLS-terminating proxy forwards the client certificate as URL-encoded "
            + "PEM (NGINX: `proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert`); read only from trusted proxies."),
    OUTBOUND_ALLOW_PRIVATE("false", "`true` lets Tessera fetch client-supplied URLs (`jwks_uri`) from loopback, private, CGNAT and "
            + "unique-local addresses, over https or plain http (in-cluster key servers); link-local and metadata addresses stay refused."),
    PASSWORD_HASH_CONCURRENCY("half the cores, at least 1", "Password (Argon2id) checks, and browser interactions (authorize, "
            + "sign-in, consent), that may run at once; the rest wait in bounded queues, so a sign-in flood cannot starve the token endpoint."),
    PASSWORD_HASH_QUEUE("4 × the concurrency", "Password checks that may wait (at most 2 s) for a free slot; beyond it the sign-in "
            + "form answers 503 with `Retry-After: 1` and asks the user to try again."),
    DEV("false", "Same as `--dev`: creates the ready-to-try `demo` tenant and prints how to get a token.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String env() { return "TESSERA_" + name(); }

    public String flag() { return "--" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }
}
