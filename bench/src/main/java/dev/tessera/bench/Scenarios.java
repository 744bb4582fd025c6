package dev.tessera.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Scenario wiring: setup through {@link SetupClient}, then a load run with a request factory. */
final class Scenarios {
    private static final String CC_FORM = "grant_type=client_credentials&scope=read";

    private final Options options;
    private final PrintStream out;

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
            case "preload" -> preload();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario);
        };
    }

    private LoadResult clientCredentials(String format) throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient(format);
        return timed(RequestFactory.constant(tokenRequest(client)), ResponseCheck.SUCCESS);
    }

    private LoadResult introspect() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        long t0 = System.nanoTime();
        List<String> tokens = new SetupClient(options.url).issueTokens(client, options.tenant, options.tokens);
        out.printf(Locale.ROOT, "setup: issued %d opaque tokens in %.1f s%n", tokens.size(), (System.nanoTime() - t0) / 1e9);
        byte[][] requests = new byte[tokens.size()][];
        String path = "/t/" + options.tenant + "/introspect";
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequests.postForm(options.hostHeader(), path, client.basic(),
                    "token=" + HttpRequests.form(tokens.get(i)));
        }
        ResponseCheck active = ResponseCheck.bodyContains(8192, "\"active\":true", "\"active\": true");
        return timed(RequestFactory.roundRobin(requests), active);
    }

    private LoadResult preload() throws IOException, InterruptedException {
        SetupClient.Credentials client = registerClient("opaque");
        out.printf("setup: issuing %d opaque tokens%n", options.count);
        LoadConfig config = new LoadConfig(target(), options.concurrency, options.threads, 0,
                nanos(options.duration(3600)), options.rate, options.count);
        LoadResult result = LoadGenerator.run(config, RequestFactory.constant(tokenRequest(client)), ResponseCheck.SUCCESS);
        long issued = result.responses() - result.statusErrors() - result.checkErrors();
        out.printf(Locale.ROOT, "preload: %d tokens issued in %.1f s (%.0f tokens/s)%n",
                issued, result.seconds(), issued / result.seconds());
        return result;
    }

    private LoadResult timed(RequestFactory factory, ResponseCheck check) throws IOException, InterruptedException {
        LoadConfig config = new LoadConfig(target(), options.concurrency, options.threads,
                nanos(options.warmupSeconds), nanos(options.duration(15)), options.rate, 0);
        return LoadGenerator.run(config, factory, check);
    }

    private SetupClient.Credentials registerClient(String format) throws IOException, InterruptedException {
        if (options.adminId == null || options.adminSecret == null) {
            throw new IllegalArgumentException(
                    "admin credentials needed: --admin-id/--admin-secret or TESSERA_ADMIN_CLIENT_ID/_SECRET");
        }
        SetupClient setup = new SetupClient(options.url);
        String admin = setup.adminToken(options.adminId, options.adminSecret);
        setup.createTenant(admin, options.tenant);
        SetupClient.Credentials client = setup.registerClient(admin, options.tenant, format);
        out.printf("setup: tenant %s, %s client %s%n", options.tenant, format, client.clientId());
        return client;
    }

    private byte[] tokenRequest(SetupClient.Credentials client) {
        return HttpRequests.postForm(options.hostHeader(), "/t/" + options.tenant + "/token", client.basic(), CC_FORM);
    }

    private InetSocketAddress target() {
        URI u = options.uri();
        return new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 80 : u.getPort());
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
