package dev.tessera.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit never strands a caller: every failure of a batch reaches the callers that wait for it. */
class GroupCommitTest {

    @Test
    @DisplayName("An Error thrown by the writer fails the batch's callers, and the writer goes on with the next batch")
    void error_failsTheCallers_andTheWriterLivesOn() throws Exception {
        try (GroupCommit<String> gc = new GroupCommit<>("test-writer", 16, 100, items -> {
            if (items.contains("bad")) throw new NoClassDefFoundError("dev/tessera/Gone");
        })) {
            CompletableFuture<Void> bad = gc.submit("bad");
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                    .hasRootCauseInstanceOf(NoClassDefFoundError.class);
            gc.submit("good").get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("A RuntimeException of the writer reaches write() as itself")
    void runtimeException_isRethrown() {
        try (GroupCommit<String> gc = new GroupCommit<>("test-writer", 16, 100, items -> {
            throw new StoreException("constraint", null);
        })) {
            assertThatThrownBy(() -> gc.write("x")).isInstanceOf(StoreException.class).hasMessage("constraint");
        }
    }

    @Test
    @DisplayName("Rows still queued when the writer stops are failed, not left waiting")
    void close_failsWhatIsQueued() throws Exception {
        java.util.concurrent.CountDownLatch inWriter = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        GroupCommit<String> gc = new GroupCommit<>("test-writer", 1, 100, items -> {
            inWriter.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> first = gc.submit("a");
        inWriter.await();
        CompletableFuture<Void> queued = gc.submit("b");
        Thread closer = new Thread(gc::close);
        closer.start();
        release.countDown();
        closer.join();
        first.get(30, TimeUnit.SECONDS);
        assertThat(queued).succeedsWithin(30, TimeUnit.SECONDS);   // written while draining, or failed: never stuck
        assertThat(gc.submit("late")).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
    }
}
