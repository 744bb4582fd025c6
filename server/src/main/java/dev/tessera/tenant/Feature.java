package dev.tessera.tenant;

/**
 * The capabilities a grant or endpoint belongs to, each stable or an experiment tied to the draft it
 * implements. Turning an experiment on means naming its draft version ({@link FeatureSet}), so that a
 * silent change of the draft behind it fails at start-up instead of in a client. Spec: STYLE §6.
 */
public enum Feature {
    AUTHORIZATION_CODE(null),
    REFRESH_TOKEN(null),
    CLIENT_CREDENTIALS(null);

    private final String draft;

    Feature(String draft) {
        this.draft = draft;
    }

    public boolean stable() {
        return draft == null;
    }

    /** The draft an experimental feature implements (e.g. {@code draft-ietf-oauth-…-03}); null when stable. */
    public String draft() {
        return draft;
    }
}
