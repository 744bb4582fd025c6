package dev.tessera.tokenhandler;

/** What the token handler reads of a browser's request: its method, headers and cookies. */
public interface BrowserRequest {
    /** Upper case. */
    String method();

    /** A header, or null. */
    String header(String name);

    /** A cookie's value, or null. */
    String cookie(String name);
}
