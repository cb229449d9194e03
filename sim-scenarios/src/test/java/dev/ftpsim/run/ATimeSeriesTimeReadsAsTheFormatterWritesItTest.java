package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code timeseries.csv}'s {@code time_s} is written in integers, and reads exactly as
 * {@code %.3f} of the seconds wrote it before: every sample time, the halves that round up, and
 * times of days; so do the six decimals of {@code sessions.csv}'s and {@code forgotten.csv}'s times.
 */
class ATimeSeriesTimeReadsAsTheFormatterWritesItTest {
    private static String formatter(final long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    @Test
    void sampleTimesHalvesAndLongRunsReadTheSame() {
        for (final long t : new long[] {0, 1, 499_999, 500_000, 999_999, 1_000_000, 1_500_000, 2_500_000, 9_999_500_000L,
            1_000_000_000, 300_000_000_000L, 86_400_000_000_000L, 999_999_999_999_999L, 1_000_000_000_000_000L,
            Long.MAX_VALUE}) {
            assertEquals(formatter(t), TimeseriesSampling.time(t), String.valueOf(t));
        }
        final SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 20_000; i++) {
            final long ms = r.nextLong(0, 30L * 86_400_000);
            // whole milliseconds (sampling intervals), halves, and any nanosecond
            for (final long t : new long[] {ms * 1_000_000, ms * 1_000_000 + 500_000, r.nextLong(0, 1_000_000_000_000_000L)}) {
                assertEquals(formatter(t), TimeseriesSampling.time(t), String.valueOf(t));
            }
        }
    }

    @Test
    void sessionAndForgottenTimesReadTheSameWithSixDecimals() {
        for (final long t : new long[] {0, 1, 499, 500, 501, 999, 1_000, 1_500, 2_500, 999_999_500L, 9_999_999_500L,
            86_400_000_000_500L, 999_999_999_999_499L, 999_999_999_999_500L, 999_999_999_999_999L,
            1_000_000_000_000_000L, -1, -1_500, Long.MAX_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%.6f", t / 1e9), TimeseriesSampling.seconds(t, 6), String.valueOf(t));
        }
        final SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 20_000; i++) {
            final long us = r.nextLong(0, 30L * 86_400_000_000L);
            // whole microseconds, halves, any nanosecond of a short run and of a long one
            for (final long t : new long[] {us * 1_000, us * 1_000 + 500, r.nextLong(0, 1_000_000_000_000L),
                r.nextLong(0, 1_000_000_000_000_000L)}) {
                assertEquals(String.format(Locale.ROOT, "%.6f", t / 1e9), TimeseriesSampling.seconds(t, 6), String.valueOf(t));
            }
        }
    }
}
