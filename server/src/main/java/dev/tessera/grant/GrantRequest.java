package dev.tessera.grant;

/** A parsed token request of one grant. */
public interface GrantRequest {}
