package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared helpers of the token, introspection, revocation and client-authentication spec tests:
 * fresh tenants, discovery values, token/introspection calls and JWT verification against the
 * published JWKS. Endpoint URLs and the issuer are taken from discovery, as a client would.
 */
public abstract class TokenSpecTest extends SpecTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Creates a tenant with a unique id and default settings. */
    protected String freshTenant(String prefix) {
        String t = prefix + "-" + SEQUENCE.incrementAndGet();
        createTenant(t);
        return t;
    }

    /** Creates a tenant with a unique id and the given extra settings members (JSON without braces). */
    protected String freshTenant(String prefix, String settingsMembers) {
        String t = prefix + "-" + SEQUENCE.incrementAndGet();
        putTenant(t, "{\"displayName\":\"" + t + "\"," + settingsMembers + "}");
        return t;
    }

    protected Map<String, Object> discovery(String tenant) {
        return http.get("/t/" + tenant + "/.well-known/openid-configuration").send().expectStatus(200).json();
    }

    /** The tenant's issuer as its discovery document states it. */
    protected String issuerOf(String tenant) {
        return (String) discovery(tenant).get("issuer");
    }

    protected String tokenEndpointOf(String tenant) {
        return (String) discovery(tenant).get("token_endpoint");
    }

    protected Http.Response token(String tenant, RegisteredClient c, String... form) {
        return http.post("/t/" + tenant + "/token").basicAuth(c.clientId(), c.clientSecret()).form(form).send();
    }

    protected Http.Response introspect(String tenant, RegisteredClient caller, String token) {
        return http.post("/t/" + tenant + "/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .form("token", token).send();
    }

    /** Introspects and returns the JSON body (status 200 asserted). */
    protected Map<String, Object> introspection(String tenant, RegisteredClient caller, String token) {
        return introspect(tenant, caller, token).expectStatus(200).json();
    }

    protected Http.Response revoke(String tenant, RegisteredClient caller, String token, String... extraForm) {
        String[] form = new String[2 + extraForm.length];
        form[0] = "token";
        form[1] = token;
        System.arraycopy(extraForm, 0, form, 2, extraForm.length);
        return http.post("/t/" + tenant + "/revoke").basicAuth(caller.clientId(), caller.clientSecret()).form(form).send();
    }

    protected JWKSet jwks(String tenant) {
        try {
            return JWKSet.parse(http.get("/t/" + tenant + "/jwks").send().expectStatus(200).body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("JWKS is not a JWK set", e);
        }
    }

    /** Parses a compact JWS and asserts that its signature verifies with the key its kid names in the tenant JWKS. */
    protected SignedJWT verifiedJwt(String tenant, String compact) {
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            String kid = jwt.getHeader().getKeyID();
            assertThat(kid).as("kid of %s", jwt.getHeader()).isNotNull();
            JWK jwk = jwks(tenant).getKeyByKeyId(kid);
            assertThat(jwk).as("key %s in the JWKS of %s", kid, tenant).isNotNull();
            JWSVerifier verifier = jwk instanceof OctetKeyPair okp
                    ? new com.nimbusds.jose.crypto.Ed25519Verifier(okp.toPublicJWK())
                    : new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) jwk).toPublicKey());
            assertThat(jwt.verify(verifier)).as("signature verifies with the published key").isTrue();
            return jwt;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError("not a verifiable JWS: " + compact, e);
        }
    }

    /** Every row of a table, each as column → value (test inspection of storage). */
    protected List<Map<String, Object>> rows(String table) {
        try (Connection c = server.tessera.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rewrites a stored client's metadata (a state registration refuses to create, such as a client
     * without the grant it asks for). Must run before the client is first used, as clients are cached.
     */
    protected void rewriteStoredClient(String tenant, String clientId, String from, String to, boolean dropSecret) {
        String sql = "UPDATE clients SET metadata = REPLACE(metadata, ?, ?)"
                + (dropSecret ? ", secret_hash = NULL" : "") + " WHERE tenant_id = ? AND client_id = ?";
        try (Connection c = server.tessera.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, from);
            ps.setString(2, to);
            ps.setString(3, tenant);
            ps.setString(4, clientId);
            assertThat(ps.executeUpdate()).as("stored client rewritten").isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
