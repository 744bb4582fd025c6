package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.tenant.TenantId;
import dev.tessera.user.User;
import dev.tessera.user.UserFilter;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository.ReplaceResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 8265 §3.4 in the user store: userNames are unique per tenant on their UsernameCaseMapped key
 * (V6_1 {@code user_name_key}), found by it at sign-in and by {@code userName eq}; rows without a key
 * (the previous release's) are still found and are keyed by {@link UserNameKeys} at start.
 */
abstract class UserNameKeyContract extends StoreContract {
    private JdbcUserRepository users() {
        return new JdbcUserRepository(jdbc);
    }

    private static UserFilter eq(String value) {
        return new UserFilter.Compare(UserFilter.Attribute.USER_NAME, UserFilter.Operator.EQ, value);
    }

    @Test
    @DisplayName("RFC 8265 §3.4: a confusable userName cannot be inserted or replaced into a tenant that has it; another tenant may")
    void uniquenessIsOnTheKey() {
        TenantId t = newTenant();
        JdbcUserRepository users = users();
        assertThat(users.insert(t, StoreData.user("u1", "demo", "a", 1, T0))).isTrue();
        assertThat(users.insert(t, StoreData.user("u2", "ｄｅｍｏ", "a", 1, T0))).isFalse();
        assertThat(users.insert(t, StoreData.user("u3", "ＤＥＭＯ", "a", 1, T0))).isFalse();
        assertThat(users.insert(newTenant(), StoreData.user("u2", "ｄｅｍｏ", "a", 1, T0))).isTrue();
        assertThat(users.insert(t, StoreData.user("u4", "other", "a", 1, T0))).isTrue();
        User renamed = StoreData.user("u4", "Ｄemo", "a", 2, T0);
        assertThat(users.replace(t, renamed, 1)).isEqualTo(ReplaceResult.USER_NAME_TAKEN);
        assertThat(users.find(t, new UserId("u4")).orElseThrow().userName()).isEqualTo("other");
        assertThat(rows("users", t)).isEqualTo(2);
    }

    @Test
    @DisplayName("RFC 8265 §3.4: findByUserName and filter userName eq use the key; the stored name is the one given")
    void lookupsUseTheKey() {
        TenantId t = newTenant();
        JdbcUserRepository users = users();
        users.insert(t, StoreData.user("u1", "ＺＯＥ", "a", 1, T0));
        assertThat(users.findByUserName(t, "zoe").orElseThrow().userName()).isEqualTo("ＺＯＥ");
        assertThat(users.findByUserName(t, "Ｚｏｅ")).isPresent();
        assertThat(users.findByUserName(t, "zoe ")).isEmpty();
        assertThat(users.findByUserName(t, "z".repeat(5_000))).isEmpty();
        assertThat(users.search(t, eq("zoe"), 1, 10).total()).isEqualTo(1);
        assertThat(users.search(t, eq("z".repeat(3_000)), 1, 10).total()).isZero();
        assertThat(users.search(t, new UserFilter.Not(eq("ZOE")), 1, 10).total()).isZero();
    }

    @Test
    @DisplayName("V6_1: a row without a key is found by its lower-cased name, and the start-up re-key gives it its key")
    void rowsWithoutKey_areFoundAndKeyed() {
        TenantId t = newTenant();
        JdbcUserRepository users = users();
        users.insert(t, StoreData.user("u1", "ＬＥＧＡＣＹ", "a", 1, T0));
        users.insert(t, StoreData.user("u2", "plain", "a", 1, T0));
        jdbc.update("UPDATE users SET user_name_key = NULL WHERE tenant_id = ?", t.value());
        assertThat(users.findByUserName(t, "ＬＥＧＡＣＹ")).isPresent();          // by user_name_lower
        assertThat(users.findByUserName(t, "legacy")).isEmpty();                 // not yet by key
        assertThat(users.search(t, eq("plain"), 1, 10).total()).isEqualTo(1);
        assertThat(UserNameKeys.rekey(jdbc)).isGreaterThanOrEqualTo(2);
        assertThat(users.findByUserName(t, "legacy").orElseThrow().id()).isEqualTo(new UserId("u1"));
        assertThat(jdbc.queryOne("SELECT user_name_key FROM users WHERE tenant_id = ? AND id = ?", rs -> rs.getString(1),
                t.value(), "u1")).hasValue("legacy");
        assertThat(UserNameKeys.rekey(jdbc)).isZero();
    }

    @Test
    @DisplayName("V6_1: two old rows whose names share a key both stay; the second keeps its old key")
    void confusableOldRows_bothStay() {
        TenantId t = newTenant();
        JdbcUserRepository users = users();
        users.insert(t, StoreData.user("u1", "dup", "a", 1, T0));
        users.insert(t, StoreData.user("u2", "dup-2", "a", 1, T0));
        // as V6_1 leaves them: keyed by the lower-cased name, which differs for the fullwidth form
        jdbc.update("UPDATE users SET user_name = ?, user_name_lower = ?, user_name_key = ? WHERE tenant_id = ? AND id = ?",
                "ｄｕｐ", "ｄｕｐ", "ｄｕｐ", t.value(), "u2");
        UserNameKeys.rekey(jdbc);
        assertThat(rows("users", t)).isEqualTo(2);
        assertThat(users.findByUserName(t, "dup").orElseThrow().id()).isEqualTo(new UserId("u1"));
        assertThat(jdbc.queryOne("SELECT user_name_key FROM users WHERE tenant_id = ? AND id = ?", rs -> rs.getString(1),
                t.value(), "u2")).hasValue("ｄｕｐ");
    }
}
