package dev.tessera.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of a tenant's SCIM service: service provider configuration, resource
 * types and schemas. {@code base} is {@code {issuer}/scim/v2}.
 * Spec: RFC 7644 §4; RFC 7643 §5, §6, §7.
 */
public final class ScimDiscovery {
    public static final int MAX_RESULTS = 200;
    public static final int DEFAULT_COUNT = 100;

    private ScimDiscovery() {}

    /** RFC 7643 §5. */
    public static Map<String, Object> serviceProviderConfig(String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemas", List.of(ScimSchemas.SERVICE_PROVIDER_CONFIG));
        m.put("documentationUri", "https://www.rfc-editor.org/rfc/rfc7644");
        m.put("patch", Map.of("supported", true));
        m.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        m.put("filter", Map.of("supported", true, "maxResults", MAX_RESULTS));
        m.put("changePassword", Map.of("supported", true));
        m.put("sort", Map.of("supported", false));
        m.put("etag", Map.of("supported", true));
        Map<String, Object> bearer = new LinkedHashMap<>();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "OAuth Bearer Token");
        bearer.put("description", "An access token of tenant system with scope admin (RFC 6750)");
        bearer.put("specUri", "https://www.rfc-editor.org/rfc/rfc6750");
        bearer.put("primary", true);
        m.put("authenticationSchemes", List.of(bearer));
        m.put("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return m;
    }

    /** RFC 7643 §6: the one resource type, User, with the enterprise extension. */
    public static Map<String, Object> userResourceType(String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemas", List.of(ScimSchemas.RESOURCE_TYPE));
        m.put("id", "User");
        m.put("name", "User");
        m.put("endpoint", "/Users");
        m.put("description", "User Account");
        m.put("schema", ScimSchemas.USER);
        m.put("schemaExtensions", List.of(Map.of("schema", ScimSchemas.ENTERPRISE_USER, "required", false)));
        m.put("meta", meta("ResourceType", base + "/ResourceTypes/User"));
        return m;
    }

    public static Optional<Map<String, Object>> resourceType(String base, String id) {
        return "User".equals(id) ? Optional.of(userResourceType(base)) : Optional.empty();
    }

    public static List<Map<String, Object>> resourceTypes(String base) {
        return List.of(userResourceType(base));
    }

    /** RFC 7643 §7: the User and EnterpriseUser schema documents. */
    public static List<Map<String, Object>> schemas(String base) {
        return List.of(schema(base, ScimSchemas.USER, "User", "User Account", ScimSchemas.USER_ATTRIBUTES),
                schema(base, ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User",
                        ScimSchemas.ENTERPRISE_ATTRIBUTES));
    }

    public static Optional<Map<String, Object>> schema(String base, String urn) {
        return schemas(base).stream().filter(s -> s.get("id").equals(urn)).findFirst();
    }

    private static Map<String, Object> schema(String base, String urn, String name, String description,
                                              List<ScimAttribute> attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemas", List.of(ScimSchemas.SCHEMA));
        m.put("id", urn);
        m.put("name", name);
        m.put("description", description);
        m.put("attributes", attributes.stream().map(ScimAttribute::toJson).toList());
        m.put("meta", meta("Schema", base + "/Schemas/" + urn));
        return m;
    }

    /** RFC 7644 §3.4.2: a ListResponse of every item, for the discovery endpoints (never paged). */
    public static Map<String, Object> list(List<Map<String, Object>> items) {
        return listResponse(items.size(), 1, items);
    }

    /** RFC 7644 §3.4.2: the ListResponse message. */
    public static Map<String, Object> listResponse(long total, int startIndex, List<Map<String, Object>> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemas", List.of(ScimSchemas.LIST_RESPONSE));
        m.put("totalResults", total);
        m.put("itemsPerPage", items.size());
        m.put("startIndex", startIndex);
        m.put("Resources", items);
        return m;
    }

    private static Map<String, Object> meta(String type, String location) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resourceType", type);
        m.put("location", location);
        return m;
    }
}
