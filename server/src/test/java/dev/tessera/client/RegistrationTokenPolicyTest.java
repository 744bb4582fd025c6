package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.protocol.OAuthException;
import java.util.Map;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every member Tessera stores has a rule for the registration access token (the policy refuses a member without one). Spec: RFC 7592 §2.2. */
class RegistrationTokenPolicyTest {
    private final RegistrationTokenPolicy policy = new RegistrationTokenPolicy();

    @Test
    @DisplayName("RFC 7592 §2.2: every member of Client.TESSERA_MEMBERS is classified, and nothing else is")
    void everyDefinedMember_hasARule() {
        assertThat(RegistrationTokenPolicy.RULES.keySet()).containsExactlyInAnyOrderElementsOf(Client.TESSERA_MEMBERS);
        assertThat(RegistrationTokenPolicy.RULES).containsEntry("id_token_signed_response_alg", RegistrationTokenPolicy.Rule.FREE)
                .containsEntry("userinfo_signed_response_alg", RegistrationTokenPolicy.Rule.FREE)
                .containsEntry("introspection_signed_response_alg", RegistrationTokenPolicy.Rule.FREE)
                .containsEntry("scope", RegistrationTokenPolicy.Rule.SUBSET)
                .containsEntry("response_types", RegistrationTokenPolicy.Rule.SUBSET)
                .containsEntry("token_endpoint_auth_method", RegistrationTokenPolicy.Rule.KEEP);
    }

    @Test
    @DisplayName("RFC 7592 §2.2: response_types may only shrink (no second value passes validation today, so checked here)")
    void responseTypes_onlyShrink() throws Exception {
        ClientMetadata stored = md(Map.of("response_types", java.util.List.of("code")));
        assertThatThrownBy(() -> policy.check(stored, md(Map.of("response_types", java.util.List.of("code", "token")))))
                .isInstanceOf(OAuthException.class).hasMessageContaining("response_types");
        policy.check(stored, md(Map.of("response_types", java.util.List.of("code"))));
    }

    @Test
    @DisplayName("RFC 7591 §2.2: a language-tagged cosmetic member is free; a tag on any other member is no member at all")
    void languageTags_onlyOnCosmeticMembers() throws Exception {
        ClientMetadata stored = md(Map.of("scope", "read"));
        ClientMetadata proposed = md(Map.of("scope", "read", "client_name#de", "x"));
        policy.check(stored, proposed);                                   // tagged cosmetic member: free
        assertThat(Client.isDefinedMember("scope#de")).isFalse();
        assertThat(Client.isDefinedMember("client_name#de-CH")).isTrue();
        assertThat(Client.isDefinedMember("client_name#")).isFalse();
    }

    private static ClientMetadata md(Map<String, Object> members) throws Exception {
        return ClientMetadata.parse(new JSONObject(members));
    }
}
