package dev.tessera.keys;

import java.time.Duration;

/** Defaults of key management. */
public final class KeyDefaults {
    private KeyDefaults() {}

    /** How long a retired key stays in the JWKS: longer than the longest token lifetime (1 day) plus margin. */
    public static final Duration RETIRED_KEY_PUBLICATION = Duration.ofHours(25);
    /** How long a node may use a cached key set before reading it again (other nodes' rotations). */
    public static final Duration CACHE_STALENESS = Duration.ofSeconds(60);
    /** Scheduled rotation interval ({@code TESSERA_KEY_ROTATION_DAYS}). */
    public static final int ROTATION_DAYS = 30;
    /** JWKS {@code Cache-Control: max-age}: well below the time a NEXT key is published before it signs. */
    public static final int JWKS_MAX_AGE_SECONDS = 300;
}
