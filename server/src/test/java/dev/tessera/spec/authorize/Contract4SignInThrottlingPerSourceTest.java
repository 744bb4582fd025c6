package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Setting;
import dev.tessera.testing.Browser;
import dev.tessera.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throttling that cannot be turned into a lockout: failures count per (account, source address)
 * pair and per source, never lock the account for everyone, and the source is the client's address
 * from {@code X-Forwarded-For} only when the peer is a trusted proxy. Throttled attempts are audited
 * once per source and window, with a count. Spec: CONTRACT §4, §8.2; issue 9 items 5, 7, 8;
 * OWASP ASVS V2.2.1; NIST SP 800-63B §5.2.2.
 */
@Tag("contract")
class Contract4SignInThrottlingPerSourceTest extends FlowSpecTest {
    private static final String ATTACKER = "203.0.113.66";
    private static final String VICTIM = "198.51.100.7";

    @Override
    protected Map<Setting, String> serverSettings() {
        return Map.of(Setting.TRUSTED_PROXIES, "127.0.0.1, ::1");
    }

    private static Browser.Page attempt(Browser b, AuthRequest req, String userName, String password) {
        Browser.Form f = b.get(req.path()).expectStatus(200).form();
        return f.set("username", userName).set("password", password).submit("Sign in");
    }

    private Browser from(String address) {
        return browser().header("X-Forwarded-For", address);
    }

    @Test
    @DisplayName("CONTRACT §4: while an attacker's wrong passwords throttle it, the victim signs in from another address")
    void victimFromAnotherAddress_signsInWhileAttackerIsThrottled() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(from(ATTACKER), req, "alice", "guess-" + i);
        Browser.Page throttled = attempt(from(ATTACKER), req, "alice", PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.alert()).containsIgnoringCase("too many");
        assertThat(throttled.location()).as("not even the right password, from the attacker's address").isNull();

        AuthRequest victims = authRequest(t, c);
        codeOf(attempt(from(VICTIM), victims, "alice", PASSWORD), victims);
    }

    @Test
    @DisplayName("CONTRACT §4: many sources failing on one account never delay a source without failures")
    void distributedFailures_neverLockTheAccount() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int source = 1; source <= 12; source++) {
            for (int i = 1; i <= 3; i++) attempt(from("203.0.113." + source), req, "alice", "guess-" + i);
        }
        attempt(from("203.0.113.1"), req, "alice", "guess-4");
        assertThat(attempt(from("203.0.113.1"), req, "alice", "guess-5").status())
                .as("a source that failed on the guarded account waits sooner (after 4, not 5)").isEqualTo(429);
        AuthRequest victims = authRequest(t, c);
        codeOf(attempt(from(VICTIM), victims, "alice", PASSWORD), victims);
    }

    @Test
    @DisplayName("NIST SP 800-63B §5.2.2: an IPv6 source is its /64, so fresh addresses of one prefix share the pair's budget")
    void ipv6Source_isItsSlash64() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(from("2001:db8:aa:bb::" + i), req, "alice", "guess-" + i);
        assertThat(attempt(from("2001:db8:aa:bb:ffff::99"), req, "alice", PASSWORD).status())
                .as("another address of the same /64").isEqualTo(429);
        AuthRequest other = authRequest(t, c);
        codeOf(attempt(from("2001:db8:aa:cc::1"), other, "alice", PASSWORD), other);
    }

    @Test
    @DisplayName("NIST SP 800-63B §5.2.2: guesses on one account from ever new sources are bounded; a browser that signed in before still gets in")
    void accountWideGuesses_areBounded_knownBrowserPasses() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser victim = from(VICTIM);
        AuthRequest first = authRequest(t, c);
        codeOf(attempt(victim, first, "alice", PASSWORD), first);          // the victim's browser becomes known
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= dev.tessera.authorize.SignIn.ACCOUNT_FAILURES_BEFORE_WAIT; i++) {
            assertThat(attempt(from("203.0." + (i / 200) + "." + (i % 200 + 1)), req, "alice", "guess-" + i).status())
                    .as("guess %d from a fresh source", i).isEqualTo(200);
        }
        assertThat(attempt(from("192.0.2.200"), req, "alice", PASSWORD).status())
                .as("an unknown browser, even with the right password, once the account has had its guesses").isEqualTo(429);
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        codeOf(attempt(victim, again, "alice", PASSWORD), again);
        AuthRequest fromAttackersAddress = authRequest(t, c).set("prompt", "login");
        Browser victimOnTheAttackersNetwork = victim.header("X-Forwarded-For", "203.0.0.1");
        codeOf(attempt(victimOnTheAttackersNetwork, fromAttackersAddress, "alice", PASSWORD), fromAttackersAddress);
    }

    @Test
    @DisplayName("CONTRACT §8.2: behind a trusted proxy, two users on different X-Forwarded-For addresses do not share a lock")
    void behindTrustedProxy_usersDoNotShareALock() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "bob");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 20; i++) attempt(from(ATTACKER), req, "user" + i, "wrong-password");
        assertThat(attempt(from(ATTACKER), req, "bob", PASSWORD).status()).as("the attacker's source is spent").isEqualTo(429);
        AuthRequest bobs = authRequest(t, c);
        codeOf(attempt(from(VICTIM), bobs, "bob", PASSWORD), bobs);
    }

    @Test
    @DisplayName("CONTRACT §4: a pair's wait doubles after it ends (60 s, then 120 s) and the right password then works")
    void pairWait_doubles() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(from(ATTACKER), req, "alice", "guess-" + i);
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(attempt(from(ATTACKER), req, "alice", "guess-6").status()).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(attempt(from(ATTACKER), req, "alice", PASSWORD).status()).as("still within 120 s").isEqualTo(429);
        server.clock.advance(Duration.ofSeconds(60));
        AuthRequest fresh = authRequest(t, c);
        codeOf(attempt(from(ATTACKER), fresh, "alice", PASSWORD), fresh);
    }

    @Test
    @DisplayName("Issue 9 item 7: repeated throttled attempts from one source are one row, then one row with their count")
    void throttledAttempts_areAggregatedPerSource() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(from(ATTACKER), req, "alice", "guess-" + i);
        for (int i = 1; i <= 8; i++) assertThat(attempt(from(ATTACKER), req, "alice", "again-" + i).status()).isEqualTo(429);
        server.tessera.audit().flush();
        assertThat(events(t, "signin.throttled")).singleElement()
                .satisfies(e -> assertThat(details(e)).containsEntry("source", ATTACKER).containsEntry("key", "pair"));
        server.clock.advance(Duration.ofSeconds(61));
        server.tessera.audit().flush();
        List<Map<String, Object>> rows = events(t, "signin.throttled");
        assertThat(rows).hasSize(2);
        assertThat(details(rows.get(1))).containsEntry("source", ATTACKER).containsEntry("count", "7");
    }

    @Test
    @DisplayName("Issue 9 item 8: failed sign-ins are audited with the user id, or a keyed hash for unknown names, never the typed text")
    void failedSignIn_carriesSubjectOrHash_neverTheTypedName() {
        String t = freshTenant("persource");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        AuthRequest req = authRequest(t, c);
        attempt(from(VICTIM), req, "alice", "wrong-1");
        attempt(from(VICTIM), req, "Typed-Password-As-Name-42", "wrong-2");
        attempt(from(VICTIM), req, "Typed-Password-As-Name-42", "wrong-3");
        List<Map<String, Object>> failed = events(t, "signin.failed");
        assertThat(failed).hasSize(3);
        assertThat(failed.get(0)).containsEntry("subject", alice.value());
        assertThat(details(failed.get(0))).doesNotContainKey("usernameHash");
        assertThat(failed.get(1).get("subject")).isNull();
        assertThat((String) details(failed.get(1)).get("usernameHash")).isNotBlank()
                .isEqualTo(details(failed.get(2)).get("usernameHash"));
        assertThat(events(t).toString()).doesNotContain("Typed-Password-As-Name-42").doesNotContainIgnoringCase("typed-password");
    }

    /** With no trusted proxy, the same header is the client's own claim and is ignored. */
    @Nested
    @Tag("contract")
    class FromAnUntrustedPeer extends FlowSpecTest {
        @Test
        @DisplayName("CONTRACT §8.2: X-Forwarded-For from an untrusted peer is ignored: the pair is the peer's and stays throttled")
        void forwardedFor_isIgnored() {
            String t = freshTenant("persource");
            RegisteredClient c = publicClient(t);
            user(t, "alice");
            AuthRequest req = authRequest(t, c);
            for (int i = 1; i <= 5; i++) attempt(browser().header("X-Forwarded-For", ATTACKER), req, "alice", "guess-" + i);
            Browser.Page page = attempt(browser().header("X-Forwarded-For", VICTIM), req, "alice", PASSWORD);
            assertThat(page.status()).isEqualTo(429);
            assertThat(page.location()).isNull();
        }
    }
}
