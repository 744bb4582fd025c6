package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.OAuthResponse;
import io.javalin.http.Context;
import java.util.Map;
import net.minidev.json.JSONObject;

/** Writes responses: OAuth error JSON (RFC 6749 §5.2), RFC 9457 problems on admin surfaces. */
final class ResponseWriter {
    enum Style { OAUTH, PROBLEM }

    private ResponseWriter() {}

    static void write(Context ctx, OAuthResponse r) {
        ctx.status(r.status());
        r.headers().forEach(ctx::header);
        if (r.body() != null && r.body().length > 0) {
            ctx.contentType(r.contentType());
            ctx.result(r.body());
        }
    }

    static void json(Context ctx, int status, Map<String, ?> body) {
        ctx.status(status);
        ctx.contentType("application/json;charset=UTF-8");
        ctx.result(JSONObject.toJSONString(body));
    }

    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    static void error(Context ctx, OAuthException e, Style style) {
        ErrorCode code = e.code();
        ctx.status(code.status());
        e.headers().forEach(ctx::header);
        if (code == ErrorCode.INVALID_CLIENT && !e.headers().containsKey("WWW-Authenticate")) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tessera\", charset=\"UTF-8\"");
        }
        JSONObject body = new JSONObject();
        if (style == Style.PROBLEM) {
            ctx.contentType("application/problem+json");
            body.put("type", "urn:tessera:problem:" + code.code());
            body.put("title", code.code().replace('_', ' '));
            body.put("status", code.status());
            body.put("detail", e.description());
        } else {
            ctx.contentType("application/json;charset=UTF-8");
            body.put("error", code.code());
            body.put("error_description", e.description());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(body.toJSONString());
    }
}
