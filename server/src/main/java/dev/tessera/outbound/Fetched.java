package dev.tessera.outbound;

/** The outcome of one outbound fetch: the body of a 200, or why there is none (for logs, never for clients). */
public sealed interface Fetched {
    record Body(byte[] bytes) implements Fetched {
        public Body {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    record Failed(String reason) implements Fetched {}
}
