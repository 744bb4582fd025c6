package dev.tessera.http;

/** What a route runs: reads the exchange, writes its answer or throws an {@code OAuthException}. */
@FunctionalInterface
interface Endpoint {
    void handle(Exchange x);
}
