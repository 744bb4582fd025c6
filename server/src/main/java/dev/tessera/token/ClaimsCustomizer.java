package dev.tessera.token;

/**
 * A source of access-token claims (custom claims from business data, the region, …): the issuer runs
 * every registered customizer, in order, for every access token it mints, whatever its format. A new
 * claim source is one new customizer registered in the composition root. Spec: RFC 9068 §2.2.3.
 */
@FunctionalInterface
public interface ClaimsCustomizer {
    /** Adds claims for the token {@code request} describes; must not block on anything slow. */
    void customize(AccessTokenRequest request, CustomClaims.Builder claims);
}
