package dev.tessera.spec.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Guards the battery's reach: building the cases needs no server, so this runs without one. */
@Tag("contract5")
class BatterySizeTest {
    @Test
    @DisplayName("CONTRACT §5: the malformed-input battery holds at least 150 distinct cases, in every endpoint family")
    void batteryHoldsAtLeast150DistinctCases() {
        List<BadInputBattery> batteries = List.of(new Contract5BadTokenRequestTest(), new Contract5BadIntrospectionRevocationTest(),
                new Contract5BadRegistrationRequestTest(), new Contract5BadClientMetadataTest(), new Contract5BadAdminRequestTest(),
                new Contract5BadTenantSettingsTest(), new Contract5BadDiscoveryOpsRequestTest(), new Contract5BadRawHttpTest(),
                new Contract5BadScimRequestTest(), new Contract5BadForwardAuthRequestTest(),
                new Contract5BadTokenHandlerRequestTest());
        int total = 0;
        for (BadInputBattery b : batteries) {
            Cases c = new Cases();
            b.cases(c);
            assertThat(c.all()).as("cases of %s", b.getClass().getSimpleName()).hasSizeGreaterThanOrEqualTo(20);
            total += c.all().size();
        }
        assertThat(total).isGreaterThanOrEqualTo(150);
    }
}
