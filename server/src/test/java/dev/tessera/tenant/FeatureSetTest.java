package dev.tessera.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE §6: stable features are always on; an experiment is turned on only by naming the draft it implements. */
class FeatureSetTest {
    @Test
    @DisplayName("STYLE §6: every stable feature is enabled without configuration")
    void stableFeatures_areEnabled() {
        for (Feature f : Feature.values()) {
            if (f.stable()) assertThat(FeatureSet.STABLE.enabled(f)).as(f.name()).isTrue();
        }
    }

    @Test
    @DisplayName("STYLE §6: naming a draft version for a stable feature fails at start-up")
    void stableFeature_withADraft_fails() {
        assertThatThrownBy(() -> FeatureSet.withExperiments(Map.of(Feature.CLIENT_CREDENTIALS, "draft-x-00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stable");
    }
}
