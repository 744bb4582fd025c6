package dev.tessera.tokenhandler;

import dev.tessera.keys.MasterKey;
import dev.tessera.tenant.TenantId;
import dev.tessera.keys.RandomValues;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Creates the per-app AES-256 cookie keys and opens them: each is stored encrypted under the master
 * key with tenant, app and key id as associated data, so a stored key cannot be moved to another app
 * or tenant. Spec: CONTRACT §6.2.
 */
public final class TokenHandlerKeys {
    private final MasterKey master;

    public TokenHandlerKeys(MasterKey master) {
        this.master = master;
    }

    /** A fresh current key. */
    public TokenHandlerKey create(TenantId tenant, TokenHandlerAppId app, Instant now) {
        String kid = RandomValues.token(CookieCipher.KID_BYTES);
        String key = RandomValues.token(32);
        return new TokenHandlerKey(kid, master.encrypt(key, associatedData(tenant, app, kid)), now, null);
    }

    public CookieCipher.CipherKey open(TenantId tenant, TokenHandlerAppId app, TokenHandlerKey stored) {
        byte[] raw = Base64.getUrlDecoder().decode(master.decrypt(stored.encryptedKey(), associatedData(tenant, app, stored.kid())));
        return new CookieCipher.CipherKey(stored.kid(), new SecretKeySpec(raw, "AES"), stored.expiresAt());
    }

    private static String associatedData(TenantId tenant, TokenHandlerAppId app, String kid) {
        return "tessera/token-handler-key/" + tenant.value() + "/" + app.value() + "/" + kid;
    }
}
