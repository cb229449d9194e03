package dev.ftpsim.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What one cold cache line costs on this machine: a random pointer chase (each load's address is the
 * previous load's value, so no two overlap) through arrays of growing size, one line per step.
 * Beside the reference workload it tells how many fully exposed misses per event the gap between
 * N = 1000 and N = 100,000 amounts to.
 *
 * <p>{@code java -XX:+UseTransparentHugePages -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.MemoryLatency [MiB...]}
 * (default 1 4 16 64 256 1024) prints nanoseconds per dependent load for each size.
 */
public final class MemoryLatency {
    /** Ints per 64-byte line: the chase visits one int per line. */
    private static final int STRIDE = 16;

    private MemoryLatency() {}

    /** Nanoseconds per dependent load over an array of {@code mib} MiB, after one warm-up lap. */
    static double nanosPerLoad(final int mib, final long seed) {
        final int lines = (int) ((long) mib * 1024 * 1024 / 64);
        final int[] next = new int[lines * STRIDE];
        // One random cycle through every line (Sattolo's shuffle), so that the chase visits each once.
        final int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = lines - 1; i > 0; i--) {
            final int j = random.nextInt(i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < lines; i++) {
            next[order[i] * STRIDE] = order[(i + 1) % lines] * STRIDE;
        }
        final long steps = Math.max(lines, 20_000_000L);
        int at = chase(next, 0, lines);
        final long t0 = System.nanoTime();
        at = chase(next, at, steps);
        final double ns = (System.nanoTime() - t0) / (double) steps;
        if (at == -1) {
            System.out.println(); // never: keeps the chase's result alive
        }
        return ns;
    }

    private static int chase(final int[] next, final int from, final long steps) {
        int at = from;
        for (long s = 0; s < steps; s++) {
            at = next[at];
        }
        return at;
    }

    public static void main(final String[] args) {
        final int[] sizes = args.length == 0 ? new int[] {1, 4, 16, 64, 256, 1024}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("    MiB  ns/load");
        for (final int mib : sizes) {
            System.out.println(String.format(Locale.ROOT, "%7d  %7.1f", mib, nanosPerLoad(mib, 42)));
        }
    }
}
