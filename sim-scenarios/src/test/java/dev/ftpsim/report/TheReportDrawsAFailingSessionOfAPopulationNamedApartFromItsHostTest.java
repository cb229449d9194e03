package dev.ftpsim.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.run.RunFiles;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two populations on one host are named client-1 and client-2 in sessions.csv: report.html still
 * finds the first failing session's population and draws its ladder.
 */
class TheReportDrawsAFailingSessionOfAPopulationNamedApartFromItsHostTest {
    @Test
    void theLadderOfClient1sFailingSessionIsDrawn(@TempDir final Path dir) throws Exception {
        final Scenario s = Ftpsim.load(Path.of("..", "examples", "passive-range-exhausted.yaml"));
        final RunResult o;
        try (RunFiles files = new RunFiles(dir, ScenarioRunner.expectedSamples(s))) {
            o = Ftpsim.stream(s, s.seed(), files, null, null);
            files.finish();
        }
        assertTrue(Files.readString(dir.resolve("sessions.csv")).contains("\nclient-1#2,client,2,PASV,failed,"));
        final String section = RunReport.ladderSection(dir, s, s.seed(), o.events());
        assertFalse(section.contains("names no population"), section);
        assertTrue(section.contains("<svg") && section.contains("session client-1#2"), section);
    }
}
