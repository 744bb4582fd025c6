package dev.tessera.protocol;

/** Parameter names, defined once. Spec: RFC 6749 §4–6, RFC 7521, RFC 7662, RFC 7009, RFC 8707, RFC 8693. */
public final class Param {
    private Param() {}

    public static final String GRANT_TYPE = "grant_type";
    public static final String SCOPE = "scope";
    public static final String RESOURCE = "resource";
    public static final String AUDIENCE = "audience";
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String CLIENT_ASSERTION = "client_assertion";
    public static final String CLIENT_ASSERTION_TYPE = "client_assertion_type";
    public static final String TOKEN = "token";
    public static final String TOKEN_TYPE_HINT = "token_type_hint";
}
