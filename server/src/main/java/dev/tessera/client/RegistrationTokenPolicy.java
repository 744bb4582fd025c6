package dev.tessera.client;

import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import net.minidev.json.JSONObject;

/**
 * What a client's own registration access token may change at {@code PUT {issuer}/register/{id}}: it
 * must never widen what the client may do, so every member has a rule, and a member without one is
 * refused. Cosmetic members change freely; scope, grant and response types and redirect URIs may only
 * shrink; {@code jwks} and {@code jwks_uri} stay (whoever sets the keys of a {@code private_key_jwt}
 * client can authenticate as it, while the token alone never reveals a secret; a client that rotates
 * its own keys publishes them at its {@code jwks_uri}, or the admin token changes them); how the client authenticates
 * and how its tokens are bound, formatted and consented stay, or move only the stricter way. The admin
 * token is not subject to this policy. Spec: RFC 7592 §2.2 (the server may refuse or replace values).
 */
public final class RegistrationTokenPolicy {
    /** How the registration access token may change one member. */
    enum Rule {
        /** Any change: the member is descriptive and grants nothing. */
        FREE,
        /** The new set of values must be a subset of the stored one. */
        SUBSET,
        /** No change at all. */
        KEEP,
        /** A boolean that may only become true (a stricter client). */
        ONLY_TRUE,
        /** A number that may only become smaller, or be set where none was (a stricter client). */
        ONLY_SMALLER
    }

    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("client_name", Rule.FREE), Map.entry("logo_uri", Rule.FREE), Map.entry("client_uri", Rule.FREE),
            Map.entry("policy_uri", Rule.FREE), Map.entry("tos_uri", Rule.FREE), Map.entry("contacts", Rule.FREE),
            Map.entry("software_version", Rule.FREE),
            // what tokens are signed with: the client chooses among what the tenant offers
            Map.entry("id_token_signed_response_alg", Rule.FREE), Map.entry("userinfo_signed_response_alg", Rule.FREE),
            Map.entry("introspection_signed_response_alg", Rule.FREE),
            // key rotation: a new set of keys for the same method; jwks_uri would also redirect where Tessera fetches
            Map.entry("jwks", Rule.KEEP), Map.entry("jwks_uri", Rule.KEEP),
            Map.entry("scope", Rule.SUBSET), Map.entry("grant_types", Rule.SUBSET), Map.entry("response_types", Rule.SUBSET),
            Map.entry("redirect_uris", Rule.SUBSET), Map.entry(Client.POST_LOGOUT_REDIRECT_URIS, Rule.SUBSET),
            Map.entry("token_endpoint_auth_method", Rule.KEEP), Map.entry("token_endpoint_auth_signing_alg", Rule.KEEP),
            Map.entry("software_id", Rule.KEEP), Map.entry("software_statement", Rule.KEEP),
            // a self-contained JWT outlives its revocation at resource servers that do not introspect
            Map.entry(Client.ACCESS_TOKEN_FORMAT, Rule.KEEP),
            Map.entry(Client.CONSENT_REQUIRED, Rule.ONLY_TRUE), Map.entry("dpop_bound_access_tokens", Rule.ONLY_TRUE),
            Map.entry("tls_client_certificate_bound_access_tokens", Rule.ONLY_TRUE),
            Map.entry(Client.DEFAULT_MAX_AGE, Rule.ONLY_SMALLER));

    /**
     * Refuses, with {@code invalid_client_metadata} naming the member, the first change from
     * {@code stored} to {@code proposed} (both validated) that the registration access token may not make.
     */
    public void check(ClientMetadata stored, ClientMetadata proposed) {
        JSONObject before = stored.toJSONObject();
        JSONObject after = proposed.toJSONObject();
        Set<String> names = new TreeSet<>();
        before.keySet().stream().filter(Client::isDefinedMember).forEach(names::add);
        after.keySet().stream().filter(Client::isDefinedMember).forEach(names::add);
        for (String name : names) {
            Object was = before.get(name);
            Object now = after.get(name);
            if (Objects.equals(was, now)) continue;
            int hash = name.indexOf('#');
            Rule rule = RULES.get(hash < 0 ? name : name.substring(0, hash));
            if (rule == null || !allows(rule, name, was, now)) {
                throw new OAuthException(ErrorCode.INVALID_CLIENT_METADATA,
                        "The registration access token cannot change " + name + " this way; use the admin token");
            }
        }
    }

    private static boolean allows(Rule rule, String name, Object was, Object now) {
        return switch (rule) {
            case FREE -> true;
            case KEEP -> false;
            case SUBSET -> values(name, was).containsAll(values(name, now));
            case ONLY_TRUE -> !Boolean.TRUE.equals(was);     // the values differ: true may not be left
            case ONLY_SMALLER -> now instanceof Number n
                    && (was == null || was instanceof Number w && n.longValue() <= w.longValue());
        };
    }

    /** A member's values as a set of strings: scope tokens (exact, RFC 6749 §3.3 is case-sensitive) or array elements. */
    private static Set<String> values(String name, Object v) {
        Set<String> out = new LinkedHashSet<>();
        if (v == null) return out;
        if (name.equals("scope")) {
            Arrays.stream(v.toString().split(" ")).filter(s -> !s.isEmpty()).forEach(out::add);
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.add(String.valueOf(v));
        }
        return out;
    }
}
