package dev.tessera.tenant;

import java.util.EnumMap;
import java.util.Map;

/**
 * The features this server runs: every stable one, and the experiments turned on by naming their
 * draft. Naming another draft than the one implemented fails at start-up. Spec: STYLE §6.
 */
public final class FeatureSet {
    public static final FeatureSet STABLE = new FeatureSet(Map.of());

    private final Map<Feature, String> experiments;

    private FeatureSet(Map<Feature, String> experiments) {
        this.experiments = experiments;
    }

    /** Stable features plus these experiments, each with the draft version it is turned on for. */
    public static FeatureSet withExperiments(Map<Feature, String> experiments) {
        Map<Feature, String> m = new EnumMap<>(Feature.class);
        experiments.forEach((f, draft) -> {
            if (f.stable()) throw new IllegalArgumentException(f + " is stable; it needs no draft version");
            if (!f.draft().equals(draft)) {
                throw new IllegalArgumentException(f + " implements " + f.draft() + ", not " + draft);
            }
            m.put(f, draft);
        });
        return new FeatureSet(m);
    }

    public boolean enabled(Feature f) {
        return f.stable() || experiments.containsKey(f);
    }
}
