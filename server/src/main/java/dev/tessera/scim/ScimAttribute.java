package dev.tessera.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One attribute definition of a SCIM schema, with the characteristics RFC 7643 §2.2 names. The
 * definitions drive validation, case-insensitive name resolution and the {@code /Schemas} documents.
 * Built with withers, so each definition reads as one line.
 * Spec: RFC 7643 §2.2, §7.
 */
public record ScimAttribute(String name, Type type, boolean multiValued, Characteristics characteristics,
                            List<ScimAttribute> subAttributes, List<String> canonicalValues) {
    public enum Type {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        REFERENCE("reference"), BINARY("binary"), COMPLEX("complex");

        private final String json;

        Type(String json) { this.json = json; }

        public String json() { return json; }
    }

    public enum Mutability { READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");
        private final String json;

        Mutability(String json) { this.json = json; }
    }

    public enum Returned { ALWAYS("always"), NEVER("never"), DEFAULT("default"), REQUEST("request");
        private final String json;

        Returned(String json) { this.json = json; }
    }

    /** The remaining characteristics of RFC 7643 §2.2. {@code referenceTypes} only for references. */
    public record Characteristics(boolean required, boolean caseExact, Mutability mutability, Returned returned,
                                  boolean serverUnique, List<String> referenceTypes) {
        public Characteristics {
            referenceTypes = List.copyOf(referenceTypes);
        }

        static final Characteristics DEFAULT = new Characteristics(false, false, Mutability.READ_WRITE, Returned.DEFAULT,
                false, List.of());
    }

    public ScimAttribute {
        subAttributes = List.copyOf(subAttributes);
        canonicalValues = List.copyOf(canonicalValues);
    }

    public static ScimAttribute of(String name, Type type) {
        return new ScimAttribute(name, type, false, Characteristics.DEFAULT, List.of(),
                List.of());
    }

    public static ScimAttribute string(String name) { return of(name, Type.STRING); }

    public static ScimAttribute complex(String name, ScimAttribute... sub) {
        return of(name, Type.COMPLEX).sub(sub);
    }

    public ScimAttribute multi() {
        return new ScimAttribute(name, type, true, characteristics, subAttributes, canonicalValues);
    }

    public ScimAttribute sub(ScimAttribute... sub) {
        return new ScimAttribute(name, type, multiValued, characteristics, List.of(sub), canonicalValues);
    }

    public ScimAttribute canonical(String... values) {
        return new ScimAttribute(name, type, multiValued, characteristics, subAttributes, List.of(values));
    }

    public ScimAttribute required() {
        Characteristics c = characteristics;
        return with(new Characteristics(true, c.caseExact(), c.mutability(), c.returned(), c.serverUnique(), c.referenceTypes()));
    }

    public ScimAttribute caseExact() {
        Characteristics c = characteristics;
        return with(new Characteristics(c.required(), true, c.mutability(), c.returned(), c.serverUnique(), c.referenceTypes()));
    }

    public ScimAttribute unique() {
        Characteristics c = characteristics;
        return with(new Characteristics(c.required(), c.caseExact(), c.mutability(), c.returned(), true, c.referenceTypes()));
    }

    public ScimAttribute mutability(Mutability m) {
        Characteristics c = characteristics;
        return with(new Characteristics(c.required(), c.caseExact(), m, c.returned(), c.serverUnique(), c.referenceTypes()));
    }

    public ScimAttribute returned(Returned r) {
        Characteristics c = characteristics;
        return with(new Characteristics(c.required(), c.caseExact(), c.mutability(), r, c.serverUnique(), c.referenceTypes()));
    }

    public ScimAttribute references(String... types) {
        Characteristics c = characteristics;
        return with(new Characteristics(c.required(), c.caseExact(), c.mutability(), c.returned(), c.serverUnique(), List.of(types)));
    }

    private ScimAttribute with(Characteristics c) {
        return new ScimAttribute(name, type, multiValued, c, subAttributes, canonicalValues);
    }

    public boolean isComplex() { return type == Type.COMPLEX; }

    public boolean isReadOnly() { return characteristics.mutability() == Mutability.READ_ONLY; }

    public boolean isWriteOnly() { return characteristics.mutability() == Mutability.WRITE_ONLY; }

    /** The sub-attribute named {@code n}, compared case-insensitively (RFC 7643 §2.1); null if none. */
    public ScimAttribute subAttribute(String n) {
        return find(subAttributes, n);
    }

    static ScimAttribute find(List<ScimAttribute> attributes, String n) {
        for (ScimAttribute a : attributes) {
            if (a.name().equalsIgnoreCase(n)) return a;
        }
        return null;
    }

    /** The RFC 7643 §7 representation of this definition. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type.json());
        m.put("multiValued", multiValued);
        m.put("description", describe());
        m.put("required", characteristics.required());
        if (type != Type.COMPLEX && type != Type.BOOLEAN) m.put("caseExact", characteristics.caseExact());
        if (!canonicalValues.isEmpty()) m.put("canonicalValues", canonicalValues);
        m.put("mutability", characteristics.mutability().json);
        m.put("returned", characteristics.returned().json);
        m.put("uniqueness", characteristics.serverUnique() ? "server" : "none");
        if (type == Type.REFERENCE) {
            m.put("referenceTypes", characteristics.referenceTypes().isEmpty() ? List.of("external") : characteristics.referenceTypes());
        }
        if (type == Type.COMPLEX) m.put("subAttributes", subAttributes.stream().map(ScimAttribute::toJson).toList());
        return m;
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (char ch : name.replace("$", "").toCharArray()) {
            if (Character.isUpperCase(ch)) b.append(' ');
            b.append(Character.toLowerCase(ch));
        }
        String s = b.toString().trim();
        return s.isEmpty() ? name : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1) + ".";
    }
}
