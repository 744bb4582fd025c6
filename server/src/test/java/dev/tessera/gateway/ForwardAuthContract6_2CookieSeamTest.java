package dev.tessera.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seam to the token handler: without a bearer token forward-auth asks the cookie source, and
 * turns its refusals into RFC 6750 answers. (No token store is needed: every case here is decided
 * before a token is looked up.) Spec: CONTRACT §6.1, §6.2.
 */
@Tag("contract6")
class ForwardAuthContract6_2CookieSeamTest {
    private static final Tenant ACME = new Tenant(new TenantId("acme"), TenantSettings.defaults("Acme"), Instant.EPOCH, Instant.EPOCH);
    private static final String REALM = "Bearer realm=\"https://as.example/t/acme\"";

    private record Call(String method, Map<String, String> headers) implements ForwardedRequest {
        public String header(String name) { return headers.get(name); }

        public String cookie(String name) { return null; }
    }

    private static ForwardAuthService service(CookieTokenSource cookies) {
        return new ForwardAuthService(null, null, cookies, new IssuerUrls("https://as.example"), Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private static OAuthException refusal(CookieTokenSource cookies, Call call) {
        try {
            service(cookies).check(ACME, call, null);
        } catch (OAuthException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    @DisplayName("CONTRACT §6.2: without Authorization the cookie source is asked, with the original method")
    void withoutBearer_theCookieSourceIsAsked() {
        List<String> asked = new ArrayList<>();
        CookieTokenSource cookies = (tenant, request) -> {
            asked.add(tenant.value() + " " + request.method());
            return Optional.empty();
        };
        refusal(cookies, new Call("DELETE", Map.of()));
        refusal(cookies, new Call("POST", Map.of("Authorization", "Basic YTpi")));
        assertThat(asked).containsExactly("acme DELETE", "acme POST");
    }

    @Test
    @DisplayName("CONTRACT §6.1: no bearer token and no cookie token → 401 with Bearer realm and no error")
    void noTokenAtAll_is401WithoutError() {
        OAuthException e = refusal(CookieTokenSource.NONE, new Call("GET", Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(e.headers()).containsEntry("WWW-Authenticate", REALM);
    }

    @Test
    @DisplayName("CONTRACT §6.2: a cookie the source cannot use (undecryptable, malformed) → 401 invalid_token")
    void unusableCookie_is401InvalidToken() {
        CookieTokenSource cookies = (tenant, request) -> {
            throw OAuthException.invalidRequest("The cookie cannot be decrypted").detail("bad tag");
        };
        OAuthException e = refusal(cookies, new Call("GET", Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(e.code().status()).isEqualTo(401);
        assertThat(e.headers()).containsEntry("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
        assertThat(e.detail()).isEqualTo("bad tag");
    }

    @Test
    @DisplayName("CONTRACT §6.2: a refusal whose ErrorCode is 403 (Origin or CSRF rule) stays 403")
    void forbiddenByTheCookieRule_stays403() {
        CookieTokenSource cookies = (tenant, request) -> {
            throw new OAuthException(ErrorCode.FORBIDDEN, "The CSRF header is missing");
        };
        OAuthException e = refusal(cookies, new Call("POST", Map.of()));
        assertThat(e.code().status()).isEqualTo(403);
        assertThat(e.description()).isEqualTo("The CSRF header is missing");
    }

    @Test
    @DisplayName("CONTRACT §6.1: a method outside the served ones is refused before any token source is asked")
    void unservedMethod_isRefusedFirst() {
        CookieTokenSource cookies = (tenant, request) -> {
            throw new AssertionError("asked");
        };
        assertThatThrownBy(() -> service(cookies).check(ACME, new Call("TRACE", Map.of()), null))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code().status()).isEqualTo(405));
    }
}
