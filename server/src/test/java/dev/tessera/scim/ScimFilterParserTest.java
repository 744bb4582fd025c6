package dev.tessera.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.scim.ScimFilter.AttributePath;
import dev.tessera.scim.ScimFilter.Compare;
import dev.tessera.scim.ScimFilter.Op;
import dev.tessera.user.UserFilter;
import dev.tessera.user.UserFilter.Attribute;
import dev.tessera.user.UserFilter.Operator;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of the SCIM filter parser and its translation to the store's filter. Spec: RFC 7644 §3.4.2.2. */
class ScimFilterParserTest {
    private static Compare cmp(String name, Op op, Object value) {
        return new Compare(new AttributePath(null, name, null), op, value);
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.4.2.2: every example filter of the RFC parses")
    @ValueSource(strings = {
        "userName eq \"bjensen\"",
        "name.familyName co \"O'Malley\"",
        "userName sw \"J\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
        "title pr",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
        "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified le \"2011-05-13T04:42:34Z\"",
        "title pr and userType eq \"Employee\"",
        "title pr or userType eq \"Intern\"",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType eq \"Employee\" and (emails.type eq \"work\")",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]"})
    void rfcExamples_parse(String filter) {
        assertThat(ScimFilterParser.parse(filter)).isNotNull();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: and binds tighter than or; parentheses override")
    void precedence() {
        ScimFilter f = ScimFilterParser.parse("a eq \"1\" or b eq \"2\" and c eq \"3\"");
        assertThat(f).isEqualTo(new ScimFilter.Or(cmp("a", Op.EQ, "1"),
                new ScimFilter.And(cmp("b", Op.EQ, "2"), cmp("c", Op.EQ, "3"))));
        ScimFilter g = ScimFilterParser.parse("(a eq \"1\" or b eq \"2\") and c eq \"3\"");
        assertThat(g).isEqualTo(new ScimFilter.And(new ScimFilter.Or(cmp("a", Op.EQ, "1"), cmp("b", Op.EQ, "2")),
                cmp("c", Op.EQ, "3")));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: operators and keywords are case-insensitive; not(…) needs no space")
    void caseInsensitiveKeywords() {
        assertThat(ScimFilterParser.parse("userName EQ \"x\" AND NOT(active Eq TRUE)")).isEqualTo(new ScimFilter.And(
                cmp("userName", Op.EQ, "x"), new ScimFilter.Not(cmp("active", Op.EQ, true))));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2 / RFC 8259 §7: string values are JSON strings with escapes")
    void jsonStringEscapes() {
        ScimFilter f = ScimFilterParser.parse("userName eq \"a\\\"b\\\\c\\u00e9\\/d\\n\"");
        assertThat(f).isEqualTo(cmp("userName", Op.EQ, "a\"b\\cé/d\n"));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: values may be true, false, null or numbers")
    void literals() {
        assertThat(ScimFilterParser.parse("x eq null")).isEqualTo(cmp("x", Op.EQ, null));
        assertThat(ScimFilterParser.parse("x gt 1.5")).isEqualTo(cmp("x", Op.GT, new BigDecimal("1.5")));
        assertThat(ScimFilterParser.parse("x eq false")).isEqualTo(cmp("x", Op.EQ, false));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: value paths filter the elements of a multi-valued attribute")
    void valuePath() {
        ScimFilter f = ScimFilterParser.parse("emails[type eq \"work\" and value co \"@example.com\"]");
        assertThat(f).isEqualTo(new ScimFilter.ValuePath(new AttributePath(null, "emails", null),
                new ScimFilter.And(cmp("type", Op.EQ, "work"), cmp("value", Op.CO, "@example.com"))));
        assertThat(((ScimFilter.ValuePath) f).filter().matches(Map.of("type", "Work", "value", "a@EXAMPLE.com"))).isTrue();
        assertThat(((ScimFilter.ValuePath) f).filter().matches(Map.of("type", "home", "value", "a@example.com"))).isFalse();
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.4.2.2: malformed filters → invalidFilter")
    @ValueSource(strings = {"", " ", "userName", "userName eq", "userName eq \"x", "userName eq \"x\" and",
        "(userName eq \"x\"", "userName eq \"x\")", "not userName eq \"x\"", "not()", "userName foo \"x\"",
        "userName eq bare", "\"userName\" eq \"x\"", "userName eq \"\\q\"", "userName eq \"\\u12\"",
        "emails[value eq \"x\"", "emails[emails[value eq \"x\"]]", "1abc eq \"x\"", "urn: eq \"x\"",
        "userName eq \"x\" userName eq \"y\"", "userName eq \"x\" xor active pr", "a.b.c eq \"x\""})
    void malformed_isInvalidFilter(String filter) {
        assertThatThrownBy(() -> ScimFilterParser.parse(filter)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SCIM_INVALID_FILTER));
    }

    @Test
    @DisplayName("Filters are bounded in length, depth and number of comparisons")
    void bounded() {
        String deep = "(".repeat(ScimFilterParser.MAX_DEPTH + 1) + "a pr" + ")".repeat(ScimFilterParser.MAX_DEPTH + 1);
        String wide = String.join(" or ", java.util.Collections.nCopies(ScimFilterParser.MAX_TERMS + 1, "a pr"));
        String longOne = "a eq \"" + "x".repeat(ScimFilterParser.MAX_LENGTH) + "\"";
        for (String f : new String[] {deep, wide, longOne}) {
            assertThatThrownBy(() -> ScimFilterParser.parse(f)).isInstanceOfSatisfying(OAuthException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SCIM_INVALID_FILTER));
        }
        String ok = "(".repeat(ScimFilterParser.MAX_DEPTH) + "a pr" + ")".repeat(ScimFilterParser.MAX_DEPTH);
        assertThat(ScimFilterParser.parse(ok)).isEqualTo(new Compare(new AttributePath(null, "a", null), Op.PR, null));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: user filters map to the indexed attributes, names case-insensitive")
    void userFilterMapping() {
        assertThat(UserSearchFilter.parse("USERNAME eq \"Bob\"")).isEqualTo(new UserFilter.Compare(Attribute.USER_NAME, Operator.EQ, "Bob"));
        assertThat(UserSearchFilter.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"b\""))
                .isEqualTo(new UserFilter.Compare(Attribute.USER_NAME, Operator.SW, "b"));
        assertThat(UserSearchFilter.parse("emails co \"@x\"")).isEqualTo(new UserFilter.Compare(Attribute.EMAIL, Operator.CO, "@x"));
        assertThat(UserSearchFilter.parse("emails.Value ew \".org\"")).isEqualTo(new UserFilter.Compare(Attribute.EMAIL, Operator.EW, ".org"));
        assertThat(UserSearchFilter.parse("emails[value eq \"a@x\"]")).isEqualTo(new UserFilter.Compare(Attribute.EMAIL, Operator.EQ, "a@x"));
        assertThat(UserSearchFilter.parse("externalId pr")).isEqualTo(new UserFilter.Compare(Attribute.EXTERNAL_ID, Operator.PR, null));
        assertThat(UserSearchFilter.parse("id ne \"1\"")).isEqualTo(new UserFilter.Compare(Attribute.ID, Operator.NE, "1"));
        assertThat(UserSearchFilter.parse("active eq false")).isEqualTo(new UserFilter.Compare(Attribute.ACTIVE, Operator.EQ, false));
        assertThat(UserSearchFilter.parse("externalId eq null"))
                .isEqualTo(new UserFilter.Not(new UserFilter.Compare(Attribute.EXTERNAL_ID, Operator.PR, null)));
        assertThat(UserSearchFilter.parse(null)).isEqualTo(new UserFilter.All());
        assertThat(UserSearchFilter.parse("not (active eq true) or userName pr")).isEqualTo(new UserFilter.Or(
                new UserFilter.Not(new UserFilter.Compare(Attribute.ACTIVE, Operator.EQ, true)),
                new UserFilter.Compare(Attribute.USER_NAME, Operator.PR, null)));
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.4.2.2: unsupported attributes, operators and value types → invalidFilter")
    @ValueSource(strings = {"name.familyName eq \"x\"", "title pr", "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "userName gt \"a\"", "userName eq 12", "userName eq true", "active eq \"true\"", "active co true", "active sw false",
        "emails[type eq \"work\"]", "emails.type eq \"work\"", "ims[value eq \"x\"]", "urn:example:ext:1.0:User:userName eq \"x\""})
    void unsupported_isInvalidFilter(String filter) {
        assertThatThrownBy(() -> UserSearchFilter.parse(filter)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SCIM_INVALID_FILTER));
    }
}
