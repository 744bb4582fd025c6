package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import java.util.Set;

/**
 * One client-authentication method ({@code client_secret_basic}, {@code private_key_jwt}, later
 * {@code tls_client_auth} …): whether a request uses it, what it presents (parsed with Nimbus, not
 * yet believed) and the proof check for the client it names. The {@link ClientAuthenticator} runs
 * the registered methods in order. Spec: RFC 6749 §2.3; RFC 7591 §2 ({@code token_endpoint_auth_method}).
 */
interface ClientAuthMethod {
    /** The method's registered name, as clients register it and discovery lists it. */
    ClientAuthenticationMethod id();

    /** Refuses a request that is malformed for this method before anything is counted (e.g. an unknown Authorization scheme). */
    default void screen(PresentedRequest request) {}

    /** Whether the request uses this method at all. */
    boolean presentedIn(PresentedRequest request);

    /** What the request presents; called only when {@link #presentedIn}. Malformed → {@code invalid_client} or {@code invalid_request}. */
    PresentedCredentials parse(PresentedRequest request);

    /** Checks the proof for {@code client}, which registered this method; failure → {@code invalid_client}. */
    void verify(TenantId tenant, Client client, PresentedCredentials presented, Set<String> audiences);
}
