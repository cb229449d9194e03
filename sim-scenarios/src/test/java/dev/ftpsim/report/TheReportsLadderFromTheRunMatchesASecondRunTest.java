package dev.ftpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.run.LadderCandidates;
import dev.ftpsim.run.RunFiles;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * report.html's ladder of the first failing session, drawn from what a small run itself recorded,
 * is the section a second run of the scenario draws, arrow for arrow (also for a population that
 * shares its host with another); a long run stops recording early and draws it by that second run.
 */
class TheReportsLadderFromTheRunMatchesASecondRunTest {
    @ParameterizedTest
    @CsvSource({"active-client-fw, 0, true", "passive-server-dnat, 0, true", "long-transfer-trap, 0, false",
        "passive-range-exhausted, 0, true"})
    void theSectionIsTheSame(final String example, final int population, final boolean small, @TempDir final Path dir)
            throws Exception {
        final Scenario s = Ftpsim.load(Path.of("..", "examples", example + ".yaml"));
        final LadderCandidates recorded = new LadderCandidates(s);
        final RunResult o;
        try (RunFiles files = new RunFiles(dir, ScenarioRunner.expectedSamples(s))) {
            o = Ftpsim.stream(s, s.seed(), files, null, null, recorded);
            files.finish();
        }
        assertTrue(o.summary().failed() > 0, example + " has a failing session to draw");
        final String fromTheRun = RunReport.ladderSection(dir, s, s.seed(), o.events(), recorded);
        assertEquals(RunReport.ladderSection(dir, s, s.seed(), o.events()), fromTheRun);
        assertTrue(fromTheRun.contains("<svg"), "a ladder is drawn");
        assertEquals(small, recorded.drawing(population, firstFailingIndex(dir), "x") != null, "the run recorded it whole");
    }

    private static int firstFailingIndex(final Path dir) throws Exception {
        final CsvTable t = CsvTable.read(dir.resolve("sessions.csv"));
        return Integer.parseInt(t.cell(t.rows().stream().filter(r -> !t.cell(r, "outcome").equals("ok")).findFirst()
                .orElseThrow(), "index"));
    }
}
