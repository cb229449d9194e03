package dev.ftpsim.run;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code sessions.csv}, {@code timeseries.csv} and {@code forgotten.csv} as the run goes, into a folder that only
 * becomes the output folder once everything is written (see {@link OutputFolder}), and keeps the
 * bounded series the plot draws.
 */
public final class RunFiles implements RunSink, AutoCloseable {
    private final Path dir;
    private final long expectedSamples;
    private FileOutputStream sessionsFile;
    private FileOutputStream timeseriesFile;
    private Csv sessions;
    private Csv timeseries;
    private FileOutputStream forgottenFile;
    private Csv forgotten;
    private List<String> firewalls;
    private TimeseriesSampling.Downsampled plot;

    /** @param expectedSamples the samples the run will take, to size the plot's buckets */
    public RunFiles(final Path dir, final long expectedSamples) {
        this.dir = dir;
        this.expectedSamples = expectedSamples;
    }

    @Override
    public void begin(final List<String> firewallNames, final List<String> columns) throws IOException {
        this.firewalls = List.copyOf(firewallNames);
        sessionsFile = new FileOutputStream(dir.resolve("sessions.csv").toFile());
        sessions = Csv.over(new BufferedWriter(new OutputStreamWriter(sessionsFile, StandardCharsets.UTF_8), 1 << 16));
        timeseriesFile = new FileOutputStream(dir.resolve("timeseries.csv").toFile());
        timeseries = Csv.over(new BufferedWriter(new OutputStreamWriter(timeseriesFile, StandardCharsets.UTF_8), 1 << 16));
        forgottenFile = new FileOutputStream(dir.resolve("forgotten.csv").toFile());
        forgotten = Csv.over(new BufferedWriter(new OutputStreamWriter(forgottenFile, StandardCharsets.UTF_8), 1 << 16));
        forgotten.row(ForgottenLog.HEADER);
        sessions.row(Results.sessionsHeader(firewalls));
        timeseries.row(columns);
        plot = new TimeseriesSampling.Downsampled(columns, expectedSamples);
    }

    @Override
    public void sample(final long timeNanos, final long[] values) throws IOException {
        try {
            timeseries.row(TimeseriesSampling.time(timeNanos), values);
        } catch (final IOException e) {
            throw failed("timeseries.csv", e);
        }
        plot.add(timeNanos, values);
    }

    @Override
    public void session(final Results.Row row) throws IOException {
        try {
            sessions.row(Results.sessionCells(row, firewalls));
        } catch (final IOException e) {
            throw failed("sessions.csv", e);
        }
    }

    @Override
    public void forgotten(final List<String> cells) throws IOException {
        try {
            forgotten.row(cells);
        } catch (final IOException e) {
            throw failed("forgotten.csv", e);
        }
    }

    /** The firewalls, in the order of their columns. */
    public List<String> firewalls() {
        return firewalls;
    }

    /** The series for the plot. */
    public TimeseriesSampling.Downsampled plot() {
        return plot;
    }

    /** Flushes both files to disk and closes them. */
    public void finish() throws IOException {
        flush("sessions.csv", sessions, sessionsFile);
        flush("timeseries.csv", timeseries, timeseriesFile);
        flush("forgotten.csv", forgotten, forgottenFile);
        close();
    }

    private void flush(final String name, final Csv csv, final FileOutputStream file) throws IOException {
        try {
            csv.flush();
            file.getFD().sync();
        } catch (final IOException e) {
            throw failed(name, e);
        }
    }

    /** {@code e} naming the file: a full disk's message is "No space left on device" alone. */
    private IOException failed(final String name, final IOException e) {
        return e instanceof java.nio.file.FileSystemException ? e
                : new IOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (sessions != null) {
            sessions.close();
        }
        if (timeseries != null) {
            timeseries.close();
        }
        if (forgotten != null) {
            forgotten.close();
        }
    }
}
