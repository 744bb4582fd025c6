package dev.tessera.tokenhandler;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an operator configures for one token-handler app (the admin PUT body), parsed strictly: the
 * client the agent acts as, the trusted web origins, the cookies, the redirect URI and the scope. Whether
 * the client really has that redirect URI and grant is checked against the tenant's clients by
 * {@link TokenHandlerAdministration}, which also fills in an absent scope (empty here) with the client's
 * whole registered scope. Spec: CONTRACT §6.2, §7 (camelCase).
 */
public record TokenHandlerSettings(ClientId clientId, List<String> webOrigins, CookieSettings cookies, String redirectUri,
                                   Scope scope) {
    static final int MAX_ORIGINS = 20;
    private static final Set<String> MEMBERS = Set.of("clientId", "webOrigins", "cookiePrefix", "cookieDomain", "cookiePath",
            "redirectUri", "scope");

    public TokenHandlerSettings {
        webOrigins = List.copyOf(webOrigins);
        if (scope == null) scope = Scope.EMPTY;
    }

    /** The same settings with {@code scope} (an absent one resolved against the client). */
    public TokenHandlerSettings withScope(Scope resolved) {
        return new TokenHandlerSettings(clientId, webOrigins, cookies, redirectUri, resolved);
    }

    public static TokenHandlerSettings fromJson(Map<String, Object> json) {
        for (String key : json.keySet()) {
            if (!MEMBERS.contains(key)) {
                throw OAuthException.invalidRequest("Unknown member '" + safe(key) + "'; allowed: clientId, webOrigins, "
                        + "cookiePrefix, cookieDomain, cookiePath, redirectUri, scope");
            }
        }
        ClientId clientId;
        try {
            clientId = new ClientId(string(json, "clientId", true));
        } catch (OAuthException e) {
            throw OAuthException.invalidRequest("clientId must be 1 to 128 printable ASCII characters");
        }
        List<String> origins = origins(json.get("webOrigins"));
        CookieSettings cookies = new CookieSettings(string(json, "cookiePrefix", true), string(json, "cookieDomain", false),
                string(json, "cookiePath", false));
        String redirectUri = redirectUri(string(json, "redirectUri", true));
        if (!origins.contains(originOf(URI.create(redirectUri)))) {
            throw OAuthException.invalidRequest("redirectUri must belong to one of the webOrigins");
        }
        String scope = string(json, "scope", false);
        Scope parsed;
        try {
            parsed = Scope.parse(scope);
        } catch (OAuthException e) {
            throw OAuthException.invalidRequest("scope must be space-separated scope tokens");
        }
        if (scope != null && parsed.isEmpty()) throw OAuthException.invalidRequest("scope must not be empty");
        if (scope != null && !parsed.contains("openid")) throw OAuthException.invalidRequest("scope must include openid");
        return new TokenHandlerSettings(clientId, origins, cookies, redirectUri, parsed);
    }

    /** Cookies carry {@code Secure} unless the app runs on plain-http loopback (only there is http allowed). */
    public boolean secureCookies() {
        return !redirectUri.startsWith("http:");
    }

    public boolean trusts(String origin) {
        return origin != null && webOrigins.contains(origin);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", clientId.value());
        m.put("webOrigins", webOrigins);
        m.put("cookiePrefix", cookies.prefix());
        if (cookies.domain() != null) m.put("cookieDomain", cookies.domain());
        m.put("cookiePath", cookies.path());
        m.put("redirectUri", redirectUri);
        m.put("scope", scope.toString());
        return m;
    }

    private static List<String> origins(Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ORIGINS) {
            throw OAuthException.invalidRequest("webOrigins must be an array of 1 to " + MAX_ORIGINS + " origins");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !out.add(origin(s))) {
                throw OAuthException.invalidRequest("webOrigins must hold distinct origin strings");
            }
        }
        return List.copyOf(out);
    }

    /** An origin exactly as browsers send it (RFC 6454 §6.2): lower case, no default port, no path or slash. */
    static String origin(String s) {
        URI u = parse(s, "webOrigins must hold origins of the form scheme://host[:port]");
        boolean bare = u.getRawUserInfo() == null && u.getRawPath() != null && u.getRawPath().isEmpty()
                && u.getRawQuery() == null && u.getRawFragment() == null && u.getHost() != null;
        if (!bare || !s.equals(originOf(u)) || isDefaultPort(u)) {
            throw OAuthException.invalidRequest("webOrigins must hold origins of the form scheme://host[:port], "
                    + "lower case, without a default port, path or trailing slash");
        }
        requireHttpsOrLoopback(u, "webOrigins");
        return s;
    }

    private static String redirectUri(String s) {
        URI u = parse(s, "redirectUri must be an absolute http(s) URI");
        if (u.getHost() == null || u.getRawFragment() != null || u.getRawUserInfo() != null || s.length() > 2000) {
            throw OAuthException.invalidRequest("redirectUri must be an absolute http(s) URI with a host and no fragment");
        }
        requireHttpsOrLoopback(u, "redirectUri");
        return s;
    }

    private static URI parse(String s, String message) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) throw OAuthException.invalidRequest(message);
            return u;
        } catch (URISyntaxException e) {
            throw OAuthException.invalidRequest(message);
        }
    }

    private static void requireHttpsOrLoopback(URI u, String member) {
        if (u.getScheme().equals("http") && !isLoopback(u.getHost())) {
            throw OAuthException.invalidRequest(member + " may use plain http on loopback addresses only");
        }
    }

    static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    private static boolean isDefaultPort(URI u) {
        return (u.getScheme().equals("https") && u.getPort() == 443) || (u.getScheme().equals("http") && u.getPort() == 80);
    }

    static String originOf(URI u) {
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + host + (u.getPort() < 0 || isDefaultPort(u) ? "" : ":" + u.getPort());
    }

    private static String string(Map<String, Object> json, String member, boolean required) {
        Object v = json.get(member);
        if (v == null) {
            if (required || json.containsKey(member)) {
                throw OAuthException.invalidRequest(member + (required ? " is required" : " must be a string when present"));
            }
            return null;
        }
        if (!(v instanceof String s)) throw OAuthException.invalidRequest(member + " must be a string");
        return s;
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^\\x20-\\x7E]", "?");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
