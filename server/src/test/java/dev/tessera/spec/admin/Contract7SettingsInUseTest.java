package dev.tessera.spec.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import dev.tessera.testing.JwksVerifier;
import dev.tessera.testing.SpecTest;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §7 (issue 2 items 3–4): tenant settings govern the tokens the tenant issues. */
@Tag("contract")
@Tag("rfc9068")
class Contract7SettingsInUseTest extends SpecTest {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response token(String t, RegisteredClient c, String... extra) {
        String[] form = new String[2 + extra.length];
        form[0] = "grant_type";
        form[1] = "client_credentials";
        System.arraycopy(extra, 0, form, 2, extra.length);
        return http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret()).form(form).send().expectStatus(200);
    }

    private RegisteredClient clientWithoutFormat(String t) {
        return register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\"}");
    }

    private Map<String, Object> introspect(String t, RegisteredClient c, String token) {
        return http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret()).form("token", token)
                .send().expectStatus(200).json();
    }

    private static JWTClaimsSet claims(String jwt) {
        try {
            return JwksVerifier.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static long seconds(Object n) {
        return ((Number) n).longValue();
    }

    @Test
    @DisplayName("CONTRACT §7: accessTokenTtlSeconds is the token's expires_in, exp − iat, and its lifetime")
    void accessTokenTtl_governsLifetime() {
        String t = fresh("ttl");
        putTenant(t, "{\"displayName\":\"TTL\",\"accessTokenTtlSeconds\":120}");
        RegisteredClient opaque = serviceClient(t, "opaque");
        RegisteredClient jwt = serviceClient(t, "jwt");

        Http.Response o = token(t, opaque);
        assertThat(seconds(o.json().get("expires_in"))).isEqualTo(120);
        Map<String, Object> oi = introspect(t, opaque, o.string("access_token"));
        assertThat(seconds(oi.get("exp")) - seconds(oi.get("iat"))).isEqualTo(120);

        Http.Response j = token(t, jwt);
        assertThat(seconds(j.json().get("expires_in"))).isEqualTo(120);
        JWTClaimsSet c = claims(j.string("access_token"));
        assertThat(c.getExpirationTime().getTime() / 1000 - c.getIssueTime().getTime() / 1000).isEqualTo(120);

        server.clock.advance(Duration.ofSeconds(119));
        assertThat(introspect(t, opaque, o.string("access_token"))).containsEntry("active", true);
        server.clock.advance(Duration.ofSeconds(2));
        assertThat(introspect(t, opaque, o.string("access_token"))).containsEntry("active", false);
        assertThat(introspect(t, opaque, j.string("access_token"))).containsEntry("active", false);
    }

    @Test
    @DisplayName("CONTRACT §7: an update of accessTokenTtlSeconds applies to the next token at once")
    void accessTokenTtl_updateAppliesAtOnce() {
        String t = fresh("ttlupd");
        putTenant(t, "{\"displayName\":\"TTL\",\"accessTokenTtlSeconds\":60}");
        RegisteredClient c = serviceClient(t, "opaque");
        assertThat(seconds(token(t, c).json().get("expires_in"))).isEqualTo(60);
        putTenant(t, "{\"displayName\":\"TTL\",\"accessTokenTtlSeconds\":3600}");
        assertThat(seconds(token(t, c).json().get("expires_in"))).isEqualTo(3600);
    }

    @Test
    @DisplayName("CONTRACT §7: accessTokenFormat jwt is the format of clients that do not choose one")
    void accessTokenFormatJwt_isTheDefaultForClients() {
        String t = fresh("fmtjwt");
        putTenant(t, "{\"displayName\":\"JWT\",\"accessTokenFormat\":\"jwt\"}");
        String jwt = token(t, clientWithoutFormat(t)).string("access_token");
        assertThat(JwksVerifier.parse(jwt).getHeader().getType().getType()).isEqualTo("at+jwt");
        String opaque = token(t, serviceClient(t, "opaque")).string("access_token");
        assertThat(opaque).doesNotContain(".").hasSize(56);
    }

    @Test
    @DisplayName("CONTRACT §3/§7: without a tenant setting the default format is opaque; a client may choose jwt")
    void accessTokenFormatDefault_isOpaque() {
        String t = fresh("fmtdef");
        createTenant(t);
        String opaque = token(t, clientWithoutFormat(t)).string("access_token");
        assertThat(opaque).doesNotContain(".").hasSize(56);
        String jwt = token(t, serviceClient(t, "jwt")).string("access_token");
        assertThat(jwt.split("\\.")).hasSize(3);
    }

    @Test
    @DisplayName("CONTRACT §7: a change of accessTokenFormat applies to existing clients without a choice")
    void accessTokenFormatUpdate_appliesToExistingClients() {
        String t = fresh("fmtupd");
        createTenant(t);
        RegisteredClient c = clientWithoutFormat(t);
        assertThat(token(t, c).string("access_token")).doesNotContain(".");
        putTenant(t, "{\"displayName\":\"Now JWT\",\"accessTokenFormat\":\"jwt\"}");
        assertThat(token(t, c).string("access_token").split("\\.")).hasSize(3);
    }

    @Test
    @DisplayName("CONTRACT §3: defaultAudience is the aud of tokens that request none; by default it is the issuer")
    void defaultAudience_isTheAud() {
        String t = fresh("aud");
        putTenant(t, "{\"displayName\":\"Aud\",\"defaultAudience\":\"https://api.example.com\"}");
        RegisteredClient jwt = serviceClient(t, "jwt");
        RegisteredClient opaque = serviceClient(t, "opaque");
        assertThat(claims(token(t, jwt).string("access_token")).getAudience()).containsExactly("https://api.example.com");
        Object aud = introspect(t, opaque, token(t, opaque).string("access_token")).get("aud");
        assertThat(aud instanceof List<?> l ? l : List.of(aud)).containsExactly("https://api.example.com");
        // a requested resource replaces the default (RFC 8707 §2)
        assertThat(claims(token(t, jwt, "resource", "https://other.example.com/").string("access_token")).getAudience())
                .containsExactly("https://other.example.com/");

        String plain = fresh("aud-dflt");
        createTenant(plain);
        assertThat(claims(token(plain, serviceClient(plain, "jwt")).string("access_token")).getAudience())
                .containsExactly(server.issuer(plain));
    }

    @ParameterizedTest
    @CsvSource({"ES256, EC, P-256", "RS256, RSA, ", "EdDSA, OKP, Ed25519"})
    @DisplayName("CONTRACT §7, §2 / RFC 7518 §3.1: signingAlgorithm is the JWT header alg and the type of its JWKS keys, beside the RS256 keys")
    void signingAlgorithm_governsAlgAndKeys(String alg, String kty, String crv) {
        String t = fresh("alg-" + alg.toLowerCase());
        putTenant(t, "{\"displayName\":\"Alg\",\"signingAlgorithm\":\"" + alg + "\"}");
        String jwks = http.get("/t/" + t + "/jwks").send().expectStatus(200).body();
        Map<String, Object> set = parse(jwks);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) set.get("keys");
        assertThat(keys).hasSize(4);
        List<Map<String, Object>> own = keys.stream().filter(k -> alg.equals(k.get("alg"))).toList();
        assertThat(own).hasSize(alg.equals("RS256") ? 4 : 2);
        for (Map<String, Object> k : own) {
            assertThat(k).containsEntry("kty", kty).containsEntry("alg", alg).containsEntry("use", "sig");
            if (crv != null) assertThat(k).containsEntry("crv", crv);
        }
        assertThat(keys.stream().filter(k -> !alg.equals(k.get("alg"))))
                .allSatisfy(k -> assertThat(k).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig"));
        String jwt = token(t, serviceClient(t, "jwt")).string("access_token");
        SignedJWT parsed = JwksVerifier.parse(jwt);
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(JwksVerifier.verifies(jwks, jwt)).isTrue();
    }

    @Test
    @DisplayName("CONTRACT §7: changing signingAlgorithm signs new tokens with it; tokens of the old key stay valid")
    void signingAlgorithmChange_keepsOldTokensValid() {
        String t = fresh("alg-change");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "jwt");
        String before = token(t, c).string("access_token");
        assertThat(JwksVerifier.parse(before).getHeader().getAlgorithm().getName()).isEqualTo("ES256");

        putTenant(t, "{\"displayName\":\"Now RSA\",\"signingAlgorithm\":\"RS256\"}");
        String after = token(t, c).string("access_token");
        assertThat(JwksVerifier.parse(after).getHeader().getAlgorithm().getName()).isEqualTo("RS256");

        String jwks = http.get("/t/" + t + "/jwks").send().expectStatus(200).body();
        assertThat(JwksVerifier.verifies(jwks, before)).isTrue();
        assertThat(JwksVerifier.verifies(jwks, after)).isTrue();
        assertThat(introspect(t, c, before)).containsEntry("active", true);
        assertThat(introspect(t, c, after)).containsEntry("active", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) parse(jwks).get("keys");
        assertThat(keys.stream().filter(k -> "RSA".equals(k.get("kty")))).hasSize(4);   // 2 new signingAlgorithm keys, 2 RS256 chain keys
    }

    private static Map<String, Object> parse(String json) {
        try {
            return com.nimbusds.jose.util.JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
