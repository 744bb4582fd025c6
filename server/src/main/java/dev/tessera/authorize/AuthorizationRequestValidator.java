package dev.tessera.authorize;

import dev.tessera.protocol.ClientRedirect;
import com.nimbusds.oauth2.sdk.GrantType;
import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request in the order the RFCs require: first the client and redirect URI
 * (failures shown on an error page, never redirected), then everything else (failures redirected).
 * Every failure is an {@code OAuthException}; those that may go to the client carry its redirect.
 * Spec: RFC 6749 §3.1, §3.1.2.3, §4.1.1, §4.1.2.1; RFC 7636 §4.3–4.4; RFC 8252 §7.3; OIDC Core §3.1.2.1.
 */
public final class AuthorizationRequestValidator {
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** The longest {@code state} Tessera returns to a client (authorization and logout); longer ones get an error page. */
    public static final int MAX_STATE_LENGTH = 2048;
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    private final ClientDirectory clients;
    private final Clock clock;

    public AuthorizationRequestValidator(ClientDirectory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    public PendingAuthorization validate(TenantId tenant, AuthorizationParameters input) {
        FormParameters p = input.parameters();
        String clientIdRaw = single(p, "client_id", true);
        if (clientIdRaw == null) throw page("The request has no client_id.");
        Client client;
        try {
            client = clients.find(tenant, new ClientId(clientIdRaw)).orElse(null);
        } catch (OAuthException e) {
            client = null;
        }
        if (client == null) throw page("The application is unknown.");
        String redirectUri = resolveRedirect(client, single(p, "redirect_uri", true));
        String state = single(p, "state", false);
        // never echoed when oversized: a page for the user, not a redirect carrying it (CONTRACT §5)
        if (state != null && state.length() > MAX_STATE_LENGTH) throw page("The request's state is too long.");
        String responseMode = single(p, "response_mode", false);
        boolean modeOk = responseMode == null || responseMode.equals("query") || responseMode.equals("form_post");
        var to = new ClientRedirect(client.clientId(), redirectUri, modeOk && responseMode != null
                ? responseMode : "query", state);
        try {
            p.rejectRepeatsExcept(Set.of("resource"));
        } catch (OAuthException e) {
            throw redirect(to, ErrorCode.INVALID_REQUEST, e.description());
        }
        if (!modeOk) throw redirect(to, ErrorCode.INVALID_REQUEST, "Unsupported response_mode");
        if (p.optional("request") != null) {
            throw redirect(to, ErrorCode.REQUEST_NOT_SUPPORTED, "Request objects are not supported");
        }
        if (p.optional("request_uri") != null) {
            throw redirect(to, ErrorCode.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported");
        }
        String responseType = p.optional("response_type");
        if (responseType == null) throw redirect(to, ErrorCode.INVALID_REQUEST, "response_type is required");
        if (!responseType.equals("code")) {
            throw redirect(to, ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported");
        }
        if (!client.allowsGrant(GrantType.AUTHORIZATION_CODE)) {
            throw redirect(to, ErrorCode.UNAUTHORIZED_CLIENT, "The client may not use the authorization code flow");
        }
        Scope scope;
        try {
            scope = Scope.parse(p.optional("scope"));
        } catch (OAuthException e) {
            throw redirect(to, ErrorCode.INVALID_SCOPE, "The scope is malformed");
        }
        if (scope.isEmpty()) scope = client.registeredScope();
        if (!client.registeredScope().containsAll(scope)) {
            throw redirect(to, ErrorCode.INVALID_SCOPE, "The requested scope exceeds what the client may request");
        }
        String challenge = p.optional("code_challenge");
        String method = p.optional("code_challenge_method");
        if (method != null && !method.equals("S256")) {
            throw redirect(to, ErrorCode.INVALID_REQUEST, "code_challenge_method must be S256");
        }
        if (challenge != null && method == null) {
            throw redirect(to, ErrorCode.INVALID_REQUEST, "code_challenge_method S256 is required");
        }
        if (challenge == null && (client.isPublic() || method != null)) {
            throw redirect(to, ErrorCode.INVALID_REQUEST, "PKCE (code_challenge with S256) is required");
        }
        if (challenge != null && !CHALLENGE.matcher(challenge).matches()) {
            throw redirect(to, ErrorCode.INVALID_REQUEST, "code_challenge is malformed");
        }
        Set<String> prompts = new HashSet<>();
        String prompt = p.optional("prompt");
        if (prompt != null) {
            for (String v : prompt.split(" ")) {
                if (v.isEmpty()) continue;
                if (!PROMPTS.contains(v)) throw redirect(to, ErrorCode.INVALID_REQUEST, "Unsupported prompt value");
                prompts.add(v);
            }
            if (prompts.contains("none") && prompts.size() > 1) {
                throw redirect(to, ErrorCode.INVALID_REQUEST, "prompt=none cannot be combined");
            }
        }
        // OIDC Core §3.1.2.1: max_age overrides the client's default_max_age (OIDC Registration §2)
        long maxAge = client.defaultMaxAge();
        String maxAgeRaw = p.optional("max_age");
        if (maxAgeRaw != null) {
            maxAge = parseMaxAge(maxAgeRaw);
            if (maxAge < 0) throw redirect(to, ErrorCode.INVALID_REQUEST, "max_age must be an integer between 0 and " + MAX_AGE_LIMIT);
        }
        String nonce = p.optional("nonce");
        if (nonce != null && nonce.length() > 512) throw redirect(to, ErrorCode.INVALID_REQUEST, "nonce is too long");
        String loginHint = p.optional("login_hint");
        if (loginHint != null && loginHint.length() > 256) loginHint = null;
        List<String> resources = new ArrayList<>();
        for (String r : p.all("resource")) {
            try {
                URI u = new URI(r);
                if (!u.isAbsolute() || u.getRawFragment() != null) throw new IllegalArgumentException();
            } catch (Exception e) {
                throw redirect(to, ErrorCode.INVALID_TARGET, "resource must be an absolute URI without fragment");
            }
            resources.add(r);
        }
        return new PendingAuthorization(to, new PendingAuthorization.Requested(scope, nonce, challenge, resources,
                        single(p, "redirect_uri", true) != null),
                new PendingAuthorization.Interaction(prompts, maxAge, loginHint), clock.instant().getEpochSecond());
    }

    /** The largest max_age accepted (about 68 years); more digits are a malformed request, not a wish. */
    static final long MAX_AGE_LIMIT = Integer.MAX_VALUE;

    /** ASCII digits only (Long.parseLong would take a sign and other scripts' digits), at most MAX_AGE_LIMIT; else -1. */
    static long parseMaxAge(String raw) {
        if (raw.isEmpty() || raw.length() > 10) return -1;
        long v = 0;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            v = v * 10 + (ch - '0');
        }
        return v > MAX_AGE_LIMIT ? -1 : v;
    }

    /** RFC 6749 §3.1.2.3 exact match; RFC 8252 §7.3 any port for loopback IP redirect URIs. */
    private static String resolveRedirect(Client client, String requested) {
        List<URI> registered = client.metadata().getRedirectionURIs() == null ? List.of()
                : new ArrayList<>(client.metadata().getRedirectionURIs());
        if (requested == null) {
            if (registered.size() == 1) return registered.get(0).toString();
            throw page("The request has no redirect_uri.");
        }
        for (URI r : registered) {
            if (r.toString().equals(requested)) return requested;
        }
        try {
            URI q = new URI(requested);
            for (URI r : registered) {
                if ("http".equals(r.getScheme()) && "http".equals(q.getScheme()) && isLoopbackIp(r.getHost())
                        && r.getHost().equals(q.getHost()) && eq(r.getRawPath(), q.getRawPath())
                        && eq(r.getRawQuery(), q.getRawQuery()) && q.getRawFragment() == null && q.getRawUserInfo() == null) {
                    return requested;
                }
            }
        } catch (Exception ignored) {
            // fall through
        }
        throw page("The redirect_uri is not registered for this application.");
    }

    private static boolean isLoopbackIp(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** Shown to the user, never redirected: the client or its redirect URI cannot be trusted. */
    private static OAuthException page(String message) {
        return OAuthException.invalidRequest(message);
    }

    /** Sent to the client at its (trusted) redirect URI. */
    private static OAuthException redirect(ClientRedirect to, ErrorCode code, String description) {
        return new OAuthException(code, description).redirectTo(to);
    }

    /** A parameter whose repetition makes the request untrustworthy before the redirect is known. */
    private static String single(FormParameters p, String name, boolean beforeRedirect) {
        List<String> v = p.all(name);
        if (v.size() > 1) {
            if (beforeRedirect) throw page("The request repeats " + name + ".");
            return null;
        }
        return v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }
}
