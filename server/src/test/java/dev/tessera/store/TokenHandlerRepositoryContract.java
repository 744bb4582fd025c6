package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import dev.tessera.tokenhandler.CookieSettings;
import dev.tessera.tokenhandler.TokenHandlerApp;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerKey;
import dev.tessera.tokenhandler.TokenHandlerRepository;
import dev.tessera.tokenhandler.TokenHandlerSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link TokenHandlerRepository}, on every database. */
abstract class TokenHandlerRepositoryContract extends StoreContract {
    private static final TokenHandlerAppId WEB = new TokenHandlerAppId("web");
    private TokenHandlerRepository apps;

    @BeforeAll
    void repositories() {
        apps = new JdbcTokenHandlerRepository(jdbc);
    }

    private static TokenHandlerKey current(String kid) {
        return StoreData.tokenHandlerKey(kid, "a", T0, null);
    }

    @Test
    @DisplayName("TokenHandlerRepository: insert then find returns every field; the optional members round-trip as absent")
    void insertThenFind_roundTripsEveryField() {
        TenantId t = newTenant();
        TokenHandlerApp full = StoreData.tokenHandlerApp("web", "spa-client", "th", "a", T0);
        TokenHandlerApp bare = StoreData.bareTokenHandlerApp("bare", "spa-client", "bare", T0);
        assertThat(apps.insert(t, full, current("k1"))).isTrue();
        assertThat(apps.insert(t, bare, current("k2"))).isTrue();
        assertThat(apps.find(t, WEB)).contains(full);
        assertThat(apps.find(t, bare.id())).contains(bare);
        assertThat(bare.settings().cookies().domain()).isNull();
        assertThat(bare.settings().cookies().path()).isEqualTo("/");
        assertThat(apps.keys(t, WEB)).containsExactly(current("k1"));
    }

    @Test
    @DisplayName("TokenHandlerRepository: list returns the tenant's apps ordered by id; find of an unknown app is empty")
    void list_isOrderedById() {
        TenantId t = newTenant();
        for (String id : List.of("zeta", "alpha", "mid")) {
            apps.insert(t, StoreData.tokenHandlerApp(id, "c", "p-" + id, id, T0), current("k-" + id));
        }
        assertThat(apps.list(t)).extracting(a -> a.id().value()).containsExactly("alpha", "mid", "zeta");
        assertThat(apps.find(t, new TokenHandlerAppId("nope"))).isEmpty();
        assertThat(apps.list(newTenant())).isEmpty();
    }

    @Test
    @DisplayName("TokenHandlerRepository: insert returns false for a taken id or a taken cookie prefix and keeps the stored app")
    void insertDuplicate_returnsFalse() {
        TenantId t = newTenant();
        TokenHandlerApp app = StoreData.tokenHandlerApp("web", "c", "th", "a", T0);
        apps.insert(t, app, current("k1"));
        assertThat(apps.insert(t, StoreData.tokenHandlerApp("web", "c", "other", "b", T0), current("k2"))).isFalse();
        assertThat(apps.insert(t, StoreData.tokenHandlerApp("admin", "c", "th", "b", T0), current("k3"))).isFalse();
        assertThat(apps.list(t)).containsExactly(app);
        assertThat(rows("token_handler_keys", t)).as("the refused inserts left no key behind").isEqualTo(1);
    }

    @Test
    @DisplayName("TokenHandlerRepository: update replaces every setting and updatedAt; false for an unknown app or a taken prefix")
    void update_replacesTheSettings() {
        TenantId t = newTenant();
        TokenHandlerApp app = StoreData.tokenHandlerApp("web", "c", "th", "a", T0);
        apps.insert(t, app, current("k1"));
        apps.insert(t, StoreData.tokenHandlerApp("admin", "c", "adm", "a", T0), current("k2"));
        TokenHandlerApp changed = new TokenHandlerApp(WEB, new TokenHandlerSettings(new ClientId("other"), List.of("https://b.example"),
                new CookieSettings("renamed", null, "/x"), "https://b.example/cb", null), app.createdAt(), at(600));
        assertThat(apps.update(t, changed)).isTrue();
        assertThat(apps.find(t, WEB)).contains(changed);
        assertThat(apps.update(t, StoreData.tokenHandlerApp("nope", "c", "n", "a", T0))).isFalse();
        assertThat(apps.find(t, new TokenHandlerAppId("nope"))).isEmpty();
        TokenHandlerApp clash = StoreData.tokenHandlerApp("web", "c", "adm", "a", at(700));
        assertThat(apps.update(t, clash)).isFalse();
        assertThat(apps.find(t, WEB)).contains(changed);
    }

    @Test
    @DisplayName("TokenHandlerRepository: delete removes the app and its keys, once; other apps stay")
    void delete_removesTheAppAndItsKeys() {
        TenantId t = newTenant();
        apps.insert(t, StoreData.tokenHandlerApp("web", "c", "th", "a", T0), current("k1"));
        apps.insert(t, StoreData.tokenHandlerApp("kept", "c", "kept", "a", T0), current("k2"));
        apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k3", "a", at(1), null), at(600), at(1));
        assertThat(apps.delete(t, WEB)).isTrue();
        assertThat(apps.find(t, WEB)).isEmpty();
        assertThat(apps.keys(t, WEB)).isEmpty();
        assertThat(apps.delete(t, WEB)).isFalse();
        assertThat(apps.keys(t, new TokenHandlerAppId("kept"))).extracting(TokenHandlerKey::kid).containsExactly("k2");
    }

    @Test
    @DisplayName("TokenHandlerRepository: rotateKey retires the current key until the given instant and stores the next as current, current first")
    void rotateKey_retiresTheCurrentKey() {
        TenantId t = newTenant();
        apps.insert(t, StoreData.tokenHandlerApp("web", "c", "th", "a", T0), current("k1"));
        assertThat(apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k2", "a", at(10), null), at(610), at(10))).isTrue();
        assertThat(apps.keys(t, WEB)).containsExactly(StoreData.tokenHandlerKey("k2", "a", at(10), null),
                StoreData.tokenHandlerKey("k1", "a", T0, at(610)));
        assertThat(apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k3", "a", at(20), null), at(620), at(20))).isTrue();
        assertThat(apps.keys(t, WEB)).extracting(TokenHandlerKey::kid).containsExactly("k3", "k2", "k1");
        assertThat(apps.keys(t, WEB).get(0).isCurrent()).isTrue();
    }

    @Test
    @DisplayName("TokenHandlerRepository: rotateKey drops keys expired at its instant and keeps the others")
    void rotateKey_dropsExpiredKeys() {
        TenantId t = newTenant();
        apps.insert(t, StoreData.tokenHandlerApp("web", "c", "th", "a", T0), current("k1"));
        apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k2", "a", at(10), null), at(610), at(10));
        apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k3", "a", at(500), null), at(1100), at(500));
        assertThat(apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k4", "a", at(610), null), at(1210), at(610))).isTrue();
        assertThat(apps.keys(t, WEB)).extracting(TokenHandlerKey::kid).containsExactly("k4", "k3", "k2");
    }

    @Test
    @DisplayName("TokenHandlerRepository: rotateKey without a current key (unknown app) returns false and changes nothing")
    void rotateKey_withoutCurrentKey_returnsFalse() {
        TenantId t = newTenant();
        assertThat(apps.rotateKey(t, WEB, StoreData.tokenHandlerKey("k1", "a", T0, null), at(600), T0)).isFalse();
        assertThat(apps.keys(t, WEB)).isEmpty();
        assertThat(rows("token_handler_keys", t)).isZero();
    }
}
