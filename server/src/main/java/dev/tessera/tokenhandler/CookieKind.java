package dev.tessera.tokenhandler;

/** The cookies of a token-handler app, by the suffix after its prefix. Spec: CONTRACT §6.2. */
public enum CookieKind {
    /** State, nonce and PKCE verifier of a login in progress. */
    LOGIN("-login"),
    ACCESS_TOKEN("-at"),
    /** The refresh token. */
    REFRESH_TOKEN("-auth"),
    ID_TOKEN("-id"),
    CSRF("-csrf");

    private final String suffix;

    CookieKind(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
