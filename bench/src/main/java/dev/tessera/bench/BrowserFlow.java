package dev.tessera.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The authorization code flow with PKCE as a browser plus a public client would run it, on the JDK
 * HttpClient: GET /authorize (sign-in form), POST /login (302 with the code), POST /token. Requests
 * always go to {@code --url}; the redirect URI only has to match what the client registered.
 * Thread-safe: every call uses its own {@link CookieJar}.
 */
final class BrowserFlow {
    /** The step durations of one flow, in nanoseconds (0 for a step that was not needed). */
    record Timings(long authorizeNanos, long loginNanos, long tokenNanos) {
    }

    /** What the token endpoint returned. */
    record Tokens(String accessToken, String refreshToken, Timings timings) {
    }

    /** The server answered, but not as the flow expects (wrong status, missing field, error redirect). */
    static final class FlowException extends IOException {
        private final boolean wrongStatus;

        FlowException(String message, boolean wrongStatus) {
            super(message);
            this.wrongStatus = wrongStatus;
        }

        /** True if the status was not the expected one; false if the status was right but the content not. */
        boolean wrongStatus() {
            return wrongStatus;
        }
    }

    /** The cookies of one browser, by name (the flow's cookies all have the tenant's path). */
    static final class CookieJar {
        private final Map<String, String> cookies = new HashMap<>();

        String header() {
            StringJoiner j = new StringJoiner("; ");
            cookies.forEach((name, value) -> j.add(name + "=" + value));
            return j.toString();
        }

        void update(HttpResponse<?> response) {
            for (String c : response.headers().allValues("set-cookie")) {
                int semi = c.indexOf(';');
                String pair = semi < 0 ? c : c.substring(0, semi);
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }

        boolean has(String name) {
            return cookies.containsKey(name);
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String issuerPath;
    private final String clientId;
    private final String redirectUri;
    private final String scope;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param baseUrl where requests go ({@code --url}), @param tenant the tenant,
     * @param redirectUri the client's registered redirect URI (never requested)
     */
    BrowserFlow(HttpClient http, String baseUrl, String tenant, String clientId, String redirectUri, String scope) {
        this.http = http;
        this.issuerPath = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/t/" + tenant;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.scope = scope;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Runs the flow in the browser {@code jar}: signs in with the password if the server shows the
     * sign-in form (always so with a fresh jar), otherwise the session in the jar is enough.
     */
    Tokens run(CookieJar jar, String username, String password) throws IOException, InterruptedException {
        String verifier = randomToken(32);
        String state = randomToken(16);
        String query = "response_type=code&client_id=" + HttpRequests.form(clientId)
                + "&redirect_uri=" + HttpRequests.form(redirectUri)
                + "&scope=" + HttpRequests.form(scope).replace("+", "%20")
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256&state=" + state;

        long t0 = System.nanoTime();
        HttpResponse<String> authorize = send(jar, request("/authorize?" + query).GET());
        long t1 = System.nanoTime();
        long loginNanos = 0;
        HttpResponse<String> redirect = authorize;
        if (authorize.statusCode() == 200) {
            String form = "username=" + HttpRequests.form(username) + "&password=" + HttpRequests.form(password)
                    + "&request=" + HttpRequests.form(hiddenInput(authorize.body(), "request"))
                    + "&csrf=" + HttpRequests.form(hiddenInput(authorize.body(), "csrf"));
            redirect = send(jar, request("/login").header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            loginNanos = System.nanoTime() - t1;
            if (redirect.statusCode() != 302) {
                throw unexpected(redirect, redirect.statusCode() == 401 ? "sign-in refused (wrong password?)"
                        : redirect.statusCode() == 429 ? "sign-in throttled" : "expected 302");
            }
        } else if (authorize.statusCode() != 302) {
            throw unexpected(authorize, "expected the sign-in form (200) or a redirect (302)");
        }
        Map<String, String> params = redirectParameters(redirect);
        if (params.containsKey("error")) {
            throw new FlowException("authorization error " + params.get("error") + ": " + params.get("error_description"), false);
        }
        if (!state.equals(params.get("state")) || params.get("code") == null) {
            throw new FlowException("redirect without code or with the wrong state: " + params.keySet(), false);
        }

        long t2 = System.nanoTime();
        String form = "grant_type=authorization_code&client_id=" + HttpRequests.form(clientId)
                + "&code=" + HttpRequests.form(params.get("code"))
                + "&redirect_uri=" + HttpRequests.form(redirectUri)
                + "&code_verifier=" + verifier;
        HttpResponse<String> token = http.send(request("/token").header("Content-Type", FORM)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        long t3 = System.nanoTime();
        if (token.statusCode() != 200) {
            throw unexpected(token, "expected 200");
        }
        String accessToken = Json.string(token.body(), "access_token");
        if (accessToken == null) {
            throw new FlowException("token response without access_token: " + abbreviate(token.body()), false);
        }
        return new Tokens(accessToken, Json.string(token.body(), "refresh_token"),
                new Timings(t1 - t0, loginNanos, t3 - t2));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(issuerPath + path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(CookieJar jar, HttpRequest.Builder builder) throws IOException, InterruptedException {
        String cookies = jar.header();
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        jar.update(response);
        return response;
    }

    /** The query parameters of a 302 to the redirect URI. */
    private Map<String, String> redirectParameters(HttpResponse<String> redirect) throws FlowException {
        String location = redirect.headers().firstValue("location").orElse("");
        if (!location.startsWith(redirectUri + "?")) {
            throw new FlowException("redirect to an unexpected location: " + abbreviate(location), false);
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : location.substring(redirectUri.length() + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The value of {@code <input ... name="NAME" ... value="...">} in the page. */
    static String hiddenInput(String html, String name) throws FlowException {
        int at = html.indexOf("name=\"" + name + "\"");
        if (at < 0) {
            throw new FlowException("no input '" + name + "' in the sign-in page", false);
        }
        int open = html.lastIndexOf('<', at);
        int close = html.indexOf('>', at);
        String tag = html.substring(open, close < 0 ? html.length() : close);
        int v = tag.indexOf("value=\"");
        int end = v < 0 ? -1 : tag.indexOf('"', v + 7);
        if (end < 0) {
            throw new FlowException("input '" + name + "' without a value", false);
        }
        return tag.substring(v + 7, end).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** RFC 7636 section 4.2: S256. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FlowException unexpected(HttpResponse<String> response, String what) {
        boolean html = response.headers().firstValue("content-type").orElse("").startsWith("text/html");
        return new FlowException(response.request().method() + " " + response.uri().getPath() + " answered "
                + response.statusCode() + " (" + what + ")" + (html ? "" : ": " + abbreviate(response.body())), true);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
