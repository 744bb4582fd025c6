package dev.tessera.tokenhandler;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sealing and opening the cookies of one app at one instant. Spec: CONTRACT §6.2. */
public final class AppCookies {
    private final TenantId tenant;
    private final TokenHandlerDirectory.Entry entry;
    private final CookieLifetimes lifetimes;
    private final Instant now;

    public AppCookies(TenantId tenant, TokenHandlerDirectory.Entry entry, CookieLifetimes lifetimes, Instant now) {
        this.tenant = tenant;
        this.entry = entry;
        this.lifetimes = lifetimes;
        this.now = now;
    }

    public String name(CookieKind kind) {
        return entry.settings().cookies().name(kind);
    }

    /** A cookie holding {@code value}, sealed with the current key, living as long as its kind does. */
    public SetCookie seal(CookieKind kind, String value) {
        long seconds = lifetimes.of(kind).getSeconds();
        String name = name(kind);
        String sealed = CookieCipher.seal(entry.currentKey(), aad(name), value, now.plusSeconds(seconds));
        return new SetCookie(name, sealed, seconds, entry.settings().cookies(), entry.settings().secureCookies());
    }

    /** The value of a sealed cookie of this app, or empty if it cannot be opened (tampered, moved, expired, key dropped). */
    public Optional<String> open(CookieKind kind, String sealed) {
        return read(kind, sealed).usable();
    }

    /** As {@link #open}, telling an authentic but expired cookie from an unusable one. */
    public CookieCipher.Opened read(CookieKind kind, String sealed) {
        return CookieCipher.read(entry.keys(), aad(name(kind)), sealed, now);
    }

    public SetCookie clear(CookieKind kind) {
        return SetCookie.clear(name(kind), entry.settings().cookies(), entry.settings().secureCookies());
    }

    /** Clears every cookie of the app but the login cookie (a login may be in progress in another tab). */
    public List<SetCookie> clearSession() {
        List<SetCookie> out = new ArrayList<>();
        for (CookieKind k : List.of(CookieKind.ACCESS_TOKEN, CookieKind.REFRESH_TOKEN, CookieKind.ID_TOKEN, CookieKind.CSRF)) {
            out.add(clear(k));
        }
        return out;
    }

    private String aad(String cookieName) {
        return CookieCipher.associatedData(tenant, entry.app().id(), cookieName);
    }
}
