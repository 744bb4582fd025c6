package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Base of the SCIM spec tests: an admin token, a fresh tenant per test, SCIM requests and error checks. */
abstract class ScimSpecTest extends SpecTest {
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String SCIM_JSON = "application/scim+json";
    private static final AtomicInteger TENANTS = new AtomicInteger();

    private String token;

    /** The admin token (tenant system, scope admin), fetched once per class. */
    protected String admin() {
        if (token == null) token = adminToken();
        return token;
    }

    /** A new tenant, so that no test sees another's users. */
    protected String tenant() {
        String name = getClass().getSimpleName().toLowerCase().replaceAll("[^a-z0-9]", "");
        String t = "scim-" + name.substring(0, Math.min(24, name.length())) + "-" + TENANTS.incrementAndGet();
        createTenant(t);
        return t;
    }

    /** The tenant's issuer as the server publishes it (locations derive from it). */
    protected String issuer(String tenant) {
        return http.get("/t/" + tenant + "/.well-known/openid-configuration").send().expectStatus(200).string("issuer");
    }

    static String base(String tenant) {
        return "/t/" + tenant + "/scim/v2";
    }

    protected Http.Request scim(String method, String tenant, String path) {
        return http.method(method, base(tenant) + path).bearer(admin());
    }

    protected Http.Response send(String method, String tenant, String path, String json) {
        return scim(method, tenant, path).body(SCIM_JSON, json).send();
    }

    protected Http.Response get(String tenant, String path) {
        return scim("GET", tenant, path).send();
    }

    /** A user with the given extra JSON members (e.g. {@code "\"active\": false"}). */
    static String user(String userName, String... members) {
        StringBuilder b = new StringBuilder("{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\"");
        for (String m : members) b.append(',').append(m);
        return b.append('}').toString();
    }

    static String patch(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    protected Map<String, Object> create(String tenant, String json) {
        return send("POST", tenant, "/Users", json).expectStatus(201).json();
    }

    protected String createId(String tenant, String json) {
        return (String) create(tenant, json).get("id");
    }

    /** Asserts a SCIM error (RFC 7644 §3.12): status, media type, schema, string status, scimType (null: none). */
    static Map<String, Object> expectScimError(Http.Response r, int status, String scimType) {
        r.expectStatus(status);
        assertThat(r.header("Content-Type")).startsWith(SCIM_JSON);
        Map<String, Object> body = r.json();
        assertThat(body.get("schemas")).isEqualTo(List.of(ERROR));
        assertThat(body.get("status")).isEqualTo(Integer.toString(status));
        assertThat(body.get("scimType")).isEqualTo(scimType);
        assertThat((String) body.get("detail")).isNotBlank();
        return body;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(Http.Response r) {
        return (List<Map<String, Object>>) r.json().get("Resources");
    }

    static List<Object> userNames(Http.Response r) {
        return resources(r).stream().map(u -> u.get("userName")).toList();
    }
}
