package dev.tessera.tokenhandler;

import dev.tessera.client.Client;
import dev.tessera.grant.AuthorizationCodeGrant;
import dev.tessera.grant.RefreshTokenGrant;
import dev.tessera.grant.TokenPipeline;
import dev.tessera.grant.TokenResult;
import dev.tessera.protocol.FormParameters;
import dev.tessera.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the token endpoint's own grant handlers for the agent, in process: the agent is part of
 * Tessera, so it vouches for the app's registered client (as client authentication would) and no
 * secret ever leaves the server. Parsing and every policy stay the handlers' (PKCE, redirect URI,
 * one-time codes, refresh rotation and reuse detection). Spec: RFC 6749 §4.1.3, §6; CONTRACT §6.2.
 */
public final class AgentGrants {
    private final TokenPipeline tokens;

    public AgentGrants(TokenPipeline tokens) {
        this.tokens = tokens;
    }

    /** The code grant (RFC 6749 §4.1.3, RFC 7636 §4.5) as the app's client. */
    public TokenResult redeem(Tenant tenant, Client client, String code, String redirectUri, String codeVerifier) {
        return run(tenant, client, AuthorizationCodeGrant.URI, "code", code, "redirect_uri", redirectUri,
                "code_verifier", codeVerifier);
    }

    /** The refresh grant (RFC 6749 §6) as the app's client. */
    public TokenResult refresh(Tenant tenant, Client client, String refreshToken) {
        return run(tenant, client, RefreshTokenGrant.URI, "refresh_token", refreshToken);
    }

    private TokenResult run(Tenant tenant, Client client, String grantType, String... nameValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("grant_type", List.of(grantType));
        for (int i = 0; i < nameValues.length; i += 2) form.put(nameValues[i], List.of(nameValues[i + 1]));
        return tokens.runAs(tenant, client, FormParameters.of(form));
    }
}
