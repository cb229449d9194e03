package dev.ftpsim.bench;

import java.util.SplittableRandom;

/** Random orders for the benchmarks' inputs. */
final class Permutations {
    private Permutations() {}

    /** 0 to n - 1 in a uniformly random order (Fisher-Yates, drawing from the top down). */
    static int[] shuffled(final int n, final SplittableRandom random) {
        final int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
