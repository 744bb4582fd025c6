package dev.tessera.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forward-auth load: {@code GET /t/{T}/forward-auth} with {@code Authorization: Bearer <opaque token>},
 * as NGINX {@code auth_request} sends it. Warm: a fixed set of tokens, round robin, so after the
 * warm-up every token's status and JWT form are cached. Cold: every request a token forward-auth has
 * not seen, taken from a large set issued beforehand ({@link Harvest}) and walked through once.
 */
final class ForwardAuthLoad {
    /** Enough of a token response to read {@code access_token}. */
    static final int CAPTURE_LIMIT = 2048;

    private ForwardAuthLoad() {
    }

    static byte[] request(String hostHeader, String path, String token) {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: tessera-bench\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Warm: one prebuilt request per token, cycled through. */
    static RequestFactory warm(String hostHeader, String path, List<String> tokens) {
        byte[][] requests = new byte[tokens.size()][];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = request(hostHeader, path, tokens.get(i));
        }
        return RequestFactory.roundRobin(requests);
    }

    /** Cold: each token once, in order; past the end it starts again and counts the reuse. */
    static final class Cold implements RequestFactory {
        private final String hostHeader;
        private final String path;
        private final String[] tokens;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong reused = new AtomicLong();

        Cold(String hostHeader, String path, String[] tokens) {
            if (tokens.length == 0) {
                throw new IllegalArgumentException("no tokens");
            }
            this.hostHeader = hostHeader;
            this.path = path;
            this.tokens = tokens;
        }

        @Override
        public byte[] next() {
            int i = next.getAndIncrement();
            if (i < 0 || i >= tokens.length) {
                reused.incrementAndGet();
                i = Math.floorMod(i, tokens.length);
            }
            return request(hostHeader, path, tokens[i]);
        }

        /** Requests that had to reuse a token (all tokens were used): these were warm, not cold. */
        long reused() {
            return reused.get();
        }

        int used() {
            return Math.min(next.get(), tokens.length);
        }
    }

    /**
     * Issues tokens through the load generator and keeps the {@code access_token} of every 200 answer
     * (the JDK client would take minutes for a few hundred thousand).
     */
    static final class Harvest {
        private final String[] tokens;
        private final AtomicInteger filled = new AtomicInteger();

        Harvest(int count) {
            tokens = new String[count];
        }

        RequestFactory forConnection(byte[] tokenRequest) {
            return new RequestFactory() {
                @Override
                public byte[] next() {
                    return tokenRequest;
                }

                @Override
                public void answered(int status, byte[] body, int bodyLength) {
                    if (status != 200 || body == null) return;
                    String token = Json.string(new String(body, 0, bodyLength, StandardCharsets.UTF_8), "access_token");
                    if (token == null) return;
                    int slot = filled.getAndIncrement();
                    if (slot < tokens.length) tokens[slot] = token;
                }

                @Override
                public int captureLimit() {
                    return CAPTURE_LIMIT;
                }
            };
        }

        /** The tokens harvested (at most the count asked for). */
        String[] tokens() {
            int n = Math.min(filled.get(), tokens.length);
            return java.util.Arrays.copyOf(tokens, n);
        }
    }
}
