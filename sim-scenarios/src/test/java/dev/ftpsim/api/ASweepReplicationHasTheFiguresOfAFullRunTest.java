package dev.ftpsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.run.RunSink;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A sweep runs each replication for its summary alone (no capture, time series or recorders), yet
 * every figure in runs.csv is the one a full run of that point with that seed reports: a user who
 * reruns a point with {@code ftpsim run --seed} finds the same numbers.
 */
class ASweepReplicationHasTheFiguresOfAFullRunTest {
    @Test
    void everyModeAtTheHighestLossReportsWhatAFullRunReports() throws Exception {
        final Scenario s = Ftpsim.load(Path.of("../examples/sweep-mode-x-loss.yaml"));
        long seed = 7;
        int checked = 0;
        // The lossiest points: their sessions retransmit, time out and recover, the most varied figures.
        for (final Scenario.SweepPoint p : s.sweepPoints()) {
            if (!"0.01".equals(p.values().get("links[1].loss"))) {
                continue;
            }
            final Scenario point = p.scenario();
            final RunResult full = Ftpsim.stream(point, seed, RunSink.DISCARD, null, null);
            assertEquals(ScenarioSweep.figures(point, full.summary()), ScenarioSweep.metrics(point, seed), p.name());
            seed += 1_000_003;
            checked++;
        }
        assertEquals(3, checked, "active, passive and EPSV at 1% loss");
    }
}
