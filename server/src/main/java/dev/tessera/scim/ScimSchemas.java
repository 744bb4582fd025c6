package dev.tessera.scim;

import static dev.tessera.scim.ScimAttribute.complex;
import static dev.tessera.scim.ScimAttribute.of;
import static dev.tessera.scim.ScimAttribute.string;

import dev.tessera.scim.ScimAttribute.Mutability;
import dev.tessera.scim.ScimAttribute.Returned;
import dev.tessera.scim.ScimAttribute.Type;
import java.util.List;
import java.util.Locale;

/** Schema URNs and the attribute definitions of the User and EnterpriseUser schemas. Spec: RFC 7643 §3.1, §4.1–4.3, §8.7.1. */
public final class ScimSchemas {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private ScimSchemas() {}

    /** RFC 7643 §3.1: attributes common to every resource; they belong to no schema. */
    public static final List<ScimAttribute> COMMON = List.of(
            string("id").caseExact().unique().mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS),
            string("externalId").caseExact(),
            complex("meta", string("resourceType").caseExact().mutability(Mutability.READ_ONLY),
                    of("created", Type.DATE_TIME).mutability(Mutability.READ_ONLY),
                    of("lastModified", Type.DATE_TIME).mutability(Mutability.READ_ONLY),
                    of("location", Type.REFERENCE).caseExact().mutability(Mutability.READ_ONLY).references("uri"),
                    string("version").caseExact().mutability(Mutability.READ_ONLY)).mutability(Mutability.READ_ONLY));

    /** RFC 7643 §4.1. */
    public static final List<ScimAttribute> USER_ATTRIBUTES = List.of(
            string("userName").required().unique(),
            complex("name", string("formatted"), string("familyName"), string("givenName"), string("middleName"),
                    string("honorificPrefix"), string("honorificSuffix")),
            string("displayName"), string("nickName"), of("profileUrl", Type.REFERENCE), string("title"),
            string("userType"), string("preferredLanguage"), string("locale"), string("timezone"),
            of("active", Type.BOOLEAN),
            string("password").mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER),
            multiValued("emails", "work", "home", "other"),
            multiValued("phoneNumbers", "work", "home", "mobile", "fax", "pager", "other"),
            multiValued("ims", "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
            complex("photos", of("value", Type.REFERENCE).references("external"), string("display"),
                    string("type").canonical("photo", "thumbnail"), of("primary", Type.BOOLEAN)).multi(),
            complex("addresses", string("formatted"), string("streetAddress"), string("locality"), string("region"),
                    string("postalCode"), string("country"), string("type").canonical("work", "home", "other"),
                    of("primary", Type.BOOLEAN)).multi(),
            complex("groups", string("value").mutability(Mutability.READ_ONLY),
                    of("$ref", Type.REFERENCE).references("User", "Group").mutability(Mutability.READ_ONLY),
                    string("display").mutability(Mutability.READ_ONLY),
                    string("type").canonical("direct", "indirect").mutability(Mutability.READ_ONLY))
                    .multi().mutability(Mutability.READ_ONLY),
            multiValued("entitlements"), multiValued("roles"),
            complex("x509Certificates", of("value", Type.BINARY), string("display"), string("type"),
                    of("primary", Type.BOOLEAN)).multi());

    /** RFC 7643 §4.3. */
    public static final List<ScimAttribute> ENTERPRISE_ATTRIBUTES = List.of(
            string("employeeNumber"), string("costCenter"), string("organization"), string("division"),
            string("department"),
            complex("manager", string("value"), of("$ref", Type.REFERENCE).references("User"),
                    string("displayName").mutability(Mutability.READ_ONLY)));

    private static ScimAttribute multiValued(String name, String... types) {
        return complex(name, string("value"), string("display"), string("type").canonical(types),
                of("primary", Type.BOOLEAN)).multi();
    }

    /** The definition of a core User attribute (or a common one), case-insensitively; null if none. */
    public static ScimAttribute userAttribute(String name) {
        ScimAttribute a = ScimAttribute.find(USER_ATTRIBUTES, name);
        return a != null ? a : ScimAttribute.find(COMMON, name);
    }

    public static ScimAttribute enterpriseAttribute(String name) {
        return ScimAttribute.find(ENTERPRISE_ATTRIBUTES, name);
    }

    /** The definitions of a schema Tessera knows (core User or EnterpriseUser), or null for other extensions. */
    public static List<ScimAttribute> attributesOf(String urn) {
        if (USER.equalsIgnoreCase(urn)) return USER_ATTRIBUTES;
        if (ENTERPRISE_USER.equalsIgnoreCase(urn)) return ENTERPRISE_ATTRIBUTES;
        return null;
    }

    /** True for a syntactically acceptable schema URN (RFC 8141 shape, bounded). */
    public static boolean isUrn(String s) {
        return s != null && s.length() > 4 && s.length() <= 256 && s.regionMatches(true, 0, "urn:", 0, 4)
                && s.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '[' && c != ']');
    }

    /** The canonical spelling of a known URN, else the URN as given. */
    public static String canonicalUrn(String urn) {
        if (USER.equalsIgnoreCase(urn)) return USER;
        if (ENTERPRISE_USER.equalsIgnoreCase(urn)) return ENTERPRISE_USER;
        return urn;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
