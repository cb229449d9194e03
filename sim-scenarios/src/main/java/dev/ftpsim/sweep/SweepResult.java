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
}
