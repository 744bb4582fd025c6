package dev.tessera.protocol;

/** A client identifier. Spec: RFC 6749 §2.2 (VSCHAR, unique per tenant). */
public record ClientId(String value) {
    public ClientId {
        if (value == null || value.isEmpty() || value.length() > 128) {
            throw new OAuthException(ErrorCode.INVALID_CLIENT, "Client authentication failed").detail("bad client_id length");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new OAuthException(ErrorCode.INVALID_CLIENT, "Client authentication failed").detail("bad client_id chars");
            }
        }
    }

    @Override
    public String toString() { return value; }
}
