package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that reports its progress (for the bar) gives byte-identical results to one that does not. */
class RunProgressTest {

    private static void write(final ScenarioRunner.Outcome o, final Path dir) throws Exception {
        Files.createDirectories(dir);
        final Scenario s = o.scenario();
        Results.writeSummary(dir.resolve("summary.json"), Results.summarize(s.name(), o.seed(), o.rows(), o.firewalls()));
        Results.writeSessions(dir.resolve("sessions.csv"), o.rows(), new ArrayList<>(o.firewalls().keySet()));
        Files.writeString(dir.resolve("timeseries.csv"), o.timeseries().csv());
    }

    @Test
    void progressReachesTheStopTimeInOrderAndChangesNothing(@TempDir final Path tmp) throws Exception {
        final Scenario s = ScenarioLoader.load(Path.of("..", "examples", "long-transfer-trap-keepalive.yaml"));
        final ScenarioRunner.Outcome plain = ScenarioRunner.run(s, s.seed(), null);
        final List<Long> seen = new ArrayList<>();
        final ScenarioRunner.Outcome stepped = ScenarioRunner.run(s, s.seed(), null, seen::add);

        assertEquals(ScenarioRunner.PROGRESS_STEPS, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "simulated time grows: " + seen);
        }
        assertEquals(s.stopNanos(), (long) seen.get(seen.size() - 1));

        assertEquals(plain.events(), stepped.events(), "no extra events");
        write(plain, tmp.resolve("plain"));
        write(stepped, tmp.resolve("stepped"));
        for (final String f : List.of("summary.json", "sessions.csv", "timeseries.csv")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("plain").resolve(f)),
                    Files.readAllBytes(tmp.resolve("stepped").resolve(f)), f);
        }
    }
}
