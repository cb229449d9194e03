package dev.ftpsim.sweep;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Mean and two-sided 95% confidence interval of one metric over a point's replications.
 *
 * <p>The interval is {@code mean ± t(0.975, n-1) · s / √n}, with {@code s} the sample standard
 * deviation (n-1 in the denominator). {@code NaN} values are left out and {@code n} counts the
 * rest. With {@code n == 1} there is no spread to estimate: the bounds are {@code NaN}. With
 * {@code n == 0} the mean is {@code NaN} too.
 */
public record MetricSummary(double mean, double ci95Low, double ci95High, int n) {

    /** The summary of {@code values}, ignoring {@code NaN}s. */
    public static MetricSummary of(final double[] values) {
        int n = 0;
        double sum = 0;
        for (final double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MetricSummary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        final double mean = sum / n;
        if (n == 1) {
            return new MetricSummary(mean, Double.NaN, Double.NaN, 1);
        }
        // Two passes: sum of squared deviations, steadier than sum of squares minus square of sum.
        double ss = 0;
        for (final double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        final double sd = Math.sqrt(ss / (n - 1));
        final double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.975);
        final double half = t * sd / Math.sqrt(n);
        return new MetricSummary(mean, mean - half, mean + half, n);
    }

    /** Half the interval's width, or 0 when the bounds are unknown (n < 2): for error bars. */
    public double halfWidth() {
        return Double.isNaN(ci95High) ? 0 : ci95High - mean;
    }
}
