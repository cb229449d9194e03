package dev.ftpsim.sweep;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a sweep, as opposed to what it computes ({@link SweepSpec}): none of these options
 * changes the results.
 *
 * @param outDir   folder for {@code sweep.json}, {@code points.jsonl}, {@code results.csv} and the plots; created if absent
 * @param threads  size of the fixed thread pool; each task runs on one thread
 * @param progress whether to draw a progress bar on stderr
 * @param plots    whether to write {@code plot-<metric>.png/.svg} at the end
 * @param restart  discard the folder's journal, results and plots first, instead of resuming
 */
public record SweepOptions(Path outDir, int threads, Progress progress, boolean plots, boolean restart) {
    /** When to draw the progress bar. */
    public enum Progress {
        /**
         * Only when stderr is a terminal: on Linux, {@code /proc/self/fd/2} names a tty; elsewhere,
         * {@code System.console() != null}. Never under {@code TERM=dumb}. Off in CI and tests,
         * where stderr is a pipe or a file.
         */
        AUTO,
        ON,
        OFF
    }

    /** Resuming, as a sweep does unless told to restart. */
    public SweepOptions(final Path outDir, final int threads, final Progress progress, final boolean plots) {
        this(outDir, threads, progress, plots, false);
    }

    public SweepOptions {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(progress, "progress");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** All cores, a bar only on a terminal, plots on. */
    public static SweepOptions in(final Path outDir) {
        return new SweepOptions(outDir, Runtime.getRuntime().availableProcessors(), Progress.AUTO, true);
    }

    public SweepOptions withThreads(final int n) {
        return new SweepOptions(outDir, n, progress, plots, restart);
    }

    public SweepOptions withProgress(final Progress p) {
        return new SweepOptions(outDir, threads, p, plots, restart);
    }

    public SweepOptions withPlots(final boolean on) {
        return new SweepOptions(outDir, threads, progress, on, restart);
    }

    public SweepOptions withRestart(final boolean on) {
        return new SweepOptions(outDir, threads, progress, plots, on);
    }

    boolean showProgress() {
        return switch (progress) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> dev.ftpsim.run.Terminal.stderrIsTerminal();
        };
    }
}
