package dev.ftpsim.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's page shows the scenario text the sweep loaded, not the file read again when the page
 * is written (after the last simulation, which can be hours later): an edit made while the sweep
 * ran does not appear beside results of the text before it.
 */
class ASweepsPageShowsTheScenarioAsLoadedTest {
    @TempDir
    Path tmp;

    @Test
    void anEditWhileTheSweepRanIsNotOnThePage() throws Exception {
        final Path file = Files.copy(Path.of("..", "examples", "sweep-mode-x-loss.yaml"), tmp.resolve("s.yaml"));
        final byte[] loaded = Files.readAllBytes(file);
        final Scenario s = ScenarioLoader.load(file);
        Files.writeString(tmp.resolve("results.csv"), "point,success_rate_mean\nmode=passive,1\n");
        Files.writeString(file, Files.readString(file) + "# edited-while-the-sweep-ran\n");
        SweepReport.write(tmp, s, file, 1, loaded);
        final String page = Files.readString(tmp.resolve("report.html"));
        assertTrue(page.contains("scenario-text"), page);
        assertFalse(page.contains("edited-while-the-sweep-ran"), "the page shows the file as loaded");
    }
}
