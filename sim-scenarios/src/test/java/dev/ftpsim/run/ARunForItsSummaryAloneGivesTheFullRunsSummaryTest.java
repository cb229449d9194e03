package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A candidate fix's trial runs the scenario for its summary alone, without recorders or time
 * series: the summary is the one the full run of {@code ftpsim run} gives, so explain's verdicts
 * on the fixes do not depend on it.
 */
class ARunForItsSummaryAloneGivesTheFullRunsSummaryTest {
    @ParameterizedTest
    @ValueSource(strings = {"long-transfer-trap", "passive-server-dnat-helper", "nft-ruleset", "active-client-fw"})
    void theSummariesAreEqual(final String example) throws Exception {
        final Scenario s = Ftpsim.load(Path.of("..", "examples", example + ".yaml"));
        assertEquals(ScenarioRunner.run(s, s.seed(), null, null, RunSink.DISCARD).summary(),
                ScenarioRunner.summary(s, s.seed(), RunSink.DISCARD));
    }
}
