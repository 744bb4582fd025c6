package dev.tessera.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many request threads hand rows to one writer thread, which writes everything pending
 * in one batch and one transaction, then completes each caller's future. A caller that waits for its
 * future has its row durably committed (as durable as the database makes a commit), yet N concurrent
 * callers cost one commit instead of N. The queue is lock-free so callers never contend on a lock.
 */
public final class GroupCommit<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private record Pending<T>(T item, CompletableFuture<Void> done) {}

    private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean parked = new AtomicBoolean();
    private final Consumer<List<T>> writer;
    private final int maxBatch;
    private final int capacity;
    private final long lingerNanos;
    private final Thread thread;
    private volatile boolean running = true;

    public GroupCommit(String name, int maxBatch, int capacity, Consumer<List<T>> writer) {
        this(name, maxBatch, capacity, 0, writer);
    }

    /**
     * With {@code lingerNanos} > 0, a batch that is not full waits that long once for more rows before
     * it is written: fewer, larger batches, for writers whose callers do not wait (audit rows).
     */
    public GroupCommit(String name, int maxBatch, int capacity, long lingerNanos, Consumer<List<T>> writer) {
        this.lingerNanos = lingerNanos;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.capacity = capacity;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a row; the future completes when it is committed (or fails with the write's error). */
    public CompletableFuture<Void> submit(T item) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!enqueue(new Pending<>(item, f))) {
            f.completeExceptionally(new StoreException(running ? "write queue full" : "writer stopped", null));
        }
        return f;
    }

    /** Queues a row nobody waits for (no future is made); false if the writer is stopped or the queue full. */
    public boolean offer(T item) {
        return enqueue(new Pending<>(item, null));
    }

    private boolean enqueue(Pending<T> p) {
        if (!running) return false;
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.add(p);
        if (!running) failQueued();   // raced with close or the writer's end: fail, never strand
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Writes {@code item} and waits until it is committed. */
    public void write(T item) {
        try {
            submit(item).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    public int pending() {
        return size.get();
    }

    private void loop() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        try {
            loop(batch);
        } catch (Throwable e) {
            LOG.error("Group commit writer {} stopped", thread.getName(), e);
        } finally {
            // whatever stopped the writer, nobody waits for it forever
            running = false;
            for (Pending<T> x : batch) if (x.done() != null) x.done().completeExceptionally(new StoreException("writer stopped", null));
            failQueued();
        }
    }

    private void failQueued() {
        Pending<T> p;
        while ((p = queue.poll()) != null) {
            size.decrementAndGet();
            if (p.done() != null) p.done().completeExceptionally(new StoreException("writer stopped", null));
        }
    }

    private void loop(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            Pending<T> p;
            while (batch.size() < maxBatch && (p = queue.poll()) != null) {
                batch.add(p);
                items.add(p.item());
            }
            if (lingerNanos > 0 && !batch.isEmpty() && batch.size() < maxBatch && running) {
                LockSupport.parkNanos(this, lingerNanos);
                while (batch.size() < maxBatch && (p = queue.poll()) != null) {
                    batch.add(p);
                    items.add(p.item());
                }
            }
            if (batch.isEmpty()) {
                parked.set(true);
                if (queue.isEmpty() && running) {
                    LockSupport.parkNanos(this, 50_000_000L);
                }
                parked.set(false);
                continue;
            }
            try {
                writer.accept(items);
                for (Pending<T> x : batch) if (x.done() != null) x.done().complete(null);
            } catch (Throwable e) {
                // any failure (an Error too: a class that no longer loads, out of memory) fails this
                // batch's callers, who then answer an error; the writer lives on for the next batch
                LOG.warn("Group commit of {} rows failed", items.size(), e);
                RuntimeException failure = e instanceof RuntimeException r ? r : new StoreException("group commit failed", e);
                for (Pending<T> x : batch) if (x.done() != null) x.done().completeExceptionally(failure);
            } finally {
                size.addAndGet(-batch.size());
                batch.clear();
                items.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // rows the writer did not reach (it was stuck or died): their callers must not wait forever
        failQueued();
    }
}
