package dev.tessera.authorize;

import dev.tessera.keys.MasterKey;
import dev.tessera.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a page form: HMAC-SHA-256, under a key derived from the master key for the
 * tenant, over the tenant, the browser's secret (an HttpOnly cookie the attacker can neither read nor,
 * with {@code __Host-} on https, set) and the form's purpose. A value that merely equals the cookie,
 * or comes from another browser, tenant or form, is refused. Spec: RFC 6749 §10.12; OWASP CSRF cheat
 * sheet (signed double-submit cookie).
 */
public final class FormTokens {
    private final MasterKey master;

    public FormTokens(MasterKey master) {
        this.master = master;
    }

    public String token(TenantId tenant, String browserSecret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.derive("tessera/form-token/" + tenant.value()), "HmacSHA256"));
            byte[] out = mac.doFinal(String.join("\u0000", tenant.value(), browserSecret, purpose).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code presented} is the token of this browser secret and purpose (constant-time comparison). */
    public boolean verify(TenantId tenant, String browserSecret, String purpose, String presented) {
        if (browserSecret == null || presented == null || presented.length() > 64) return false;
        return MessageDigest.isEqual(token(tenant, browserSecret, purpose).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
