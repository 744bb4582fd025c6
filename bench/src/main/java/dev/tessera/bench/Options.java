package dev.tessera.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command-line options ({@code --name value} or {@code --name=value}). */
final class Options {
    static final String USAGE = """
            Usage: java -jar tessera-bench.jar [--scenario NAME] [options]
                   java -jar tessera-bench.jar free-port
                   java -jar tessera-bench.jar wait-ready [--url URL] [--timeout S] [--pid PID]

            Scenarios: cc-jwt, cc-opaque, introspect, preload, get (plain GET --path, no setup),
                       forward-auth (warm cache), forward-auth-cold (every token new),
                       refresh, signin (both need a server started with --dev, or the equivalent)

              --url URL            server base URL (default http://127.0.0.1:8080)
              --scenario NAME      scenario to run (default cc-jwt)
              --concurrency N      connections, one request in flight each (default 32; signin: concurrent
                                   sign-ins, default 4)
              --threads N          selector threads of the load generator (default 1)
              --warmup S           warm-up seconds, not measured (default 5)
              --duration S         measured seconds (default 15; for preload a time limit, default 3600)
              --rate R             fixed target rate in requests/s instead of closed loop
              --tokens K           introspect, forward-auth: distinct opaque tokens to cycle through (default 1000)
              --count M            preload: tokens to issue (default 1000000); forward-auth-cold: tokens issued
                                   beforehand, each used once (default 200000)
              --tenant T           tenant to create and use (default bench; refresh, signin: demo, not created)
              --attackers N        signin-attack: attacker threads (default 16)
              --attack-tenant T    signin-attack: tenant whose sign-in is attacked (default demo, not created)
              --admin-id ID        admin client id (default env TESSERA_ADMIN_CLIENT_ID)
              --admin-secret S     admin client secret (default env TESSERA_ADMIN_CLIENT_SECRET)
              --path P             get: request path (default /)
              --chains K           refresh: refresh-token chains (code flows), at least --concurrency (default: that)
              --client-id ID       refresh, signin: public client (default demo-spa)
              --redirect-uri URI   refresh, signin: its redirect URI (default: {issuer}/callback-demo, the issuer
                                   read from discovery)
              --scope S            refresh, signin: scope requested (default "openid offline_access")
              --username U         refresh, signin: user to sign in (default demo)
              --password P         its password (default env TESSERA_BENCH_PASSWORD)
              --label L            name printed with the result (default: the scenario)
            """;

    String command = "run";
    String url = "http://127.0.0.1:8080";
    String scenario = "cc-jwt";
    Integer concurrency;
    int threads = 1;
    double warmupSeconds = 5;
    Double durationSeconds;
    double rate;
    int tokens = 1000;
    Long count;
    String tenant;
    /** {@code signin-attack}: the tenant whose sign-in form is attacked, and how many attacker threads. */
    String attackTenant = "demo";
    int attackers = 16;
    String adminId = System.getenv("TESSERA_ADMIN_CLIENT_ID");
    String adminSecret = System.getenv("TESSERA_ADMIN_CLIENT_SECRET");
    String path = "/";
    Integer chains;
    String clientId = "demo-spa";
    String redirectUri;
    String scope = "openid offline_access";
    String username = "demo";
    String password = System.getenv("TESSERA_BENCH_PASSWORD");
    String label;
    double timeoutSeconds = 60;
    long pid;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("help")) {
                value = "";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            o.set(name, value);
        }
        if (positional.size() > 1) {
            throw new IllegalArgumentException("unexpected arguments: " + positional);
        }
        if (!positional.isEmpty()) {
            o.command = positional.get(0);
        }
        return o;
    }

    private void set(String name, String value) {
        switch (name) {
            case "help" -> command = "help";
            case "url" -> url = value;
            case "scenario" -> scenario = value;
            case "concurrency", "connections" -> concurrency = positiveInt(name, value);
            case "threads" -> threads = positiveInt(name, value);
            case "warmup" -> warmupSeconds = seconds(name, value);
            case "duration" -> durationSeconds = seconds(name, value);
            case "rate" -> rate = Double.parseDouble(value);
            case "tokens" -> tokens = positiveInt(name, value);
            case "count" -> count = Long.parseLong(value);
            case "tenant" -> tenant = value;
            case "attack-tenant" -> attackTenant = value;
            case "attackers" -> attackers = Integer.parseInt(value);
            case "admin-id" -> adminId = value;
            case "admin-secret" -> adminSecret = value;
            case "path" -> path = value;
            case "chains" -> chains = positiveInt(name, value);
            case "client-id" -> clientId = value;
            case "redirect-uri" -> redirectUri = value;
            case "scope" -> scope = value;
            case "username" -> username = value;
            case "password" -> password = value;
            case "label" -> label = value;
            case "timeout" -> timeoutSeconds = seconds(name, value);
            case "pid" -> pid = Long.parseLong(value);
            default -> throw new IllegalArgumentException("unknown option --" + name);
        }
    }

    /** Scenarios that sign a user in through the browser flow (the dev-mode demo tenant by default). */
    boolean userScenario() {
        return scenario.equals("refresh") || scenario.equals("signin");
    }

    int concurrency() {
        return concurrency != null ? concurrency : scenario.equals("signin") ? 4 : 32;
    }

    String tenant() {
        return tenant != null ? tenant : userScenario() ? "demo" : "bench";
    }

    long count(long fallback) {
        return count != null ? count : fallback;
    }

    int chains() {
        return chains != null ? chains : concurrency();
    }

    double duration(double fallback) {
        return durationSeconds != null ? durationSeconds : fallback;
    }

    URI uri() {
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://host[:port]");
        }
        return u;
    }

    /** Host header value, e.g. {@code 127.0.0.1:8080}. */
    String hostHeader() {
        URI u = uri();
        return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }

    private static int positiveInt(String name, String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return v;
    }

    private static double seconds(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        double s = v.endsWith("ms") ? Double.parseDouble(v.substring(0, v.length() - 2)) / 1000
                : Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
        if (s < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return s;
    }
}
