package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.OAuthResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.minidev.json.JSONObject;

/**
 * Writes responses: OAuth error JSON (RFC 6749 §5.2), RFC 9457 problems on admin surfaces, SCIM errors
 * (RFC 7644 §3.12), and the token handler's {@code {"code", "message"}} (CONTRACT §6.2).
 */
final class ResponseWriter {
    /** The error format of a surface, decided by the path alone, so that a 404 and a 405 answer as the route would. */
    enum Style {
        OAUTH, PROBLEM, SCIM, AGENT;

        private static final java.util.regex.Pattern SCIM_PATH = java.util.regex.Pattern.compile("/t/[^/]+/scim/v2(/|$)");
        private static final java.util.regex.Pattern AGENT_PATH = java.util.regex.Pattern.compile("/t/[^/]+/token-handler(/|$)");

        static Style of(String path) {
            if (path == null) return OAUTH;
            if (path.startsWith("/admin/")) return PROBLEM;
            if (path.startsWith("/t/") && path.indexOf("/scim/v2", 3) > 0 && SCIM_PATH.matcher(path).lookingAt()) return SCIM;
            if (path.startsWith("/t/") && path.indexOf("/token-handler", 3) > 0 && AGENT_PATH.matcher(path).lookingAt()) return AGENT;
            return OAUTH;
        }
    }

    private ResponseWriter() {}

    private static final String JSON = "application/json;charset=UTF-8";

    static void write(Exchange ctx, OAuthResponse r) {
        ctx.status(r.status());
        r.headers().forEach(ctx::header);
        if (r.body() != null && r.body().length > 0) {
            ctx.result(r.contentType(), r.body());
        }
    }

    static void json(Exchange ctx, int status, Map<String, ?> body) {
        ctx.status(status);
        ctx.result(JSON, JSONObject.toJSONString(body).getBytes(StandardCharsets.UTF_8));
    }

    static void noStore(Exchange ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    static void error(Exchange ctx, OAuthException e, Style style) {
        ErrorCode code = e.code();
        ctx.status(code.status());
        e.headers().forEach(ctx::header);
        if (code == ErrorCode.INVALID_CLIENT && !e.headers().containsKey("WWW-Authenticate")) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tessera\", charset=\"UTF-8\"");
        }
        JSONObject body = new JSONObject();
        String contentType;
        if (style == Style.SCIM) {
            contentType = ScimEndpoints.RESPONSE_TYPE;
            body.put("schemas", java.util.List.of(dev.tessera.scim.ScimSchemas.ERROR));
            body.put("status", Integer.toString(code.status()));
            String scimType = scimType(code);
            if (scimType != null) body.put("scimType", scimType);
            body.put("detail", e.description());
        } else if (style == Style.AGENT) {
            // CONTRACT §6.2: the OAuth-agent API's error body
            contentType = JSON;
            body.put("code", code.code());
            body.put("message", e.description());
        } else if (style == Style.PROBLEM) {
            contentType = "application/problem+json";
            body.put("type", "urn:tessera:problem:" + code.code());
            body.put("title", code.code().replace('_', ' '));
            body.put("status", code.status());
            body.put("detail", e.description());
        } else {
            contentType = JSON;
            body.put("error", code.code());
            body.put("error_description", e.description());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(contentType, body.toJSONString().getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC 7644 §3.12 scimType of a code, or null for plain HTTP failures (401, 404, 412 …). */
    private static String scimType(ErrorCode code) {
        if (code.name().startsWith("SCIM_")) return code.code();
        return code == ErrorCode.INVALID_REQUEST ? ErrorCode.SCIM_INVALID_SYNTAX.code() : null;
    }
}
