package dev.tessera.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Resolved settings: flag, else environment variable, else default. Unknown {@code TESSERA_*} variables fail at start. */
public final class Config {
    /** The shortest bootstrap admin secret accepted: 32 characters. */
    public static final int MIN_ADMIN_SECRET_LENGTH = 32;

    private final Map<Setting, String> values;

    private Config(Map<Setting, String> values) {
        this.values = values;
    }

    public static Config resolve(Map<String, String> env, Map<Setting, String> flags) {
        for (String name : env.keySet()) {
            if (name.startsWith("TESSERA_") && !isKnown(name)) {
                throw new IllegalArgumentException("Unknown setting " + name + " (see docs/configuration.md)");
            }
        }
        Map<Setting, String> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String value = flags.get(s);
            if (value == null) value = env.get(s.env());
            if (value != null && !value.isEmpty()) v.put(s, value);
        }
        Config c = new Config(v);
        c.validate();
        return c;
    }

    public static Config of(Map<Setting, String> values) {
        return resolve(Map.of(), values);
    }

    /**
     * Port 0 asks for any free port, but a public URL derived from host and port must name the port
     * really served (every issuer derives from it), so a free port is chosen here, before wiring.
     */
    public Config withConcretePort() {
        if (httpPort() != 0 || raw(Setting.PUBLIC_URL) != null) return this;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(httpHost()))) {
            Map<Setting, String> v = new EnumMap<>(values);
            v.put(Setting.HTTP_PORT, Integer.toString(socket.getLocalPort()));
            return new Config(v);
        } catch (IOException e) {
            throw new IllegalArgumentException("No free port on " + httpHost() + ": " + e.getMessage());
        }
    }

    private static boolean isKnown(String env) {
        for (Setting s : Setting.values()) if (s.env().equals(env)) return true;
        return false;
    }

    private void validate() {
        int port = httpPort();
        if (port < 0 || port > 65535) throw new IllegalArgumentException("TESSERA_HTTP_PORT must be 0-65535");
        String url = publicUrl();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("TESSERA_PUBLIC_URL must be an http(s) URL");
        }
        if (keyRotationDays() < 1) throw new IllegalArgumentException("TESSERA_KEY_ROTATION_DAYS must be at least 1");
        if (dbPoolSize() < 1) throw new IllegalArgumentException("TESSERA_DB_POOL_SIZE must be at least 1");
        String adminSecret = adminClientSecret();
        if (adminSecret != null && adminSecret.length() < MIN_ADMIN_SECRET_LENGTH) {
            // the secret of the client that administers every tenant: at least as strong as a generated one (43 characters)
            throw new IllegalArgumentException("TESSERA_ADMIN_CLIENT_SECRET must be at least " + MIN_ADMIN_SECRET_LENGTH
                    + " characters (it has " + adminSecret.length() + "); unset it to have one generated");
        }
        if (passwordHashConcurrency() < 1) throw new IllegalArgumentException("TESSERA_PASSWORD_HASH_CONCURRENCY must be at least 1");
        if (passwordHashQueue() < 0) throw new IllegalArgumentException("TESSERA_PASSWORD_HASH_QUEUE must be at least 0");
        dev.tessera.http.TrustedProxies.parse(trustedProxies());   // a malformed range fails start-up, not a request
        dev(); // fails now rather than half-way through start-up
        outboundAllowPrivate();
    }

    private String raw(Setting s) { return values.get(s); }

    public String httpHost() { return values.getOrDefault(Setting.HTTP_HOST, Setting.HTTP_HOST.defaultValue()); }

    public int httpPort() { return integer(Setting.HTTP_PORT); }

    public String publicUrl() {
        String v = raw(Setting.PUBLIC_URL);
        if (v != null) return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        String host = httpHost();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + httpPort();
    }

    public Path dataDir() { return Path.of(values.getOrDefault(Setting.DATA_DIR, Setting.DATA_DIR.defaultValue())); }

    /** null for the embedded default. */
    public String dbUrl() {
        String v = raw(Setting.DB_URL);
        return v == null || v.equals("embedded") ? null : v;
    }

    public String dbUser() { return values.getOrDefault(Setting.DB_USER, ""); }

    public String dbPassword() { return values.getOrDefault(Setting.DB_PASSWORD, ""); }

    public int dbPoolSize() { return integer(Setting.DB_POOL_SIZE); }

    public String adminClientId() { return values.getOrDefault(Setting.ADMIN_CLIENT_ID, Setting.ADMIN_CLIENT_ID.defaultValue()); }

    /** null when it should be generated. */
    public String adminClientSecret() { return raw(Setting.ADMIN_CLIENT_SECRET); }

    /** null when the key file in the data directory should be used. */
    public String masterKey() { return raw(Setting.MASTER_KEY); }

    /** {@code TESSERA_TRUSTED_PROXIES}, or null for none. */
    public String trustedProxies() {
        String v = raw(Setting.TRUSTED_PROXIES);
        return v == null || v.equalsIgnoreCase("none") ? null : v;
    }

    /** {@code TESSERA_CLIENT_CERT_HEADER}, or null for none. */
    public String clientCertHeader() {
        String v = raw(Setting.CLIENT_CERT_HEADER);
        return v == null || v.equalsIgnoreCase("none") ? null : v;
    }

    public int keyRotationDays() { return integer(Setting.KEY_ROTATION_DAYS); }

    /** {@code TESSERA_PASSWORD_HASH_CONCURRENCY}: half the cores (at least 1) when unset. */
    public int passwordHashConcurrency() {
        return raw(Setting.PASSWORD_HASH_CONCURRENCY) == null ? dev.tessera.user.HashingGate.defaultPermits()
                : integer(Setting.PASSWORD_HASH_CONCURRENCY);
    }

    /** {@code TESSERA_PASSWORD_HASH_QUEUE}: four times the concurrency when unset. */
    public int passwordHashQueue() {
        return raw(Setting.PASSWORD_HASH_QUEUE) == null ? 4 * passwordHashConcurrency() : integer(Setting.PASSWORD_HASH_QUEUE);
    }

    public boolean dev() {
        return bool(Setting.DEV);
    }

    public boolean outboundAllowPrivate() {
        return bool(Setting.OUTBOUND_ALLOW_PRIVATE);
    }

    private boolean bool(Setting s) {
        String v = values.getOrDefault(s, s.defaultValue()).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException(s.env() + " must be true or false");
        return v.equals("true");
    }

    private int integer(Setting s) {
        String v = values.getOrDefault(s, s.defaultValue());
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.env() + " must be an integer");
        }
    }
}
