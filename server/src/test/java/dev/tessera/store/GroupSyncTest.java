package dev.tessera.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The durability barrier of the embedded store (issue 9, item 2). */
class GroupSyncTest {

    @Test
    @DisplayName("A committed row is in the H2 file only after the sync: a copy taken before lacks it, one taken after has it")
    void checkpointSync_putsCommitsIntoTheFile() throws Exception {
        Path dir = Files.createTempDirectory("tessera-sync");
        try (Database db = Database.embedded(dir)) {
            assertThat(db.groupSync().enabled()).isTrue();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("SET WRITE_DELAY 600000");   // H2's own writer stays out of the way of this test
                st.execute("CREATE TABLE IF NOT EXISTS sync_probe (v INT)");
            }
            db.jdbc().withoutSync().update("INSERT INTO sync_probe VALUES (1)");
            assertThat(rowsInCopy(dir, "before")).as("an unsynced commit is not in the file (H2 defers it)").isEqualTo(-1);
            db.jdbc().update("INSERT INTO sync_probe VALUES (2)");     // returns once durable
            assertThat(rowsInCopy(dir, "after")).as("both commits are in the file after the sync").isEqualTo(2);
        }
    }

    /** What a process killed now would find: a copy of the file as the OS has it, opened on its own. */
    private static int rowsInCopy(Path dir, String name) throws Exception {
        Path copy = Files.createTempDirectory("tessera-sync-copy").resolve("copy.mv.db");
        Files.copy(dir.resolve("tessera.mv.db"), copy);
        String url = "jdbc:h2:file:" + copy.toString().replace(".mv.db", "") + ";ACCESS_MODE_DATA=r";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sync_probe")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) return -1;
            throw e;
        }
    }

    @Test
    @DisplayName("Concurrent writers share syncs: 32 callers during a slow sync cost at most two more")
    void concurrentCallers_shareOneSync() throws Exception {
        CountDownLatch firstSyncRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forced = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (forced.incrementAndGet() == 1) {
                firstSyncRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread first = new Thread(sync::awaitDurable);
        first.start();
        firstSyncRunning.await();
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Thread t = new Thread(sync::awaitDurable);
            t.start();
            others.add(t);
        }
        while (others.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) Thread.onSpinWait();
        release.countDown();
        first.join();
        for (Thread t : others) t.join();
        assertThat(forced.get()).as("syncs for 33 callers").isEqualTo(2);
    }

    @Test
    @DisplayName("Issue 9 item 2: the writes of one request share one sync, run before its answer; a failed sync fails the answer")
    void writesOfOneAnswer_shareOneSyncBeforeIt() {
        AtomicInteger calls = new AtomicInteger();
        GroupSync sync = new GroupSync(calls::incrementAndGet);
        var answer = dev.tessera.protocol.AnswerBarrier.open();
        try {
            sync.awaitDurable();
            sync.awaitDurable();
            sync.awaitDurable();
            assertThat(calls.get()).as("deferred to the answer").isZero();
        } finally {
            dev.tessera.protocol.AnswerBarrier.clear();
        }
        sync.awaitDurable();                       // the barrier is closed: this thread waits at once again
        assertThat(calls.get()).isEqualTo(1);
        answer.await();
        assertThat(calls.get()).as("one sync for the three writes").isEqualTo(2);

        GroupSync failing = new GroupSync(() -> {
            throw new SQLException("disk full", "HY000");
        });
        var failed = dev.tessera.protocol.AnswerBarrier.open();
        failing.awaitDurable();
        dev.tessera.protocol.AnswerBarrier.clear();
        assertThatThrownBy(failed::await).isInstanceOf(StoreException.class);
    }

    @Test
    @DisplayName("A failed sync fails the caller (it must not answer as if durable); the next caller syncs again")
    void failedSync_failsTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (calls.incrementAndGet() == 1) throw new SQLException("disk full", "HY000");
        });
        assertThatThrownBy(sync::awaitDurable).isInstanceOf(StoreException.class);
        sync.awaitDurable();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("An H2 file database whose user cannot run CHECKPOINT SYNC stops the start, not every later write")
    void nonAdminH2User_isRefusedAtStart() throws Exception {
        Path dir = Files.createTempDirectory("tessera-sync-user");
        String url = "jdbc:h2:file:" + dir.resolve("db");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE USER writer PASSWORD 'pw'");
            st.execute("GRANT ALL ON SCHEMA PUBLIC TO writer");
        }
        assertThatThrownBy(() -> Database.open(url, "writer", "pw", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHECKPOINT SYNC");
    }

    @Test
    @DisplayName("PostgreSQL and in-memory H2 need no barrier")
    void noBarrier_forMemory() {
        try (Database db = Database.inMemory("sync-" + java.util.UUID.randomUUID())) {
            assertThat(db.groupSync().enabled()).isFalse();
        }
    }
}
