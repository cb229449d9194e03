package dev.ftpsim.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's time series kept in memory as numbers: the sample times and, per probe column, its value
 * at each sample. The same figures as {@code timeseries.csv}, which {@link #csv()} renders.
 */
public final class TimeSeries {
    private final List<String> columns;
    private final long[] times;
    private final long[][] values;

    private TimeSeries(final List<String> columns, final long[] times, final long[][] values) {
        this.columns = columns;
        this.times = times;
        this.values = values;
    }

    /** The columns: {@code time_s}, then each probe's name. */
    public List<String> columns() {
        return columns;
    }

    /** How many samples were taken. */
    public int size() {
        return times.length;
    }

    /** The sample times in nanoseconds of simulated time. */
    public long[] timesNanos() {
        return times.clone();
    }

    /**
     * The probe column {@code name}'s value at each sample.
     *
     * @throws IllegalArgumentException naming the columns there are, when there is none of that name
     */
    public long[] column(final String name) {
        final int c = columns.indexOf(name);
        if (c < 1) {
            throw new IllegalArgumentException("no time-series column " + name + "; there are " + columns);
        }
        final long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = values[i][c - 1];
        }
        return out;
    }

    /** The series as {@code timeseries.csv} holds it, header first. */
    public String csv() {
        final java.io.StringWriter text = new java.io.StringWriter();
        try (Csv csv = Csv.over(text)) {
            csv.row(columns);
            for (int i = 0; i < times.length; i++) {
                csv.row(TimeseriesSampling.time(times[i]), values[i]);
            }
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** Collects samples as a run hands them out. */
    static final class Builder {
        private List<String> columns = List.of("time_s");
        private final List<long[]> rows = new ArrayList<>();
        private long[] times = new long[16];

        void begin(final List<String> cols) {
            this.columns = List.copyOf(cols);
        }

        void add(final long timeNanos, final long[] sample) {
            if (rows.size() == times.length) {
                times = Arrays.copyOf(times, times.length * 2);
            }
            times[rows.size()] = timeNanos;
            rows.add(sample.clone());
        }

        TimeSeries build() {
            return new TimeSeries(columns, Arrays.copyOf(times, rows.size()), rows.toArray(new long[0][]));
        }
    }
}
