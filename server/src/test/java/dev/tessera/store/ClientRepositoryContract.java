package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link ClientRepository}, on every database. */
abstract class ClientRepositoryContract extends StoreContract {
    private ClientRepository clients;

    @BeforeAll
    void repositories() {
        clients = new JdbcClientRepository(jdbc);
    }

    @Test
    @DisplayName("ClientRepository: insert then find returns every field, metadata and Tessera members included")
    void insertThenFind_roundTripsEveryField() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        assertThat(clients.insert(t, c)).isTrue();
        assertSameClient(clients.find(t, c.clientId()), c);
        Client found = clients.find(t, c.clientId()).orElseThrow();
        assertThat(found.accessTokenFormat()).isEqualTo("jwt");
        assertThat(found.consentRequired()).isTrue();
    }

    @Test
    @DisplayName("ClientRepository: a public client (no secret, no registration token) round-trips")
    void publicClient_roundTrips() {
        TenantId t = newTenant();
        Client c = StoreData.publicClient("spa", T0);
        assertThat(clients.insert(t, c)).isTrue();
        assertSameClient(clients.find(t, c.clientId()), c);
        assertThat(clients.find(t, c.clientId()).orElseThrow().isPublic()).isTrue();
    }

    @Test
    @DisplayName("ClientRepository: client ids are case-sensitive and may hold any VSCHAR")
    void clientIds_areExact() {
        TenantId t = newTenant();
        String odd = "Svc \"1\" ~!@#$%^&*()_+{}|:<>?`-=[]\\;',./";
        clients.insert(t, StoreData.confidentialClient(odd, "a", T0));
        assertThat(clients.find(t, new ClientId(odd))).isPresent();
        assertThat(clients.find(t, new ClientId(odd.toLowerCase()))).isEmpty();
        assertThat(clients.find(t, new ClientId(odd + " "))).isEmpty();
    }

    @Test
    @DisplayName("ClientRepository: find of an unknown client is empty")
    void findUnknown_isEmpty() {
        assertThat(clients.find(newTenant(), new ClientId("nope"))).isEmpty();
    }

    @Test
    @DisplayName("ClientRepository: insert returns false if the id is taken in the tenant and keeps the stored client")
    void insertDuplicate_returnsFalse() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        clients.insert(t, c);
        assertThat(clients.insert(t, StoreData.confidentialClient("svc-1", "b", T0.plusSeconds(9)))).isFalse();
        assertSameClient(clients.find(t, c.clientId()), c);
        assertThat(clients.count(t)).isEqualTo(1);
    }

    @Test
    @DisplayName("ClientRepository: update replaces secret hash, registration token hash, metadata and updatedAt")
    void update_replacesTheStoredClient() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        clients.insert(t, c);
        ClientMetadata m = new ClientMetadata();
        m.setName("Renamed");
        m.setRedirectionURI(URI.create("https://renamed.example/cb"));
        Client changed = new Client(c.clientId(), "new-secret-hash", null, m, c.createdAt(), T0.plusSeconds(600));

        assertThat(clients.update(t, changed)).isTrue();
        assertSameClient(clients.find(t, c.clientId()), changed);
    }

    @Test
    @DisplayName("ClientRepository: update of an unknown client returns false and creates nothing")
    void updateUnknown_returnsFalse() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        assertThat(clients.update(t, c)).isFalse();
        assertThat(clients.find(t, c.clientId())).isEmpty();
        assertThat(clients.count(t)).isZero();
    }

    @Test
    @DisplayName("ClientRepository: rotateRegistrationToken swaps only the registration token hash, once, from the expected one")
    void rotateRegistrationToken_swapsOnlyTheHash() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        clients.insert(t, c);

        assertThat(clients.rotateRegistrationToken(t, c.clientId(), "rat-hash-a", "rat-hash-2")).isTrue();
        assertSameClient(clients.find(t, c.clientId()), withTokenHash(c, "rat-hash-2"));
        assertThat(clients.rotateRegistrationToken(t, c.clientId(), "rat-hash-a", "rat-hash-3")).as("stale expected hash").isFalse();
        assertSameClient(clients.find(t, c.clientId()), withTokenHash(c, "rat-hash-2"));
        assertThat(clients.rotateRegistrationToken(t, c.clientId(), "rat-hash-2", "rat-hash-3")).isTrue();
        assertThat(clients.find(t, c.clientId()).orElseThrow().registrationTokenHash()).isEqualTo("rat-hash-3");
    }

    @Test
    @DisplayName("ClientRepository: rotateRegistrationToken of an unknown client, or one without a token (expected null), is false")
    void rotateRegistrationToken_unknownOrTokenless_isFalse() {
        TenantId t = newTenant();
        Client pub = StoreData.publicClient("spa", T0);
        clients.insert(t, pub);
        assertThat(clients.rotateRegistrationToken(t, new ClientId("nope"), "rat-hash-a", "x")).isFalse();
        assertThat(clients.rotateRegistrationToken(t, pub.clientId(), null, "x")).isFalse();
        assertSameClient(clients.find(t, pub.clientId()), pub);
        assertThat(clients.count(t)).isEqualTo(1);
    }

    @Test
    @DisplayName("ClientRepository: updateIfRegistrationToken replaces the client (token hash included) only from the expected hash")
    void updateIfRegistrationToken_isConditional() {
        TenantId t = newTenant();
        Client c = StoreData.confidentialClient("svc-1", "a", T0);
        clients.insert(t, c);
        ClientMetadata m = new ClientMetadata();
        m.setName("Renamed");
        Client changed = new Client(c.clientId(), "new-secret-hash", "rat-hash-2", m, c.createdAt(), T0.plusSeconds(600));

        assertThat(clients.updateIfRegistrationToken(t, changed, "rat-hash-wrong")).isFalse();
        assertSameClient(clients.find(t, c.clientId()), c);
        assertThat(clients.updateIfRegistrationToken(t, changed, null)).isFalse();
        assertSameClient(clients.find(t, c.clientId()), c);
        assertThat(clients.updateIfRegistrationToken(t, changed, "rat-hash-a")).isTrue();
        assertSameClient(clients.find(t, c.clientId()), changed);
        assertThat(clients.updateIfRegistrationToken(t, changed, "rat-hash-a")).as("the old hash is gone").isFalse();
        assertThat(clients.updateIfRegistrationToken(newTenant(), changed, "rat-hash-2")).as("unknown in that tenant").isFalse();
    }

    @Test
    @DisplayName("ClientRepository: delete returns true once, then false; only that client is gone")
    void delete_removesOnlyThatClient() {
        TenantId t = newTenant();
        Client gone = StoreData.confidentialClient("gone", "a", T0);
        Client kept = StoreData.confidentialClient("kept", "a", T0);
        clients.insert(t, gone);
        clients.insert(t, kept);

        assertThat(clients.delete(t, gone.clientId())).isTrue();
        assertThat(clients.find(t, gone.clientId())).isEmpty();
        assertThat(clients.delete(t, gone.clientId())).isFalse();
        assertSameClient(clients.find(t, kept.clientId()), kept);
    }

    @Test
    @DisplayName("ClientRepository: count counts the tenant's clients")
    void count_countsTheTenantsClients() {
        TenantId t = newTenant();
        assertThat(clients.count(t)).isZero();
        for (String id : List.of("a", "b", "c")) clients.insert(t, StoreData.confidentialClient(id, "a", T0));
        assertThat(clients.count(t)).isEqualTo(3);
        clients.delete(t, new ClientId("b"));
        assertThat(clients.count(t)).isEqualTo(2);
    }

    private static Client withTokenHash(Client c, String registrationTokenHash) {
        return new Client(c.clientId(), c.secretHash(), registrationTokenHash, c.metadata(), c.createdAt(), c.updatedAt());
    }

    /** Nimbus's ClientMetadata has no value equality: compare its JSON. */
    static void assertSameClient(Optional<Client> actual, Client expected) {
        assertThat(actual).isPresent();
        Client a = actual.get();
        assertThat(a.clientId()).isEqualTo(expected.clientId());
        assertThat(a.secretHash()).isEqualTo(expected.secretHash());
        assertThat(a.registrationTokenHash()).isEqualTo(expected.registrationTokenHash());
        assertThat(a.metadata().toJSONObject()).isEqualTo(expected.metadata().toJSONObject());
        assertThat(a.createdAt()).isEqualTo(expected.createdAt());
        assertThat(a.updatedAt()).isEqualTo(expected.updatedAt());
    }
}
