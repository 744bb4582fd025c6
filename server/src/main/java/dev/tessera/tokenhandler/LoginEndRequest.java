package dev.tessera.tokenhandler;

import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The body of {@code POST /login/end}: {@code {"pageUrl"}}, the SPA's current URL on every page load.
 * Its query holds the authorization response when the page is the redirect URI's.
 * Spec: CONTRACT §6.2; RFC 6749 §4.1.2, §4.1.2.1; RFC 9207.
 */
public record LoginEndRequest(FormParameters query) {
    static final int MAX_URL = 8192;

    public static LoginEndRequest parse(Map<String, Object> json) {
        for (String member : json.keySet()) {
            if (!member.equals("pageUrl")) throw OAuthException.invalidRequest("Unknown member; allowed: pageUrl");
        }
        Object v = json.get("pageUrl");
        if (v == null) return new LoginEndRequest(FormParameters.empty());
        if (!(v instanceof String url) || url.length() > MAX_URL) {
            throw OAuthException.invalidRequest("pageUrl must be a URL string");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw OAuthException.invalidRequest("pageUrl must be a URL string");
        }
        if (!u.isAbsolute()) throw OAuthException.invalidRequest("pageUrl must be an absolute URL");
        try {
            FormParameters query = FormParameters.parse(u.getRawQuery());
            for (String p : new String[] {"code", "state", "error", "iss"}) query.single(p);   // a repeat is ambiguous
            return new LoginEndRequest(query);
        } catch (OAuthException e) {
            throw OAuthException.invalidRequest("pageUrl holds a malformed or ambiguous query").detail(e.detailOrDescription());
        }
    }

    /** Is this page the redirect URI answering an authorization request? (code or error, with state) */
    public boolean isAuthorizationResponse() {
        return query.optional("state") != null && (query.optional("code") != null || query.optional("error") != null);
    }
}
