package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tessera.authorize.AuthorizationCode;
import dev.tessera.authorize.SignInFailureRepository.Failures;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.session.Session;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.TokenHash;
import dev.tessera.user.User;
import dev.tessera.user.UserFilter;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository.ReplaceResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant isolation of the sign-in side: users, sessions, refresh tokens, authorization codes, consents
 * and sign-in throttling, as {@link TenantIsolationContract} does for the rest. Both tenants hold the
 * same user ids and names, sids, token and code hashes, grant ids and client id (labelled with their
 * tenant where content can differ); every method is called for the acting tenant, and the bystander's
 * rows in every table are compared before and after. Each test runs in both directions.
 */
abstract class TenantIsolationUsersAndSessionsContract extends TenantIsolationBase {
    private static final UserId U1 = new UserId("u1");
    private static final UserId U2 = new UserId("u2");
    private static final UserId BYSTANDER_USER = new UserId("bystander-only");
    private static final ClientId SHARED_CLIENT = new ClientId("shared-client");

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: UserRepository find, findByUserName, insert, replace, delete and search see and change one tenant only")
    void userRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        users.insert(p.bystander(), StoreData.user("bystander-only", "carol", "b", 1, T0));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        String a = p.actor().value();
        String b = p.bystander().value();

        assertThat(users.find(p.actor(), U1).orElseThrow().passwordHash()).isEqualTo("pwd-hash-" + a);
        assertThat(users.find(p.actor(), BYSTANDER_USER)).isEmpty();
        assertThat(users.findByUserName(p.actor(), "ALICE").orElseThrow().passwordHash()).isEqualTo("pwd-hash-" + a);
        assertThat(users.findByUserName(p.actor(), "carol")).isEmpty();
        var all = users.search(p.actor(), new UserFilter.All(), 1, 100);
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.users()).extracting(User::id, User::passwordHash)
                .containsExactly(tuple(U1, "pwd-hash-" + a), tuple(U2, "pwd-hash-" + a));
        var second = users.search(p.actor(), new UserFilter.All(), 2, 1);
        assertThat(second.total()).isEqualTo(2);
        assertThat(second.users()).extracting(User::id).containsExactly(U2);
        assertThat(users.search(p.actor(), filter(UserFilter.Attribute.USER_NAME, "carol"), 1, 100).total()).isZero();
        assertThat(users.search(p.actor(), filter(UserFilter.Attribute.EMAIL, "bob@" + b + ".example"), 1, 100).total())
                .isZero();                                                            // the bystander's bob, same user id
        assertThat(users.search(p.actor(), filter(UserFilter.Attribute.EMAIL, "bob@" + a + ".example"), 1, 100).users())
                .extracting(User::id).containsExactly(U2);
        assertThat(users.replace(p.actor(), StoreData.user("bystander-only", "carol", a, 2, NOW), 1))
                .isEqualTo(ReplaceResult.NOT_FOUND);
        assertThat(users.delete(p.actor(), BYSTANDER_USER)).isFalse();
        assertThat(users.insert(p.actor(), StoreData.user("u3", "Alice", a, 1, NOW))).isFalse();       // taken in this tenant
        assertThat(users.insert(p.actor(), StoreData.user("bystander-only", "carol", a, 1, NOW))).isTrue();   // per tenant
        assertThat(users.replace(p.actor(), StoreData.user("u1", "alice", "changed", 2, NOW), 1))
                .isEqualTo(ReplaceResult.REPLACED);
        assertThat(users.replace(p.actor(), StoreData.user("u1", "alice", "again", 3, NOW), 1))
                .isEqualTo(ReplaceResult.VERSION_CONFLICT);                           // the bystander's u1 is still at version 1
        assertThat(users.replace(p.actor(), StoreData.user("u2", "ALICE", a, 2, NOW), 1))
                .isEqualTo(ReplaceResult.USER_NAME_TAKEN);
        assertThat(users.delete(p.actor(), U2)).isTrue();
        assertThat(users.search(p.actor(), new UserFilter.All(), 1, 100).users()).extracting(User::id)
                .containsExactly(U1, BYSTANDER_USER);

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(users.find(p.bystander(), U1).orElseThrow().version()).isEqualTo(1);
        assertThat(users.findByUserName(p.bystander(), "bob").orElseThrow().passwordHash()).isEqualTo("pwd-hash-" + b);
        assertThat(users.search(p.bystander(), filter(UserFilter.Attribute.EMAIL, "bob@" + b + ".example"), 1, 100).users())
                .extracting(User::id).containsExactly(U2);
        assertThat(users.search(p.bystander(), new UserFilter.All(), 1, 100).total()).isEqualTo(3);
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: SessionRepository reauthenticate gives one tenant's open session a new cookie hash and "
            + "auth_time, keeping its sid; ended or foreign sessions are left alone")
    void sessionReauthenticate(boolean reversed) {
        Pair p = seededPair(reversed);
        sessions.insert(p.bystander(), StoreData.session("bystander-only", "bystander-sid", "bystander-only", "b", T0));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        TokenHash renewed = new TokenHash("s1-renewed");

        assertThat(sessions.reauthenticate(p.actor(), "bystander-sid", renewed, NOW, "pwd", "acr-new", at(1860))).isFalse();
        assertThat(sessions.find(p.actor(), renewed)).isEmpty();
        assertThat(sessions.reauthenticate(p.actor(), "sid1", renewed, NOW, "otp", "acr-new", at(1860))).isTrue();
        assertThat(sessions.find(p.actor(), new TokenHash("s1"))).isEmpty();         // the old cookie finds nothing
        Session s = sessions.find(p.actor(), renewed).orElseThrow();
        assertThat(s).extracting(Session::sid, Session::authTime, Session::amr, Session::acr, Session::lastSeenAt,
                Session::idleExpiresAt, Session::createdAt, Session::expiresAt, Session::endedAt)
                .containsExactly("sid1", NOW, "otp", "acr-new", NOW, at(1860), T0, T0.plusSeconds(86_400), null);
        assertThat(sessions.end(p.actor(), "sid1", NOW)).isTrue();
        assertThat(sessions.reauthenticate(p.actor(), "sid1", new TokenHash("s1-again"), NOW, "pwd", null, at(1860))).isFalse();
        assertThat(sessions.find(p.actor(), new TokenHash("s1-again"))).isEmpty();   // an ended session stays ended

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(sessions.find(p.bystander(), new TokenHash("s1")).orElseThrow())
                .extracting(Session::sid, Session::authTime).containsExactly("sid1", T0.minusSeconds(5));
        assertThat(sessions.find(p.bystander(), renewed)).isEmpty();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: SessionRepository insert, find, findBySid, touch, end and endAllOf see and change one tenant only")
    void sessionRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        sessions.insert(p.bystander(), StoreData.session("bystander-only", "bystander-sid", "bystander-only", "b", T0));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        TokenHash s1 = new TokenHash("s1");
        TokenHash bystanderOnly = new TokenHash("bystander-only");

        assertThat(sessions.find(p.actor(), s1).orElseThrow().acr()).isEqualTo("acr-" + p.actor());
        assertThat(sessions.find(p.actor(), bystanderOnly)).isEmpty();
        assertThat(sessions.findBySid(p.actor(), "sid1").orElseThrow().acr()).isEqualTo("acr-" + p.actor());
        assertThat(sessions.findBySid(p.actor(), "bystander-sid")).isEmpty();
        sessions.touch(p.actor(), bystanderOnly, NOW, at(1860));
        assertThat(sessions.end(p.actor(), "bystander-sid", NOW)).isFalse();
        assertThat(sessions.endAllOf(p.actor(), BYSTANDER_USER, NOW)).isZero();
        sessions.touch(p.actor(), s1, NOW, at(1860));
        assertThat(sessions.find(p.actor(), s1).orElseThrow()).extracting(Session::lastSeenAt, Session::idleExpiresAt)
                .containsExactly(NOW, at(1860));
        assertThat(sessions.end(p.actor(), "sid1", NOW)).isTrue();
        assertThat(sessions.end(p.actor(), "sid1", NOW)).isFalse();
        sessions.insert(p.actor(), StoreData.session("actor-new", "actor-sid", "u1", p.actor().value(), NOW));
        assertThat(sessions.endAllOf(p.actor(), U1, NOW)).isEqualTo(2);   // s2 and actor-new; s1 already ended

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(sessions.findBySid(p.bystander(), "sid1").orElseThrow())
                .extracting(Session::lastSeenAt, Session::endedAt).containsExactly(T0, null);
        assertThat(sessions.find(p.bystander(), new TokenHash("actor-new"))).isEmpty();
        assertThat(sessions.endAllOf(p.bystander(), U1, NOW)).isEqualTo(2);   // s1 and s2
        assertThat(sessions.end(p.bystander(), "bystander-sid", NOW)).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: RefreshTokenRepository save, find, consume, revokeFamily, revokeSession, revokeUser and revoke see and change one tenant only")
    void refreshTokenRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        refreshTokens.save(p.bystander(),
                StoreData.refreshToken("bystander-only", "g1", "bystander-only", "bystander-sid", false, "b", T0));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        TokenHash r1 = new TokenHash("r1");
        TokenHash bystanderOnly = new TokenHash("bystander-only");

        assertThat(refreshTokens.find(p.actor(), r1).orElseThrow().resources())
                .containsExactly("https://api.example/" + p.actor());
        assertThat(refreshTokens.find(p.actor(), bystanderOnly)).isEmpty();
        refreshTokens.save(p.actor(), StoreData.refreshToken("actor-new", "g2", "u2", "sid3", false, p.actor().value(), NOW));
        assertThat(refreshTokens.consume(p.actor(), bystanderOnly, NOW)).isFalse();
        assertThat(refreshTokens.revoke(p.actor(), bystanderOnly, NOW)).isFalse();
        assertThat(refreshTokens.revokeSession(p.actor(), "bystander-sid", NOW)).isZero();
        assertThat(refreshTokens.revokeUser(p.actor(), BYSTANDER_USER, NOW)).isZero();
        assertThat(refreshTokens.consume(p.actor(), r1, NOW)).isTrue();
        assertThat(refreshTokens.consume(p.actor(), r1, NOW)).isFalse();
        assertThat(refreshTokens.find(p.actor(), r1).orElseThrow().lifetime().consumedAt()).isEqualTo(NOW);
        assertThat(refreshTokens.revoke(p.actor(), new TokenHash("r3"), NOW)).isTrue();
        assertThat(refreshTokens.revokeSession(p.actor(), "sid1", NOW)).isEqualTo(1);   // r1; r2 is offline
        assertThat(refreshTokens.revokeFamily(p.actor(), "g1", NOW)).isEqualTo(1);      // r2; r1 already revoked
        assertThat(refreshTokens.revokeUser(p.actor(), U2, NOW)).isEqualTo(1);          // actor-new; r3 already revoked

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(refreshTokens.find(p.bystander(), r1).orElseThrow().lifetime())
                .extracting(RefreshTokenRecord.Lifetime::consumedAt, RefreshTokenRecord.Lifetime::revokedAt)
                .containsExactly(null, null);
        assertThat(refreshTokens.find(p.bystander(), new TokenHash("actor-new"))).isEmpty();
        assertThat(refreshTokens.consume(p.bystander(), r1, NOW)).isTrue();
        assertThat(refreshTokens.revokeFamily(p.bystander(), "g1", NOW)).isEqualTo(3);   // r1, r2 and bystander-only
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: AuthorizationCodeRepository save, find and consume see and change one tenant only")
    void authorizationCodeRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        codes.save(p.bystander(), StoreData.authorizationCode("bystander-only", "g9", "u1", "sid1", "b", at(600)));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        TokenHash c1 = new TokenHash("c1");
        TokenHash bystanderOnly = new TokenHash("bystander-only");

        AuthorizationCode found = codes.find(p.actor(), c1).orElseThrow();
        assertThat(found.requested().nonce()).isEqualTo("nonce-" + p.actor());
        assertThat(found.redirect().redirectUri()).isEqualTo("https://" + p.actor() + ".example/cb");
        assertThat(codes.find(p.actor(), bystanderOnly)).isEmpty();
        assertThat(codes.consume(p.actor(), bystanderOnly, NOW)).isFalse();
        codes.save(p.actor(), StoreData.authorizationCode("bystander-only", "g9", "u1", "sid1", p.actor().value(), at(600)));
        assertThat(codes.find(p.actor(), bystanderOnly).orElseThrow().requested().nonce()).isEqualTo("nonce-" + p.actor());
        assertThat(codes.consume(p.actor(), c1, NOW)).isTrue();
        assertThat(codes.consume(p.actor(), c1, NOW)).isFalse();
        assertThat(codes.consume(p.actor(), bystanderOnly, NOW)).isTrue();            // hashes are per tenant
        assertThat(codes.find(p.actor(), c1).orElseThrow().consumedAt()).isEqualTo(NOW);

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(codes.find(p.bystander(), c1).orElseThrow().consumedAt()).isNull();
        assertThat(codes.consume(p.bystander(), c1, NOW)).isTrue();
        assertThat(codes.consume(p.bystander(), bystanderOnly, NOW)).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: ConsentRepository find, grant and revokeAll see and change one tenant only")
    void consentRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        ClientId bystanderClient = new ClientId("bystander-client");
        consents.grant(p.bystander(), U1, bystanderClient, Scope.parse("openid " + p.bystander()), T0);
        consents.grant(p.bystander(), BYSTANDER_USER, SHARED_CLIENT, Scope.parse("openid"), T0);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(consents.find(p.actor(), U1, SHARED_CLIENT)).contains(Scope.parse("openid profile " + p.actor()));
        assertThat(consents.find(p.actor(), U1, bystanderClient)).isEmpty();
        assertThat(consents.find(p.actor(), BYSTANDER_USER, SHARED_CLIENT)).isEmpty();
        consents.grant(p.actor(), U1, SHARED_CLIENT, Scope.parse("email"), NOW);
        assertThat(consents.find(p.actor(), U1, SHARED_CLIENT)).contains(Scope.parse("openid profile " + p.actor() + " email"));
        consents.grant(p.actor(), U1, bystanderClient, Scope.parse("email"), NOW);   // not merged with the bystander's
        assertThat(consents.find(p.actor(), U1, bystanderClient)).contains(Scope.parse("email"));
        consents.revokeAll(p.actor(), BYSTANDER_USER);
        consents.revokeAll(p.actor(), U1);
        assertThat(consents.find(p.actor(), U1, SHARED_CLIENT)).isEmpty();
        assertThat(consents.find(p.actor(), U1, bystanderClient)).isEmpty();
        assertThat(consents.find(p.actor(), U2, SHARED_CLIENT)).contains(Scope.parse("openid"));

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(consents.find(p.bystander(), U1, SHARED_CLIENT)).contains(Scope.parse("openid profile " + p.bystander()));
        assertThat(consents.find(p.bystander(), U1, bystanderClient)).contains(Scope.parse("openid " + p.bystander()));
        assertThat(consents.find(p.bystander(), BYSTANDER_USER, SHARED_CLIENT)).contains(Scope.parse("openid"));
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: SignInFailureRepository get, recordFailure and clear see and change one tenant only")
    void signInFailureRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        signInFailures.recordFailure(p.bystander(), "user:alice", T0, at(90));
        signInFailures.recordFailure(p.bystander(), "user:alice", T0, at(120));   // the bystander's alice: 3 failures
        signInFailures.recordFailure(p.bystander(), "bystander-only", T0, at(60));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(signInFailures.get(p.actor(), "user:alice")).isEqualTo(new Failures(1, at(60)));
        assertThat(signInFailures.get(p.actor(), "bystander-only")).isNull();
        assertThat(signInFailures.recordFailure(p.actor(), "user:alice", NOW, at(900))).isEqualTo(2);
        assertThat(signInFailures.get(p.actor(), "user:alice")).isEqualTo(new Failures(2, at(900)));
        assertThat(signInFailures.recordFailure(p.actor(), "bystander-only", NOW, at(900))).isEqualTo(1);
        signInFailures.clear(p.actor(), "bystander-only");
        signInFailures.clear(p.actor(), "ip:192.0.2.1");
        assertThat(signInFailures.get(p.actor(), "bystander-only")).isNull();
        assertThat(signInFailures.get(p.actor(), "ip:192.0.2.1")).isNull();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(signInFailures.get(p.bystander(), "user:alice")).isEqualTo(new Failures(3, at(120)));
        assertThat(signInFailures.get(p.bystander(), "ip:192.0.2.1")).isEqualTo(new Failures(2, at(30)));
        assertThat(signInFailures.recordFailure(p.bystander(), "bystander-only", NOW, at(900))).isEqualTo(2);
    }

    private static UserFilter filter(UserFilter.Attribute attribute, String value) {
        return new UserFilter.Compare(attribute, UserFilter.Operator.EQ, value);
    }
}
