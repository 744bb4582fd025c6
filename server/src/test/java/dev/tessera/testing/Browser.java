package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for black-box tests of the HTML pages: a cookie jar (path-scoped, Max-Age=0
 * deletes), no redirect following, and extraction of forms (action, hidden fields, submit buttons)
 * from the rendered HTML. No JavaScript, like a browser with scripting off.
 */
public final class Browser {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** The attributes of a start tag; quoted values may hold '>'. */
    private static final String TAG_ATTRS = "((?:[^>\"']|\"[^\"]*\"|'[^']*')*)";
    private static final Pattern FORM = Pattern.compile("<form\\b" + TAG_ATTRS + ">(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b" + TAG_ATTRS + ">", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUTTON = Pattern.compile("<button\\b" + TAG_ATTRS + ">(.*?)</button>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");

    /** A stored cookie. */
    public record Cookie(String name, String value, String path, String attributes) {}

    private final String baseUrl;
    private final Map<String, Cookie> jar = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** GET of a path (below the base URL) or an absolute URL. */
    public Page get(String pathOrUrl) {
        return send("GET", pathOrUrl, null);
    }

    /**
     * A top-level GET navigation started by another site (a link or redirect from the client app): as
     * browsers do, cookies marked SameSite=Strict are not sent.
     */
    public Page getFromOtherSite(String pathOrUrl) {
        return send("GET", pathOrUrl, null, true);
    }

    /** POST of a form; name/value pairs, repeats allowed. */
    public Page post(String pathOrUrl, String... nameValues) {
        return send("POST", pathOrUrl, Http.form(nameValues));
    }

    public Page postRaw(String pathOrUrl, String formBody) {
        return send("POST", pathOrUrl, formBody);
    }

    /** A header sent with every later request (as a proxy in front of the server would add it). */
    public Browser header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Cookie cookie(String name) {
        return jar.get(name);
    }

    public void dropCookie(String name) {
        jar.remove(name);
    }

    public void setCookie(String name, String value, String path) {
        jar.put(name, new Cookie(name, value, path, ""));
    }

    private Page send(String method, String pathOrUrl, String formBody) {
        return send(method, pathOrUrl, formBody, false);
    }

    private Page send(String method, String pathOrUrl, String formBody, boolean crossSite) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        String cookies = cookieHeader(uri.getRawPath(), crossSite);
        if (!cookies.isEmpty()) b.header("Cookie", cookies);
        headers.forEach(b::header);
        if (formBody != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(formBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String sc : r.headers().allValues("Set-Cookie")) store(sc);
            return new Page(r);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String cookieHeader(String path, boolean crossSite) {
        List<String> out = new ArrayList<>();
        for (Cookie c : jar.values()) {
            if (crossSite && c.attributes().toLowerCase(java.util.Locale.ROOT).contains("samesite=strict")) continue;
            if (path.startsWith(c.path()) || (path + "/").equals(c.path())) out.add(c.name() + "=" + c.value());
        }
        return String.join("; ", out);
    }

    private void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = "/";
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.regionMatches(true, 0, "Path=", 0, 5)) path = p.substring(5);
            if (p.equalsIgnoreCase("Max-Age=0")) expired = true;
        }
        if (expired || value.isEmpty()) jar.remove(name);
        else jar.put(name, new Cookie(name, value, path, setCookie));
    }

    /** A response as the browser sees it. */
    public final class Page {
        public final HttpResponse<String> raw;

        Page(HttpResponse<String> raw) {
            this.raw = raw;
        }

        public int status() { return raw.statusCode(); }

        public String body() { return raw.body(); }

        public String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        public List<String> headers(String name) { return raw.headers().allValues(name); }

        public String location() { return header("Location"); }

        public Page expectStatus(int status) {
            assertThat(status()).as("status of %s %s: %s", raw.request().method(), raw.request().uri(), body()).isEqualTo(status);
            return this;
        }

        /** Asserts a 302 and returns the query parameters of its Location. */
        public Map<String, String> redirectParams() {
            expectStatus(302);
            return query(URI.create(location()).getRawQuery());
        }

        /** The only form of the page. */
        public Form form() {
            List<Form> all = forms();
            assertThat(all).as("forms of %s", body()).hasSize(1);
            return all.get(0);
        }

        public List<Form> forms() {
            List<Form> out = new ArrayList<>();
            Matcher m = FORM.matcher(body());
            while (m.find()) {
                Map<String, String> formAttrs = attrs(m.group(1));
                Map<String, String> fields = new LinkedHashMap<>();
                Map<String, String> inputTypes = new LinkedHashMap<>();
                Matcher in = INPUT.matcher(m.group(2));
                while (in.find()) {
                    Map<String, String> a = attrs(in.group(1));
                    if (a.get("name") == null) continue;
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                    inputTypes.put(a.get("name"), a.getOrDefault("type", "text"));
                }
                List<Button> buttons = new ArrayList<>();
                Matcher bt = BUTTON.matcher(m.group(2));
                while (bt.find()) {
                    Map<String, String> a = attrs(bt.group(1));
                    buttons.add(new Button(bt.group(2).replaceAll("<[^>]*>", "").trim(), a.get("name"), a.get("value")));
                }
                out.add(new Form(this, formAttrs.getOrDefault("method", "get"), formAttrs.get("action"), fields, inputTypes,
                        buttons, m.group(2)));
            }
            return out;
        }

        /** Text of the element with {@code role="alert"}, or null. */
        public String alert() {
            Matcher m = Pattern.compile("<(\\w+)[^>]*role=\"alert\"[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(body());
            return m.find() ? unescape(m.group(2).trim()) : null;
        }
    }

    /** A submit button: its label and the name/value it adds when clicked. */
    public record Button(String label, String name, String value) {}

    /** A form of a page, with its fields filled as rendered; set fields and submit. */
    public final class Form {
        private final Page page;
        public final String method;
        public final String action;
        public final Map<String, String> fields;
        public final Map<String, String> inputTypes;
        public final List<Button> buttons;
        public final String html;

        Form(Page page, String method, String action, Map<String, String> fields, Map<String, String> inputTypes,
             List<Button> buttons, String html) {
            this.page = page;
            this.method = method;
            this.action = action;
            this.fields = fields;
            this.inputTypes = inputTypes;
            this.buttons = buttons;
            this.html = html;
        }

        public Form set(String name, String value) {
            fields.put(name, value);
            return this;
        }

        public Form remove(String name) {
            fields.remove(name);
            return this;
        }

        /** Submits with the button labelled {@code label} (its name/value added), or without a button if null. */
        public Page submit(String label) {
            List<String> nv = new ArrayList<>();
            fields.forEach((k, v) -> {
                nv.add(k);
                nv.add(v);
            });
            if (label != null) {
                Button b = buttons.stream().filter(x -> x.label().equals(label)).findFirst()
                        .orElseThrow(() -> new AssertionError("no button " + label + " in " + html));
                if (b.name() != null) {
                    nv.add(b.name());
                    nv.add(b.value() == null ? "" : b.value());
                }
            }
            URI target = page.raw.request().uri().resolve(action);
            return post(target.toString(), nv.toArray(String[]::new));
        }

        public Page submit() {
            return submit(null);
        }
    }

    static Map<String, String> attrs(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            out.put(m.group(1).toLowerCase(), v == null ? "" : unescape(v));
        }
        return out;
    }

    /** Decodes the HTML character references JTE emits. */
    public static String unescape(String s) {
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Decoded query parameters (first value of each). */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
