package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Brute-force protection and the audit trail of sign-in, all from one address: waits per (account,
 * address) pair and per address after repeated failures, lifted by time, with the same messages for
 * known and unknown accounts, and audit events that never hold the password. What other addresses
 * see meanwhile (no lockout of the account) is {@link Contract4SignInThrottlingPerSourceTest}.
 * Spec: CONTRACT §4; issue 3 items 3 and 7; issue 9 item 5; OWASP ASVS V2.2.1; NIST SP 800-63B §5.2.2.
 */
@Tag("contract")
class Contract4SignInThrottlingTest extends FlowSpecTest {

    private Browser.Page attempt(Browser b, AuthRequest req, String userName, String password) {
        Browser.Form f = b.get(req.path()).expectStatus(200).form();
        return f.set("username", userName).set("password", password).submit("Sign in");
    }

    @Test
    @DisplayName("CONTRACT §4: after 5 wrong passwords from one address, even the right password from there is refused (429)")
    void fiveFailures_throttleThatAccountFromThatAddress() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) {
            assertThat(attempt(b, req, "alice", "wrong-" + i).alert()).isEqualTo("Invalid username or password.");
        }
        Browser.Page locked = attempt(b, req, "alice", PASSWORD);
        assertThat(locked.location()).as("no code while locked").isNull();
        assertThat(locked.alert()).containsIgnoringCase("too many");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: the lock lifts with time (the clock moves 15 minutes) and the right password then works")
    void lock_liftsWithTime() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(b, req, "alice", "wrong-" + i);
        assertThat(attempt(b, req, "alice", PASSWORD).location()).isNull();
        server.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        AuthRequest fresh = authRequest(t, c);
        codeOf(attempt(b, fresh, "alice", PASSWORD), fresh);
    }

    @Test
    @DisplayName("CONTRACT §4: fewer than 5 failures do not lock, and a success resets the count")
    void successResetsTheCount() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 4; i++) attempt(browser(), req, "alice", "wrong-" + i);
        codeOf(attempt(browser(), req, "alice", PASSWORD), req);
        for (int i = 1; i <= 4; i++) attempt(browser(), req, "alice", "wrong-" + i);
        codeOf(attempt(browser(), req, "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: old failures are forgotten: 4 failures, an hour's pause, 4 more do not lock")
    void oldFailures_areForgotten() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 4; i++) attempt(browser(), req, "alice", "wrong-" + i);
        server.clock.advance(Duration.ofMinutes(61));
        for (int i = 1; i <= 4; i++) attempt(browser(), req, "alice", "wrong-" + i);
        codeOf(attempt(browser(), req, "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: failures after a lock lock again, for longer")
    void repeatedLocks_growLonger() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(browser(), req, "alice", "wrong-" + i);
        server.clock.advance(Duration.ofSeconds(61));
        attempt(browser(), req, "alice", "wrong-6");
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(attempt(browser(), req, "alice", PASSWORD).alert()).containsIgnoringCase("too many");
        server.clock.advance(Duration.ofSeconds(60));
        codeOf(attempt(browser(), req, "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: the wait is per account and address: another user signs in from the same address meanwhile")
    void lock_isPerAccount() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        user(t, "bob");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 5; i++) attempt(browser(), req, "alice", "wrong-" + i);
        codeOf(attempt(browser(), req, "bob", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: an unknown account is throttled the same way (no enumeration through the lock)")
    void unknownAccount_isThrottledAlike() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        Browser.Page known = null;
        Browser.Page unknown = null;
        for (int i = 1; i <= 6; i++) {
            known = attempt(browser(), req, "alice", "wrong-" + i);
            unknown = attempt(browser(), req, "nobody", "wrong-" + i);
            assertThat(unknown.status()).isEqualTo(known.status());
            assertThat(unknown.alert()).isEqualTo(known.alert());
        }
        assertThat(known.alert()).containsIgnoringCase("too many");
    }

    @Test
    @DisplayName("Issue 3 item 3: many failures from one address across accounts lock that address")
    void manyFailuresFromOneAddress_lockTheAddress() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "zoe");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 20; i++) attempt(browser(), req, "user" + i, "wrong-password");
        Browser.Page page = attempt(browser(), req, "zoe", PASSWORD);
        assertThat(page.location()).isNull();
        assertThat(page.alert()).containsIgnoringCase("too many");
    }

    @Test
    @DisplayName("Issue 3 item 7: signin.failed carries the reason and never the password")
    void failure_isAuditedWithoutPassword() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        attempt(browser(), req, "alice", "Secret-Guess-123");
        attempt(browser(), req, "nobody", "Other-Guess-456");
        List<Map<String, Object>> failed = events(t, "signin.failed");
        assertThat(failed).hasSize(2).allSatisfy(e -> {
            assertThat(e).containsEntry("outcome", "failure").containsEntry("clientId", c.clientId());
            assertThat(details(e)).containsKey("reason");
        });
        assertThat(failed).extracting(e -> details(e).get("reason")).containsExactlyInAnyOrder("wrong password", "unknown user");
        assertThat(events(t).toString()).doesNotContain("Secret-Guess-123").doesNotContain("Other-Guess-456");
    }

    @Test
    @DisplayName("Issue 3 item 7: signin.succeeded names the user and the session; signin.throttled is recorded when locked")
    void successAndThrottling_areAudited() {
        String t = freshTenant("throttle");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        AuthRequest req = authRequest(t, c);
        codeOf(attempt(browser(), req, "alice", PASSWORD), req);
        assertThat(events(t, "signin.succeeded")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("subject", alice.value()).containsEntry("outcome", "success");
            assertThat(details(e)).containsKey("sid");
        });
        for (int i = 1; i <= 5; i++) attempt(browser(), req, "alice", "wrong-" + i);
        attempt(browser(), req, "alice", PASSWORD);
        assertThat(events(t, "signin.throttled")).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("outcome", "failure"));
        assertThat(events(t).toString()).doesNotContain(PASSWORD);
    }
}
