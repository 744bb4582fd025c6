package dev.tessera.protocol;

/**
 * Where and how an authorization response goes once the client and its redirect URI are trusted: the
 * client, the redirect URI, the response mode ({@code query} or {@code form_post}) and the state to
 * return. Spec: RFC 6749 §3.1.2, §4.1.2; OAuth 2.0 Form Post Response Mode.
 */
public record ClientRedirect(ClientId clientId, String redirectUri, String responseMode, String state) {}
