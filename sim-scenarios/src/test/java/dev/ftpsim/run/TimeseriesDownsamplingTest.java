package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plot's copy of a series is bounded, keeps a one-sample spike, and is exact for short series. */
class TimeseriesDownsamplingTest {
    private static final List<String> COLUMNS = List.of("time_s", "conntrack_fw");

    @Test
    void aMillionSamplesBecomeAtMostTwoThousandBucketsAndTheSpikeStays() {
        final int n = 1_000_000;
        final TimeseriesSampling.Downsampled d = new TimeseriesSampling.Downsampled(COLUMNS, n);
        final long[] v = new long[1];
        for (int i = 0; i < n; i++) {
            v[0] = i == 765_432 ? 65_536 : 10;
            d.add(i * 1_000_000_000L, v);
        }
        assertEquals(n, d.samples());
        assertEquals(TimeseriesSampling.MAX_BUCKETS, d.buckets());
        final double[][] xy = d.steps(0);
        assertTrue(xy[0].length <= 4 * TimeseriesSampling.MAX_BUCKETS);
        double max = 0;
        for (final double y : xy[1]) {
            max = Math.max(max, y);
        }
        assertEquals(65_536, max, "a one-second spike in 11 days still shows");
        assertEquals(n - 1, xy[0][xy[0].length - 1], "the last step ends at the last sample");
    }

    @Test
    void aShortSeriesIsDrawnSampleBySample() {
        final TimeseriesSampling.Downsampled d = new TimeseriesSampling.Downsampled(COLUMNS, 3);
        final long[] v = new long[1];
        for (int i = 0; i < 3; i++) {
            v[0] = i * 5;
            d.add(i * 1_000_000_000L, v);
        }
        final double[][] xy = d.steps(0);
        assertArrayEquals(new double[] {0, 1, 1, 2, 2}, xy[0]);
        assertArrayEquals(new double[] {0, 0, 5, 5, 10}, xy[1]);
    }
}
