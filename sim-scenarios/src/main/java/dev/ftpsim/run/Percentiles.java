package dev.ftpsim.run;

import java.util.Arrays;

/**
 * Order statistics of a sample by the nearest-rank method (the smallest value with at least p% of
 * the sample at or below it); NaN for an empty sample.
 */
public record Percentiles(int n, double p50, double p90, double p99, double max) {
    public static Percentiles of(final double[] values) {
        if (values.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        final double[] v = values.clone();
        Arrays.sort(v);
        return new Percentiles(v.length, rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1]);
    }

    private static double rank(final double[] sorted, final int p) {
        final int r = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }
}
