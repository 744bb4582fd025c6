package dev.tessera.client;

/** A client just registered or updated, with the one-time plaintext values to hand back (null if none). */
public record RegisteredClient(Client client, String clientSecret, String registrationAccessToken) {}
