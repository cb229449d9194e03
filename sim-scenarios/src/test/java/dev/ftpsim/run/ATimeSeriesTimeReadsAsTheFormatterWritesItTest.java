package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code timeseries.csv}'s {@code time_s} is written in integers, and reads exactly as
 * {@code %.3f} of the seconds wrote it before: every sample time, the halves that round up, and
 * times of days.
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
}
