package dev.tessera.spec.authorize;

import dev.tessera.testing.Browser;

/** The per-address sign-in budget (20 failures lock an address), as a probe of which address the server believes. */
abstract class ForwardedForSpecTest extends FlowSpecTest {
    private Browser.Page attempt(Browser b, AuthRequest req, String userName, String password) {
        Browser.Form f = b.get(req.path()).expectStatus(200).form();
        return f.set("username", userName).set("password", password).submit("Sign in");
    }

    /** 20 failures (over 20 accounts, so no account lock) sent with {@code X-Forwarded-For: spent}, then the right password with {@code other}. */
    protected Browser.Page afterTwentyFailures(String spent, String other) {
        String t = freshTenant("xff");
        RegisteredClient c = publicClient(t);
        user(t, "zoe");
        AuthRequest req = authRequest(t, c);
        for (int i = 1; i <= 20; i++) attempt(browser().header("X-Forwarded-For", spent), req, "user" + i, "wrong-password");
        return attempt(browser().header("X-Forwarded-For", other), req, "zoe", PASSWORD);
    }
}
