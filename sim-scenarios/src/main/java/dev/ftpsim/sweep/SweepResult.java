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
 */
public record SweepResult(List<PointSummary> rows, int pointsRun, int pointsResumed, Path resultsCsv,
                          List<Path> plots) {
    public SweepResult {
        rows = List.copyOf(rows);
        plots = List.copyOf(plots);
    }
}
