package dev.tessera.spec.badinput;

import java.util.Set;
import java.util.function.Supplier;

/**
 * One malformed request of the battery and the answer it must get.
 *
 * @param statuses the acceptable statuses (one, except where Jetty answers before Tessera sees the request)
 * @param body what the answer body must be
 * @param expected for {@link Body#OAUTH_ERROR} the {@code error} code (null accepts any); for
 *     {@link Body#MEDIA_TYPE} the media type the answer must have; for {@link Body#SCIM_ERROR} the scimType;
 *     for {@link Body#CHALLENGE} the {@code error} attribute of the challenge (null: none)
 */
record BadRequest(String name, Supplier<RawHttp.Reply> send, Set<Integer> statuses, Body body, String expected) {
    enum Body {
        /** RFC 6749 §5.2 style JSON with {@code error}. */
        OAUTH_ERROR,
        /** RFC 9457 problem JSON (admin surfaces). */
        PROBLEM,
        /** RFC 7662 §2.2: exactly {@code {"active":false}}. */
        INACTIVE,
        /** RFC 7009 §2.2: 200 with an empty body. */
        EMPTY,
        /** Another answer an RFC prescribes (e.g. RFC 9701's signed introspection response): its media type. */
        MEDIA_TYPE,
        /** Answered by Jetty's HTTP parser before any route runs: JSON with {@code error} (or no body at all). */
        TRANSPORT,
        /** RFC 7644 §3.12 SCIM error JSON; {@code expected} is the {@code scimType} (null: none). */
        SCIM_ERROR,
        /** The token handler's OAuth-agent error JSON {@code {"code", "message"}} (CONTRACT §6.2); {@code expected} is the code. */
        AGENT_ERROR,
        /** RFC 6750 §3: a {@code WWW-Authenticate: Bearer realm=…} challenge and OAuth error JSON. */
        CHALLENGE,
        /** CONTRACT §6.1: 200 with {@code Authorization: Bearer <JWT>} for the gateway to forward. */
        FORWARDED,
        /** CONTRACT §6.3: 204 with no body (an inactive token's JWT form). */
        NO_CONTENT
    }
}
