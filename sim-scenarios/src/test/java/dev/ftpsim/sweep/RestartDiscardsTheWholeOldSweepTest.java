package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --restart} discards every file of the old sweep, its page too: a restarted sweep that
 * stops early leaves no page describing the old sweep's numbers beside the new sweep's.
 */
class RestartDiscardsTheWholeOldSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aRestartThatFailsAtOnceLeavesNothingOfTheOldSweep() throws Exception {
        final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), 2, 5L);
        Sweep.run(spec, new FakeSimulation(), new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        Files.writeString(tmp.resolve("report.html"), "<p>the old sweep's page</p>\n"); // as the command writes it
        final SweepOptions restart = new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true, true);
        assertThrows(SweepFailedException.class, () -> Sweep.run(spec, (point, seed) -> {
            throw new IllegalStateException("no simulation this time");
        }, restart));
        try (Stream<Path> files = Files.list(tmp)) {
            // The new sweep's header and the tables of its (no) finished points.
            assertEquals(List.of(".sweep.lock", "results.csv", "runs.csv", "sweep.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
