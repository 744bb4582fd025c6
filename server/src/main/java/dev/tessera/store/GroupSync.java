package dev.tessera.store;

import dev.tessera.protocol.AnswerBarrier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The durability barrier after a commit. H2's file store commits in memory: its writer thread puts a
 * commit into the file up to {@code WRITE_DELAY} (500 ms) later and never forces it to disk, so a
 * {@code kill -9} or a power cut loses what was already answered. {@link #awaitDurable()} returns
 * once every write committed before the call is in the file and forced to disk.
 *
 * <p>Group sync: callers that arrive while a sync runs wait for it to end, then one of them runs one
 * more sync for all of them, so N concurrent writers cost about two syncs, not N. A caller takes a
 * ticket after its commit; a sync covers every ticket taken before it started.
 *
 * <p>PostgreSQL is durable at commit ({@code synchronous_commit}), and an in-memory H2 has no disk:
 * both get {@link #NONE}.
 */
public final class GroupSync {
    /** Forces everything committed so far to disk. */
    @FunctionalInterface
    public interface Barrier {
        void force() throws SQLException;
    }

    /** No barrier: the database is durable at commit, or has nothing to make durable. */
    public static final GroupSync NONE = new GroupSync(null);

    private final Barrier barrier;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong requested = new AtomicLong();
    private volatile long completed;
    private final AtomicLong syncs = new AtomicLong();

    public GroupSync(Barrier barrier) {
        this.barrier = barrier;
    }

    /**
     * H2's own sync: {@code CHECKPOINT SYNC} writes the committed state into the file (the MVStore
     * commit) and forces the file to disk ({@code FileChannel.force}). It needs an admin user, which
     * the embedded database's {@code sa} is.
     */
    public static GroupSync h2(DataSource ds) {
        return new GroupSync(() -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
        });
    }

    /**
     * Returns once every write this thread committed before the call is durable; while the thread
     * prepares a request's answer, the wait is deferred to that answer's {@link AnswerBarrier}, so all
     * the writes of one request share one sync just before the answer leaves.
     */
    public void awaitDurable() {
        if (barrier == null) return;
        if (AnswerBarrier.defer(this, this::syncNow)) return;
        syncNow();
    }

    /** The ticket is taken now, after every commit it must cover. */
    private void syncNow() {
        long ticket = requested.incrementAndGet();
        lock.lock();
        try {
            if (completed >= ticket) return;      // a sync that started after our commit has finished
            long target = requested.get();        // read before the sync starts: it covers all of these
            barrier.force();
            syncs.incrementAndGet();
            completed = target;
        } catch (SQLException e) {
            throw StoreException.from(e);
        } finally {
            lock.unlock();
        }
    }

    /** True when writes are followed by a sync (H2 file database). */
    public boolean enabled() {
        return barrier != null;
    }

    /** Syncs run so far (tests and metrics: how many callers shared one). */
    public long syncCount() {
        return syncs.get();
    }
}
