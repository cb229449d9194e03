package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.ladder.LadderRenderer;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ladder that reaches its arrow limit ends with a note saying where and how much is missing, never silently. */
class ACutLadderSaysWhereItWasCutTest {
    @Test
    void theLastRowIsANoteWithTheCutAndTheCountOfPacketsLeftOut() throws Exception {
        final Scenario s = ScenarioLoader.load(Path.of("../examples/passive-stateful-server-fw-helper.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.ladder(s, s.seed(), 0, 0, 10);
        final List<LadderEvent> events = o.ladder().events(0, Long.MAX_VALUE);
        assertEquals(11, events.size());
        final LadderEvent last = events.get(10);
        assertEquals(LadderEvent.Kind.NOTE, last.kind());
        assertTrue(last.label().matches("ladder cut here: more than 10 arrows; [0-9,]+ later packets of this client are"
                + " not drawn"), last.label());
        assertTrue(LadderRenderer.svg(o.ladder().nodes(), events, "t").contains("ladder cut here"));
        assertTrue(LadderRenderer.mermaid(o.ladder().nodes(), events, "t").contains("Note over n0,n2: "));
    }
}
