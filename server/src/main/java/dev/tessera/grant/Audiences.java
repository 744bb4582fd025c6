package dev.tessera.grant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Parses the target of a token: {@code resource} (RFC 8707 §2) and {@code audience} (RFC 8693 §2.1) values. */
public final class Audiences {
    private static final int MAX = 20;

    private Audiences() {}

    public static List<String> parse(FormParameters form) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        // RFC 6749 §3.2: a parameter sent without a value is treated as omitted.
        for (String r : form.all(Param.RESOURCE)) {
            if (!r.isEmpty()) out.add(resource(r));
        }
        for (String a : form.all(Param.AUDIENCE)) {
            if (a.isEmpty()) continue;
            if (a.isBlank() || a.length() > 500) {
                throw new OAuthException(ErrorCode.INVALID_TARGET, "An audience value is invalid");
            }
            out.add(a);
        }
        if (out.size() > MAX) {
            throw new OAuthException(ErrorCode.INVALID_TARGET, "Too many resource or audience values");
        }
        return new ArrayList<>(out);
    }

    /** RFC 8707 §2: an absolute URI without a fragment. */
    private static String resource(String r) {
        try {
            URI u = new URI(r);
            if (!u.isAbsolute() || u.getRawFragment() != null || r.length() > 500) {
                throw new OAuthException(ErrorCode.INVALID_TARGET, "The resource must be an absolute URI without a fragment");
            }
            return r;
        } catch (URISyntaxException e) {
            throw new OAuthException(ErrorCode.INVALID_TARGET, "The resource must be an absolute URI without a fragment");
        }
    }
}
