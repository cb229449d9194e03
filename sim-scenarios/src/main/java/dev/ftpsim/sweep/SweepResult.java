package dev.ftpsim.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished sweep.
 *
 * @param rows          one summary per point, in the points' order (what {@code results.csv} holds)
 * @param pointsRun     points computed by this call
 * @param pointsResumed points found finished in the journal and not run again
 * @param resultsCsv    path of {@code results.csv}
 * @param plots         the plot files written (empty when plots are off)
 * @param problems      each plot that could not be drawn and why, one line each (a bug in ftpsim;
 *                      the results are written all the same)
 */
public record SweepResult(List<PointSummary> rows, int pointsRun, int pointsResumed, Path resultsCsv,
                          List<Path> plots, List<String> problems) {
    public SweepResult {
        rows = List.copyOf(rows);
        plots = List.copyOf(plots);
        problems = List.copyOf(problems);
    }

    public SweepResult(final List<PointSummary> rows, final int pointsRun, final int pointsResumed, final Path resultsCsv,
            final List<Path> plots) {
        this(rows, pointsRun, pointsResumed, resultsCsv, plots, List.of());
    }

    /**
     * The line the command line prints on stderr for each of {@link #problems}, the results having
     * been written to {@code dir}; the local sweep and the Spark one print the same.
     */
    public List<String> warnings(final Path dir) {
        return problems.stream().map(p -> "ftpsim: warning: " + dev.ftpsim.plot.Markup.visible(p)
                + "; the sweep's results are written whole to " + dev.ftpsim.plot.Markup.visible(dir.toString())).toList();
    }
}
