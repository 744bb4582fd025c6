package dev.tessera.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Scenario wiring: setup through {@link SetupClient}, then a load run with a request factory. */
final class Scenarios {
    private static final String CC_FORM = "grant_type=client_credentials&scope=read";

    private final Options options;
    private final PrintStream out;
    private String unit = "requests";
    private String driver;
    private final List<String> notes = new ArrayList<>();
    private double serverCpuMs = -1;

    Scenarios(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    LoadResult run() throws IOException, InterruptedException {
        return switch (options.scenario) {
            case "get" -> timed(RequestFactory.constant(HttpRequests.get(options.hostHeader(), options.path)),
                    ResponseCheck.SUCCESS);
            case "cc-jwt" -> clientCredentials("jwt");
            case "cc-opaque" -> clientCredentials("opaque");
            case "introspect" -> introspect();
            case "forward-auth" -> forwardAuthWarm();
            case "forward-auth-cold" -> forwardAuthCold();
            case "preload" -> preload();
            case "refresh" -> refresh();
            case "signin" -> signIn();
            case "signin-attack" -> signInAttack();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario);
        };
    }

    private LoadResult clientCredentials(String format) throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient(format);
        return withServerCost(RequestFactory.constant(tokenRequest(client)), ResponseCheck.SUCCESS, "POST",
                "/t/{tenant}/token");
    }

    private LoadResult introspect() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        long t0 = System.nanoTime();
        List<String> tokens = new SetupClient(options.url).issueTokens(client, options.tenant(), options.tokens);
        out.printf(Locale.ROOT, "setup: issued %d opaque tokens in %.1f s%n", tokens.size(), (System.nanoTime() - t0) / 1e9);
        byte[][] requests = new byte[tokens.size()][];
        String path = "/t/" + options.tenant() + "/introspect";
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequests.postForm(options.hostHeader(), path, client.basic(),
                    "token=" + HttpRequests.form(tokens.get(i)));
        }
        ResponseCheck active = ResponseCheck.bodyContains(8192, "\"active\":true", "\"active\": true");
        return withServerCost(RequestFactory.roundRobin(requests), active, "POST", "/t/{tenant}/introspect");
    }

    /** Forward-auth with a fixed set of {@code --tokens} opaque tokens: after the warm-up, all cached. */
    private LoadResult forwardAuthWarm() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        long t0 = System.nanoTime();
        List<String> tokens = new SetupClient(options.url).issueTokens(client, options.tenant(), options.tokens);
        out.printf(Locale.ROOT, "setup: issued %d opaque tokens in %.1f s%n", tokens.size(), (System.nanoTime() - t0) / 1e9);
        return withServerCost(ForwardAuthLoad.warm(options.hostHeader(), forwardAuthPath(), tokens), ResponseCheck.SUCCESS,
                "GET", "/t/{tenant}/forward-auth");
    }

    /**
     * Forward-auth where every request brings a token it has not seen: its status is read from
     * storage and its JWT form signed. {@code --count} tokens are issued first (default 200,000).
     */
    private LoadResult forwardAuthCold() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        int count = (int) Math.min(Integer.MAX_VALUE - 8, options.count(200_000));
        ForwardAuthLoad.Harvest harvest = new ForwardAuthLoad.Harvest(count);
        LoadConfig issue = new LoadConfig(target(), options.concurrency(), options.threads, 0, nanos(3600), 0, count);
        byte[] tokenRequest = tokenRequest(client);
        long t0 = System.nanoTime();
        LoadGenerator.run(issue, connection -> harvest.forConnection(tokenRequest), ResponseCheck.SUCCESS);
        String[] tokens = harvest.tokens();
        out.printf(Locale.ROOT, "setup: issued %d opaque tokens in %.1f s%n", tokens.length, (System.nanoTime() - t0) / 1e9);
        ForwardAuthLoad.Cold cold = new ForwardAuthLoad.Cold(options.hostHeader(), forwardAuthPath(), tokens);
        LoadResult result = withServerCost(cold, ResponseCheck.SUCCESS, "GET", "/t/{tenant}/forward-auth");
        notes.add(String.format(Locale.ROOT, "tokens       %d used of %d issued; %d requests reused one (then warm: raise --count)",
                cold.used(), tokens.length, cold.reused()));
        return result;
    }

    /**
     * Runs load and notes the server's handler time and CPU per successful request of {@code method endpoint}
     * (the route pattern): robust on a busy machine, where requests per second swing with the neighbours.
     */
    private LoadResult withServerCost(RequestFactory factory, ResponseCheck check, String method, String endpoint)
            throws IOException, InterruptedException {
        LoadConfig config = loadConfig();
        ServerMetrics.Window window = metricsWindow(config);
        LoadResult result = LoadGenerator.run(config, factory, check);
        ServerMetrics.Snapshot[] m = window.await();
        if (m != null) {
            long n = m[0].count(m[1], method, endpoint, 200);
            double cpu = m[0].cpuNanos(m[1]);
            if (!Double.isNaN(cpu) && n > 0) serverCpuMs = cpu / 1e6 / n;
            notes.add(String.format(Locale.ROOT, "server       %.3f ms handler time per request (%s %s 200), %s CPU per request",
                    m[0].meanMillis(m[1], method, endpoint, 200), method, endpoint, cpuPer(m, n)));
        }
        return result;
    }

    /** The server's CPU time per request of the last measured run, in ms, or -1. */
    double serverCpuMs() {
        return serverCpuMs;
    }

    private String forwardAuthPath() {
        return "/t/" + options.tenant() + "/forward-auth";
    }

    private LoadResult preload() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        long count = options.count(1_000_000);
        out.printf("setup: issuing %d opaque tokens%n", count);
        LoadConfig config = new LoadConfig(target(), options.concurrency(), options.threads, 0,
                nanos(options.duration(3600)), options.rate, count);
        LoadResult result = LoadGenerator.run(config, RequestFactory.constant(tokenRequest(client)), ResponseCheck.SUCCESS);
        long issued = result.responses() - result.statusErrors() - result.checkErrors();
        out.printf(Locale.ROOT, "preload: %d tokens issued in %.1f s (%.0f tokens/s)%n",
                issued, result.seconds(), issued / result.seconds());
        return result;
    }

    /** What one counted operation is ("requests", "refreshes", "sign-ins"). */
    String unit() {
        return unit;
    }

    /** How the load was driven, when not by the NIO generator's connections; null otherwise. */
    String driver() {
        return driver;
    }

    /** Extra result lines (server cost per operation and the like). */
    List<String> notes() {
        return notes;
    }

    /**
     * Refresh-token rotation: signs in once, gets {@code --chains} refresh tokens (one code flow each,
     * the later ones in the same browser session), then every request refreshes the next token of one
     * of the connection's own chains. See {@link RefreshChains}.
     */
    private LoadResult refresh() throws IOException, InterruptedException {
        String password = password();
        int chains = options.chains();
        if (chains < options.concurrency()) {
            throw new IllegalArgumentException("--chains must be at least --concurrency (one chain per connection)");
        }
        HttpClient http = BrowserFlow.newHttpClient();
        BrowserFlow flow = browserFlow(http);
        long t0 = System.nanoTime();
        BrowserFlow.CookieJar browser = new BrowserFlow.CookieJar();
        List<String> tokens = new ArrayList<>(chains);
        for (int i = 0; i < chains; i++) {
            BrowserFlow.Tokens t = flow.run(browser, options.username, password);
            if (t.refreshToken() == null) {
                throw new IOException("no refresh token from the code flow: does client " + options.clientId
                        + " have the refresh_token grant type?");
            }
            tokens.add(t.refreshToken());
        }
        out.printf(Locale.ROOT, "setup: %d refresh tokens from %d code flows (one sign-in, the rest in its session) in %.1f s%n",
                chains, chains, (System.nanoTime() - t0) / 1e9);
        RefreshChains owners = new RefreshChains(options.hostHeader(), options.tenant(), options.clientId, tokens,
                options.concurrency());
        LoadConfig config = loadConfig();
        ServerMetrics.Window window = metricsWindow(config);
        LoadResult result = LoadGenerator.run(config, owners::forConnection,
                ResponseCheck.bodyContains(RefreshChains.CAPTURE_LIMIT, "\"refresh_token\""));
        unit = "refreshes";
        notes.add(String.format(Locale.ROOT, "chains       %d, %d lost (a failed refresh ends its chain)",
                owners.chains(), owners.lost()));
        ServerMetrics.Snapshot[] m = window.await();
        if (m != null) {
            String token = "/t/{tenant}/token";
            long n = m[0].count(m[1], "POST", token, 0);
            notes.add(String.format(Locale.ROOT, "server       %.3f ms handler time per refresh (POST /token 200), %s CPU per refresh",
                    m[0].meanMillis(m[1], "POST", token, 200), cpuPer(m, n)));
        }
        return result;
    }

    /** Complete sign-ins, each with a fresh browser: GET /authorize, POST /login, POST /token. */
    private LoadResult signIn() throws IOException, InterruptedException {
        if (options.rate > 0) {
            throw new IllegalArgumentException("signin runs closed loop only (no --rate)");
        }
        String password = password();
        HttpClient http = BrowserFlow.newHttpClient();
        BrowserFlow flow = browserFlow(http);
        long t0 = System.nanoTime();
        flow.run(new BrowserFlow.CookieJar(), options.username, password); // fails fast on a wrong password
        out.printf(Locale.ROOT, "setup: test sign-in took %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        LoadConfig config = loadConfig();
        ServerMetrics.Window window = metricsWindow(config);
        SignInLoad load = new SignInLoad(flow, options.username, password, config);
        LoadResult result = load.run();
        unit = "sign-ins";
        driver = options.concurrency() + " concurrent sign-ins (3 requests each, JDK HttpClient)";
        SignInLoad.Steps s = load.steps();
        notes.add(String.format(Locale.ROOT, "steps ms     authorize %.2f  login %.2f  token %.2f  (client-side means)",
                s.authorizeMillis(), s.loginMillis(), s.tokenMillis()));
        ServerMetrics.Snapshot[] m = window.await();
        if (m != null) {
            String issuer = "/t/{tenant}/";
            double authorize = m[0].meanMillis(m[1], "GET", issuer + "authorize", 200);
            double login = m[0].meanMillis(m[1], "POST", issuer + "login", 302);
            double token = m[0].meanMillis(m[1], "POST", issuer + "token", 200);
            long n = m[0].count(m[1], "POST", issuer + "login", 302);
            notes.add(String.format(Locale.ROOT, "server       %.2f ms handler time per sign-in (authorize %.2f, login %.2f,"
                    + " token %.2f), %s CPU per sign-in", authorize + login + token, authorize, login, token, cpuPer(m, n)));
        }
        if (load.firstError() != null) {
            notes.add("first error  " + load.firstError());
        }
        return result;
    }

    /**
     * Token endpoint latency (client credentials, opaque, at {@code --rate}) quiet, then while
     * {@code --attackers} threads post wrong passwords from rotating source addresses (issue 9 item 6;
     * the server must trust this host as a proxy: {@code TESSERA_TRUSTED_PROXIES=127.0.0.1}). The result
     * is the run under attack; the notes hold the quiet run and the p99 ratio (target: at most 2).
     */
    private LoadResult signInAttack() throws IOException, InterruptedException {
        if (options.rate <= 0) {
            throw new IllegalArgumentException("signin-attack measures the token endpoint at a fixed rate: --rate");
        }
        SetupClient.Credentials client = registerClient("opaque");
        RequestFactory tokens = RequestFactory.constant(tokenRequest(client));
        LoadResult quiet = LoadGenerator.run(loadConfig(), tokens, ResponseCheck.SUCCESS);
        String redirectUri = options.redirectUri != null ? options.redirectUri
                : new SetupClient(options.url).issuer(options.attackTenant) + "/callback-demo";
        LoadResult attacked;
        String attackers;
        try (SignInAttack attack = new SignInAttack(options.url, options.attackTenant, options.clientId, redirectUri,
                options.username, options.attackers)) {
            attack.start();
            ServerMetrics.Window window = metricsWindow(loadConfig());
            attacked = LoadGenerator.run(loadConfig(), tokens, ResponseCheck.SUCCESS);
            attackers = attack.summary(options.warmupSeconds + options.duration(15));
            ServerMetrics.Snapshot[] m = window.await();
            if (m != null) {
                String issuer = "/t/{tenant}/";
                notes.add(String.format(Locale.ROOT, "server       handler ms: token %.2f, authorize %.2f, login %.2f (200) %.2f (503);"
                        + " CPU %s per token request", m[0].meanMillis(m[1], "POST", issuer + "token", 200),
                        m[0].meanMillis(m[1], "GET", issuer + "authorize", 200), m[0].meanMillis(m[1], "POST", issuer + "login", 200),
                        m[0].meanMillis(m[1], "POST", issuer + "login", 503),
                        cpuPer(m, m[0].count(m[1], "POST", issuer + "token", 200))));
            }
        }
        double quietP99 = quiet.histogram().percentile(99) / 1000.0;
        double attackP99 = attacked.histogram().percentile(99) / 1000.0;
        notes.add(attackers);
        notes.add(String.format(Locale.ROOT, "quiet        token p99 %.2f ms, max %.2f ms, %d errors (same rate, no attackers)",
                quietP99, quiet.histogram().max() / 1000.0, quiet.errors()));
        notes.add(String.format(Locale.ROOT, "under attack token p99 %.2f ms, max %.2f ms: %.2f x quiet (target <= 2)",
                attackP99, attacked.histogram().max() / 1000.0, quietP99 > 0 ? attackP99 / quietP99 : Double.NaN));
        driver = "client credentials at " + (long) options.rate + "/s while " + options.attackers + " sign-in attackers run";
        return attacked;
    }

    private BrowserFlow browserFlow(HttpClient http) throws IOException, InterruptedException {
        String redirectUri = options.redirectUri;
        if (redirectUri == null) {
            redirectUri = new SetupClient(options.url).issuer(options.tenant()) + "/callback-demo";
        }
        out.printf("setup: tenant %s, client %s, redirect URI %s, user %s%n", options.tenant(), options.clientId,
                redirectUri, options.username);
        return new BrowserFlow(http, options.url, options.tenant(), options.clientId, redirectUri, options.scope);
    }

    private String password() {
        if (options.password == null) {
            throw new IllegalArgumentException("the user's password is needed: --password or TESSERA_BENCH_PASSWORD"
                    + " (run.sh reads it from the dev-mode output)");
        }
        return options.password;
    }

    /** The server's /metrics over the measured window of a run configured now. */
    private ServerMetrics.Window metricsWindow(LoadConfig config) {
        long measure = System.nanoTime() + config.warmupNanos();
        return new ServerMetrics.Window(options.url, measure, measure + config.durationNanos());
    }

    private static String cpuPer(ServerMetrics.Snapshot[] m, long operations) {
        double cpu = m[0].cpuNanos(m[1]);
        return Double.isNaN(cpu) || operations == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f ms", cpu / 1e6 / operations);
    }

    private LoadConfig loadConfig() {
        return new LoadConfig(target(), options.concurrency(), options.threads,
                nanos(options.warmupSeconds), nanos(options.duration(15)), options.rate, 0);
    }

    private LoadResult timed(RequestFactory factory, ResponseCheck check) throws IOException, InterruptedException {
        return LoadGenerator.run(loadConfig(), factory, check);
    }

    private SetupClient.Credentials registerClient(String format) throws IOException, InterruptedException {
        if (options.adminId == null || options.adminSecret == null) {
            throw new IllegalArgumentException(
                    "admin credentials needed: --admin-id/--admin-secret or TESSERA_ADMIN_CLIENT_ID/_SECRET");
        }
        SetupClient setup = new SetupClient(options.url);
        String admin = setup.adminToken(options.adminId, options.adminSecret);
        setup.createTenant(admin, options.tenant());
        SetupClient.Credentials client = setup.registerClient(admin, options.tenant(), format);
        out.printf("setup: tenant %s, %s client %s%n", options.tenant(), format, client.clientId());
        return client;
    }

    private byte[] tokenRequest(SetupClient.Credentials client) {
        return HttpRequests.postForm(options.hostHeader(), "/t/" + options.tenant() + "/token", client.basic(), CC_FORM);
    }

    private InetSocketAddress target() {
        URI u = options.uri();
        return new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 80 : u.getPort());
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
