package dev.tessera.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refresh-token rotation load: every refresh answers with a new refresh token and invalidates the
 * one sent, so each chain (one sign-in's token family) must go on with the token of its own last
 * answer. Connection i owns chains i, i + C, i + 2C, ... (C connections) and uses them in turn; no
 * other connection ever touches them. A chain whose refresh failed (non-200, no new token, or an
 * I/O error that may have lost the answer) cannot go on: its token may already be rotated, and
 * resending it would be refresh-token reuse, which revokes the family. The connection drops it and
 * continues with its other chains; when it has none left, it keeps sending the last token and every
 * answer counts as an error.
 */
final class RefreshChains {
    /** Enough for access token, refresh token and an ID token. */
    static final int CAPTURE_LIMIT = 16 * 1024;

    private final String hostHeader;
    private final String path;
    private final String clientId;
    private final List<String> tokens;
    private final int connections;
    private final AtomicInteger lost = new AtomicInteger();

    RefreshChains(String hostHeader, String tenant, String clientId, List<String> tokens, int connections) {
        if (tokens.size() < connections) {
            throw new IllegalArgumentException("need at least one refresh token per connection (" + tokens.size()
                    + " for " + connections + " connections)");
        }
        this.hostHeader = hostHeader;
        this.path = "/t/" + tenant + "/token";
        this.clientId = clientId;
        this.tokens = List.copyOf(tokens);
        this.connections = connections;
    }

    /** The factory owned by connection {@code index}. */
    RequestFactory forConnection(int index) {
        int owned = (tokens.size() - index + connections - 1) / connections;
        String[] chains = new String[owned];
        for (int k = 0; k < owned; k++) {
            chains[k] = tokens.get(index + k * connections);
        }
        return new Owner(chains);
    }

    /** Chains dropped so far because a refresh failed. */
    int lost() {
        return lost.get();
    }

    int chains() {
        return tokens.size();
    }

    private final class Owner implements RequestFactory {
        private final String[] chains;
        /** Chains 0 .. live-1 are usable; 0 when all are lost. */
        private int live;
        private int current;

        Owner(String[] chains) {
            this.chains = chains;
            this.live = chains.length;
        }

        @Override
        public byte[] next() {
            return HttpRequests.postForm(hostHeader, path, null, "grant_type=refresh_token&client_id="
                    + HttpRequests.form(clientId) + "&refresh_token=" + HttpRequests.form(chains[current]));
        }

        @Override
        public void answered(int status, byte[] body, int bodyLength) {
            String rotated = status == 200 && body != null
                    ? Json.string(new String(body, 0, bodyLength, StandardCharsets.UTF_8), "refresh_token") : null;
            if (rotated != null) {
                chains[current] = rotated;
                current = live > 1 ? (current + 1) % live : current;
                return;
            }
            if (live == 0) {
                return; // nothing left: the last token goes out again and fails again
            }
            lost.incrementAndGet();
            live--;
            if (live > 0) {
                chains[current] = chains[live]; // the last live chain takes the dropped one's place
                current %= live;
            }
        }

        @Override
        public int captureLimit() {
            return CAPTURE_LIMIT;
        }
    }
}
