package dev.ftpsim.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code timeseries.csv}'s lines, and the bounded copy of the series that its plot
 * draws: at most {@value #MAX_BUCKETS} buckets per column, each keeping the minimum, maximum and
 * last value of the samples it covers, so a run of any length draws quickly and a one-sample spike
 * still shows.
 */
public final class TimeseriesSampling {
    /** Buckets per column a plot draws at most. */
    public static final int MAX_BUCKETS = 1000;

    private TimeseriesSampling() {}

    /**
     * A sample's time as {@code time_s} holds it: seconds, three decimals, as {@code %.3f} of
     * {@code timeNanos / 1e9} writes it ({@link #seconds}).
     */
    public static String time(final long timeNanos) {
        return seconds(timeNanos, 3);
    }

    /**
     * {@code nanos} as seconds with {@code decimals} (1 to 9) decimals, as {@code %.<decimals>f} of
     * {@code nanos / 1e9} writes them. Below 10^15 ns (11 days) the double's shortest decimal is
     * the exact quotient, which the formatter rounds half up: so are the nanoseconds here, in
     * integers, several times faster than the formatter for each time a run writes (a sample's
     * {@code time_s}, a session's times, a forgotten connection's).
     */
    public static String seconds(final long nanos, final int decimals) {
        if (nanos < 0 || nanos >= 1_000_000_000_000_000L || decimals < 1 || decimals > 9) {
            return String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e9);
        }
        final long unit = UNITS[9 - decimals];
        final long scale = UNITS[decimals];
        final long units = (nanos + unit / 2) / unit;
        final String frac = Long.toString(scale + units % scale); // a leading 1 keeps the zeros
        return new StringBuilder(24).append(units / scale).append('.').append(frac, 1, frac.length()).toString();
    }

    private static final long[] UNITS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    /** The series a plot draws, bounded however many samples come. */
    public static final class Downsampled {
        private final List<String> columns;
        private final long width;
        private final long[] time;
        private final long[][] min;
        private final long[][] max;
        private final long[][] last;
        private long samples;
        private long lastTime;

        /**
         * @param columns the series' columns, {@code time_s} first
         * @param expectedSamples how many samples the run will take (from its stop time and interval)
         */
        public Downsampled(final List<String> columns, final long expectedSamples) {
            this.columns = List.copyOf(columns);
            this.width = Math.max(1, (expectedSamples + MAX_BUCKETS - 1) / MAX_BUCKETS);
            final int buckets = (int) Math.min(MAX_BUCKETS, Math.max(1, expectedSamples));
            final int n = columns.size() - 1;
            this.time = new long[buckets];
            this.min = new long[n][buckets];
            this.max = new long[n][buckets];
            this.last = new long[n][buckets];
        }

        /** Adds a sample; one beyond the expected count joins the last bucket. */
        public void add(final long timeNanos, final long[] values) {
            final int b = (int) Math.min(time.length - 1, samples / width);
            final boolean first = samples == (long) b * width;
            if (first) {
                time[b] = timeNanos;
            }
            for (int c = 0; c < values.length; c++) {
                final long v = values[c];
                min[c][b] = first ? v : Math.min(min[c][b], v);
                max[c][b] = first ? v : Math.max(max[c][b], v);
                last[c][b] = v;
            }
            samples++;
            lastTime = timeNanos;
        }

        public List<String> columns() {
            return columns;
        }

        /** The time of the last sample added, in nanoseconds. */
        public long lastTime() {
            return lastTime;
        }

        /** Samples added. */
        public long samples() {
            return samples;
        }

        /** Buckets filled so far. */
        public int buckets() {
            return (int) Math.min(time.length, (samples + width - 1) / width);
        }

        /**
         * Column {@code c} (after time) as a staircase: x then y. Each sample holds until the next;
         * a bucket of several samples rises from its minimum to its maximum at its start, then holds
         * its last value. Points along a level are merged, so a quiet series costs a few points.
         */
        public double[][] steps(final int c) {
            final int n = buckets();
            final Points p = new Points(4 * n);
            for (int i = 0; i < n; i++) {
                final double t = time[i] / 1e9;
                p.add(t, min[c][i]);
                p.add(t, max[c][i]);
                p.add(t, last[c][i]);
                if (i + 1 < n || width > 1) {
                    p.add((i + 1 < n ? time[i + 1] : lastTime) / 1e9, last[c][i]);
                }
            }
            return new double[][] {Arrays.copyOf(p.x, p.n), Arrays.copyOf(p.y, p.n)};
        }

        /** A polyline that drops repeated points and merges runs along one level. */
        private static final class Points {
            final double[] x;
            final double[] y;
            int n;

            Points(final int capacity) {
                x = new double[capacity];
                y = new double[capacity];
            }

            void add(final double px, final double py) {
                if (n > 0 && x[n - 1] == px && y[n - 1] == py) {
                    return;
                }
                if (n > 1 && y[n - 1] == py && y[n - 2] == py) {
                    x[n - 1] = px; // extend the level segment instead of adding a point
                    return;
                }
                x[n] = px;
                y[n] = py;
                n++;
            }
        }

        @Override
        public String toString() {
            return samples + " samples in " + buckets() + " buckets of " + width;
        }
    }
}
