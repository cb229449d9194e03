package dev.ftpsim.run;

import java.io.IOException;
import java.util.List;

/**
 * Where a run's results go as they happen: each session's row when the session ends (or, for one
 * still running at the stop time, after the stop), and each time-series sample when it is taken.
 * A run keeps nothing per finished session but what its summary needs, so a sink that writes the
 * rows out makes memory grow with the live sessions, not with the sessions run.
 */
public interface RunSink {
    /** Called once, first: the firewalls (the {@code data_path_} columns) and the time-series columns. */
    void begin(List<String> firewalls, List<String> timeseriesColumns) throws IOException;

    /** One sample; {@code values} (one per column after {@code time_s}) is reused: copy what you keep. */
    void sample(long timeNanos, long[] values) throws IOException;

    /** One session's row, in the order sessions ended; the unfinished ones last, in start order. */
    void session(Results.Row row) throws IOException;

    /**
     * A stateful box forgot a connection: one row of {@code forgotten.csv} ({@link ForgottenLog#HEADER}),
     * when the box notices (a lazily expired entry may be noticed later than its {@code time_s}).
     * Not a default method: a sink that wraps another must pass it on, and the compiler says so.
     */
    void forgotten(List<String> cells) throws IOException;

    /** A sink that hands each session's row to {@code each} and keeps nothing else. */
    static RunSink sessions(final java.util.function.Consumer<Results.Row> each) {
        return new RunSink() {
            @Override
            public void begin(final List<String> firewalls, final List<String> columns) {}

            @Override
            public void sample(final long timeNanos, final long[] values) {}

            @Override
            public void session(final Results.Row row) {
                each.accept(row);
            }

            @Override
            public void forgotten(final List<String> cells) {}
        };
    }

    /** A sink that keeps nothing: for runs whose summary is all that counts (sweeps). */
    RunSink DISCARD = new RunSink() {
        @Override
        public void begin(final List<String> firewalls, final List<String> columns) {}

        @Override
        public void sample(final long timeNanos, final long[] values) {}

        @Override
        public void session(final Results.Row row) {}

        @Override
        public void forgotten(final List<String> cells) {}
    };
}
