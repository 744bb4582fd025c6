package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared steps of the forward-auth spec tests: the call a gateway makes, and reading its answer. */
abstract class ForwardAuthSpecTest extends FlowSpecTest {
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age=(\\d+)\\s*(?:,|$)");

    /** The forward-auth URL of a tenant (path only), as discovery lists it. */
    protected String forwardAuthPath(String tenant) {
        return ((String) discovery(tenant).get("tessera_forward_auth_endpoint")).substring(server.baseUrl.length());
    }

    /** GET {issuer}/forward-auth with the client's bearer token, as NGINX auth_request sends it. */
    protected Http.Response forwardAuth(String tenant, String token) {
        return http.get("/t/" + tenant + "/forward-auth").bearer(token).send();
    }

    /** The JWT of a 200 answer's {@code Authorization: Bearer} header. */
    protected static String forwardedJwt(Http.Response r) {
        r.expectStatus(200);
        String authorization = r.header("Authorization");
        assertThat(authorization).as("Authorization of the answer").startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }

    /** N of the answer's {@code Cache-Control: max-age=N}, after checking a gateway may cache it. */
    protected static long maxAge(Http.Response r) {
        String cc = r.header("Cache-Control");
        assertThat(cc).as("Cache-Control").isNotNull().doesNotContain("private").doesNotContain("no-store")
                .doesNotContain("no-cache");
        Matcher m = MAX_AGE.matcher(cc);
        assertThat(m.find()).as("max-age in %s", cc).isTrue();
        return Long.parseLong(m.group(1));
    }
}
