package dev.tessera.spec.badinput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Collects the cases of one battery; names must be unique. */
final class Cases {
    /**
     * Issue 9 item 11: the forms a numeric member must refuse whatever its range: overflow (as an
     * exponent and as 100 digits), negative, fractional, and the number as a string.
     */
    static final List<String> NUMBER_FORMS = List.of("1e100", "1" + "0".repeat(100), "-1", "1.5", "\"60\"",
            "9223372036854775808", "-9223372036854775809");

    private final List<BadRequest> all = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    List<BadRequest> all() {
        return all;
    }

    /** An OAuth-style error answer with this status and {@code error} code (null: any code). */
    void error(String name, int status, String error, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.OAUTH_ERROR, error));
    }

    /** An RFC 9457 problem answer with this status. */
    void problem(String name, int status, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.PROBLEM, null));
    }

    /** RFC 7662 §2.2: a token the server cannot use introspects as inactive. */
    void inactive(String name, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(200), BadRequest.Body.INACTIVE, null));
    }

    /** RFC 7009 §2.2: revoking an invalid or unknown token is answered 200. */
    void revokedAnyway(String name, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(200), BadRequest.Body.EMPTY, null));
    }

    /** An answer an RFC prescribes for this input, checked by status and media type. */
    void prescribed(String name, int status, String mediaType, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.MEDIA_TYPE, mediaType));
    }

    /** A SCIM error (RFC 7644 §3.12) with this status and {@code scimType} (null: the answer has none). */
    void scim(String name, int status, String scimType, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.SCIM_ERROR, scimType));
    }

    /** The token handler's {@code {"code", "message"}} answer with this status and code (null: any code). */
    void agent(String name, int status, String code, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.AGENT_ERROR, code));
    }

    /** RFC 6750 §3: a Bearer challenge with this status; {@code error} its error attribute (null: none, no token sent). */
    void challenge(String name, int status, String error, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(status), BadRequest.Body.CHALLENGE, error));
    }

    /** CONTRACT §6.1: forward-auth lets the request pass with a JWT, whatever else the call carried. */
    void forwarded(String name, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(200), BadRequest.Body.FORWARDED, null));
    }

    /** CONTRACT §6.3: 204 and nothing else. */
    void noContent(String name, Supplier<RawHttp.Request> request) {
        add(new BadRequest(name, () -> request.get().send(), Set.of(204), BadRequest.Body.NO_CONTENT, null));
    }

    /** Bytes Jetty's parser refuses before Tessera sees a request: any of these 4xx statuses. */
    void transport(String name, Set<Integer> statuses, Supplier<RawHttp.Reply> send) {
        add(new BadRequest(name, send, statuses, BadRequest.Body.TRANSPORT, null));
    }

    private void add(BadRequest r) {
        if (!names.add(r.name())) throw new IllegalStateException("duplicate case name: " + r.name());
        all.add(r);
    }
}
