package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
@SuppressWarnings("unchecked")
class Rfc7644Section4DiscoveryTest extends ScimSpecTest {
    private String t;

    @BeforeAll
    void setUp() {
        t = tenant();
    }

    @Test
    @DisplayName("RFC 7644 §4 / RFC 7643 §5: /ServiceProviderConfig describes patch, filter, etag, bulk, sort and bearer auth")
    void serviceProviderConfig() {
        Map<String, Object> c = get(t, "/ServiceProviderConfig").expectStatus(200).json();
        assertThat(c.get("schemas")).isEqualTo(List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
        assertThat(c.get("patch")).isEqualTo(Map.of("supported", true));
        assertThat(c.get("filter")).isEqualTo(Map.of("supported", true, "maxResults", 200L));
        assertThat(c.get("etag")).isEqualTo(Map.of("supported", true));
        assertThat(c.get("changePassword")).isEqualTo(Map.of("supported", true));
        assertThat(c.get("sort")).isEqualTo(Map.of("supported", false));
        assertThat(((Map<?, ?>) c.get("bulk")).get("supported")).isEqualTo(false);
        List<Map<String, Object>> auth = (List<Map<String, Object>>) c.get("authenticationSchemes");
        assertThat(auth).hasSize(1);
        assertThat(auth.get(0).get("type")).isEqualTo("oauthbearertoken");
        assertThat(((Map<?, ?>) c.get("meta")).get("location")).isEqualTo(issuer(t) + "/scim/v2/ServiceProviderConfig");
    }

    @Test
    @DisplayName("RFC 7644 §4 / RFC 7643 §6: /ResourceTypes lists User with the enterprise extension")
    void resourceTypes() {
        Map<String, Object> list = get(t, "/ResourceTypes").expectStatus(200).json();
        assertThat(list.get("schemas")).isEqualTo(List.of(LIST));
        assertThat(list.get("totalResults")).isEqualTo(1L);
        Map<String, Object> user = get(t, "/ResourceTypes/User").expectStatus(200).json();
        assertThat(((List<?>) list.get("Resources")).get(0)).isEqualTo(user);
        assertThat(user.get("schemas")).isEqualTo(List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"));
        assertThat(user.get("id")).isEqualTo("User");
        assertThat(user.get("endpoint")).isEqualTo("/Users");
        assertThat(user.get("schema")).isEqualTo(USER);
        assertThat(user.get("schemaExtensions")).isEqualTo(List.of(Map.of("schema", ENTERPRISE, "required", false)));
        expectScimError(get(t, "/ResourceTypes/Group"), 404, null);
    }

    @Test
    @DisplayName("RFC 7644 §4 / RFC 7643 §7: /Schemas holds the User and EnterpriseUser definitions")
    void schemas() {
        Map<String, Object> list = get(t, "/Schemas").expectStatus(200).json();
        List<Map<String, Object>> all = (List<Map<String, Object>>) list.get("Resources");
        assertThat(all).extracting(s -> s.get("id")).containsExactly(USER, ENTERPRISE);
        Map<String, Object> user = get(t, "/Schemas/" + USER).expectStatus(200).json();
        assertThat(user).isEqualTo(all.get(0));
        assertThat(user.get("name")).isEqualTo("User");
        List<Map<String, Object>> attrs = (List<Map<String, Object>>) user.get("attributes");
        Map<String, Object> userName = attrs.stream().filter(a -> a.get("name").equals("userName")).findFirst().orElseThrow();
        assertThat(userName).containsEntry("type", "string").containsEntry("required", true).containsEntry("caseExact", false)
                .containsEntry("uniqueness", "server").containsEntry("multiValued", false);
        Map<String, Object> password = attrs.stream().filter(a -> a.get("name").equals("password")).findFirst().orElseThrow();
        assertThat(password).containsEntry("mutability", "writeOnly").containsEntry("returned", "never");
        Map<String, Object> emails = attrs.stream().filter(a -> a.get("name").equals("emails")).findFirst().orElseThrow();
        assertThat(emails).containsEntry("type", "complex").containsEntry("multiValued", true);
        assertThat((List<Map<String, Object>>) emails.get("subAttributes")).extracting(s -> s.get("name"))
                .containsExactly("value", "display", "type", "primary");
        Map<String, Object> groups = attrs.stream().filter(a -> a.get("name").equals("groups")).findFirst().orElseThrow();
        assertThat(groups).containsEntry("mutability", "readOnly");
        Map<String, Object> enterprise = get(t, "/Schemas/" + ENTERPRISE).expectStatus(200).json();
        assertThat((List<Map<String, Object>>) enterprise.get("attributes")).extracting(a -> a.get("name"))
                .containsExactly("employeeNumber", "costCenter", "organization", "division", "department", "manager");
        assertThat(((Map<?, ?>) enterprise.get("meta")).get("location")).isEqualTo(issuer(t) + "/scim/v2/Schemas/" + ENTERPRISE);
        expectScimError(get(t, "/Schemas/urn:example:nope"), 404, null);
    }

    @Test
    @DisplayName("RFC 7644 §4: a filter on the discovery endpoints → 403, so no client assumes it applied")
    void filterIsForbidden() {
        expectScimError(get(t, "/Schemas?filter=id%20eq%20%22x%22"), 403, null);
        expectScimError(get(t, "/ResourceTypes?filter=id%20pr"), 403, null);
        expectScimError(get(t, "/ServiceProviderConfig?filter=x%20pr"), 403, null);
    }
}
