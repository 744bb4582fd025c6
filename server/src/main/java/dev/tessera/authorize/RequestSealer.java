package dev.tessera.authorize;

import dev.tessera.protocol.ClientRedirect;
import dev.tessera.keys.MasterKey;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONValue;

/**
 * Seals a validated authorization request into an opaque form value (AES-256-GCM, valid for
 * {@link #LIFETIME_SECONDS}), so any node can continue the flow after sign-in without server-side
 * state and the browser can neither read nor alter it. The value is bound (as associated data) to
 * the tenant and a {@link Binding}: the form it was rendered into, the browser's secret cookie and,
 * for consent, the session that signed in; so a value taken from another browser or session is
 * refused (RFC 6749 §10.12; OWASP CSRF cheat sheet).
 */
public final class RequestSealer {
    public static final long LIFETIME_SECONDS = 1800;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final Clock clock;

    public RequestSealer(MasterKey master, Clock clock) {
        this.key = new SecretKeySpec(master.derive("tessera/authorization-request"), "AES");
        this.clock = clock;
    }

    /**
     * What a sealed request is bound to: the form's purpose ({@code signin}, {@code consent}) and the
     * browser's secret (its HttpOnly CSRF cookie), as associated data; and for consent the sid of the
     * session the form was shown to (else null), sealed inside. Opened with another sid it is refused;
     * opened without one (the session ended meanwhile) it opens, so the flow can ask to sign in again.
     */
    public record Binding(String purpose, String browserSecret, String sid) {
        byte[] associatedData(TenantId tenant) {
            return String.join("\u0000", tenant.value(), purpose, browserSecret == null ? "" : browserSecret)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    public String seal(TenantId tenant, PendingAuthorization p, Binding binding) {
        JSONObject j = new JSONObject();
        j.put("c", p.redirect().clientId().value());
        j.put("r", p.redirect().redirectUri());
        j.put("m", p.redirect().responseMode());
        j.put("s", p.redirect().state());
        j.put("sc", p.requested().scope().toString());
        j.put("n", p.requested().nonce());
        j.put("cc", p.requested().codeChallenge());
        j.put("rg", p.requested().redirectUriGiven());
        JSONArray rs = new JSONArray();
        rs.addAll(p.requested().resources());
        j.put("rs", rs);
        JSONArray pr = new JSONArray();
        pr.addAll(p.interaction().prompts());
        j.put("p", pr);
        j.put("ma", p.interaction().maxAge());
        j.put("lh", p.interaction().loginHint());
        j.put("t", p.issuedAt());
        if (binding.sid() != null) j.put("sid", binding.sid());
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(binding.associatedData(tenant));
            byte[] ct = c.doFinal(j.toJSONString().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(iv, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request, or {@code invalid_request} if the value was altered, is of another tenant, browser,
     * session or form, or expired.
     */
    @SuppressWarnings("unchecked")
    public PendingAuthorization open(TenantId tenant, String sealed, Binding binding) {
        try {
            if (sealed == null || sealed.length() > 16_384) throw new IllegalArgumentException();
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            if (in.length < 29) throw new IllegalArgumentException();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(binding.associatedData(tenant));
            Map<String, Object> j = (Map<String, Object>) JSONValue.parse(new String(c.doFinal(in, 12, in.length - 12),
                    StandardCharsets.UTF_8));
            long issuedAt = ((Number) j.get("t")).longValue();
            Object sid = j.get("sid");
            if (sid != null && binding.sid() != null && !sid.equals(binding.sid())) throw new IllegalArgumentException();
            if (clock.instant().getEpochSecond() - issuedAt > LIFETIME_SECONDS) {
                throw new OAuthException(ErrorCode.INVALID_REQUEST, "The sign-in took too long; please start again");
            }
            return new PendingAuthorization(
                    new ClientRedirect(new ClientId((String) j.get("c")), (String) j.get("r"),
                            (String) j.get("m"), (String) j.get("s")),
                    new PendingAuthorization.Requested(Scope.parse((String) j.get("sc")), (String) j.get("n"),
                            (String) j.get("cc"), (List<String>) j.get("rs"), Boolean.TRUE.equals(j.get("rg"))),
                    new PendingAuthorization.Interaction(new HashSet<>((List<String>) j.get("p")),
                            ((Number) j.get("ma")).longValue(), (String) j.get("lh")),
                    issuedAt);
        } catch (OAuthException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new OAuthException(ErrorCode.INVALID_REQUEST, "The sign-in request is invalid; please start again");
        }
    }
}
