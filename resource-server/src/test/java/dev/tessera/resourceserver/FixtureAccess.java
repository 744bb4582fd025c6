package dev.tessera.resourceserver;

/** {@link Fixture} for tests in other packages. */
public final class FixtureAccess implements AutoCloseable {
    private final Fixture f = new Fixture();

    public ResourceServer ordersApi() {
        return f.ordersApi().build();
    }

    public String acmeToken() {
        return f.acmeToken().sign();
    }

    @Override
    public void close() {
        f.close();
    }
}
