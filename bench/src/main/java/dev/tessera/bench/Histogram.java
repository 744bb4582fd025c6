package dev.tessera.bench;

/**
 * Log-linear latency histogram in microseconds, in the spirit of HdrHistogram: values below 256 are
 * exact, above that each power of two is split into 128 sub-buckets (relative error below 0.8%).
 * Not thread-safe; each worker owns one and they are merged at the end.
 */
final class Histogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int LINEAR = SUB << 1;

    private final long[] counts = new long[LINEAR + (63 - SUB_BITS - 1) * SUB];
    private long total;
    private long max;
    private long sum;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** Highest value equivalent to the given percentile (0..100], capped at the exact maximum. */
    long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highest(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return LINEAR + (shift - 1) * SUB + (int) (v >>> shift) - SUB;
    }

    static long highest(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long top = (index - LINEAR) % SUB + SUB;
        return ((top + 1) << shift) - 1;
    }
}
