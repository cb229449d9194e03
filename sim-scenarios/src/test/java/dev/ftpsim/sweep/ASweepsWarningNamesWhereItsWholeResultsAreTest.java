package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line printed for a plot a sweep left out, shared by `ftpsim sweep` and the Spark sweep (which
 * printed nothing: its user learnt of a missing plot only by looking for it).
 */
class ASweepsWarningNamesWhereItsWholeResultsAreTest {
    @Test
    void eachProblemIsOneLineNamingTheFolder() {
        final SweepResult r = new SweepResult(List.of(), 0, 0, Path.of("out", "results.csv"), List.of(),
                List.of("the plot plot-success_rate could not be drawn (IllegalStateException: x)"));
        assertEquals(List.of("ftpsim: warning: the plot plot-success_rate could not be drawn (IllegalStateException: x);"
                + " the sweep's results are written whole to out"), r.warnings(Path.of("out")));
        assertEquals(List.of(), new SweepResult(List.of(), 0, 0, Path.of("r.csv"), List.of()).warnings(Path.of(".")));
    }
}
