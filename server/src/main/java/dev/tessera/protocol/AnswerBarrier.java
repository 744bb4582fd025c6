package dev.tessera.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What must be finished before a request's answer leaves: the request pipeline opens one per request,
 * and a store that would wait for its writes to become durable after each one ({@code GroupSync})
 * defers that wait here instead, so a request that writes three times waits for one sync, just before
 * its answer (an answer is a promise: it still leaves only once every write behind it is durable).
 * Threads without an open barrier (background writers, maintenance) wait at once, as before.
 */
public final class AnswerBarrier {
    private static final ThreadLocal<AnswerBarrier> CURRENT = new ThreadLocal<>();

    private final Map<Object, Runnable> pending = new LinkedHashMap<>();

    private AnswerBarrier() {}

    /** Opens the barrier of the answer this thread prepares. */
    public static AnswerBarrier open() {
        AnswerBarrier b = new AnswerBarrier();
        CURRENT.set(b);
        return b;
    }

    /**
     * Defers {@code wait} (once per {@code key}) to {@link #await}; false when this thread prepares no
     * answer, and the caller must wait now.
     */
    public static boolean defer(Object key, Runnable wait) {
        AnswerBarrier b = CURRENT.get();
        if (b == null) return false;
        b.pending.putIfAbsent(key, wait);
        return true;
    }

    /** Runs the deferred waits and closes the barrier; a failure of one is the answer's (a server error). */
    public void await() {
        CURRENT.remove();
        try {
            for (Runnable r : pending.values()) r.run();
        } finally {
            pending.clear();
        }
    }

    /** Closes the barrier without waiting (the request ended without an answer to promise). */
    public static void clear() {
        CURRENT.remove();
    }
}
