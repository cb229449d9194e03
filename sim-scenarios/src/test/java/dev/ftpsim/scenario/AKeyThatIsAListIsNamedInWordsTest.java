package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * YAML allows a list or a mapping as a key ({@code ? [fw]}); a scenario's keys are names. The
 * error says so at the key, instead of quoting the YAML parser's internal event
 * ({@code <org.yaml.snakeyaml.events.SequenceStartEvent(anchor=null, ...)>}).
 */
class AKeyThatIsAListIsNamedInWordsTest {
    @Test
    void aListAsAKeyIsRefusedInWords() {
        assertEquals(List.of("t.yaml:10:5: not valid YAML: a key must be a name or number, not a list or a mapping"),
                Fixture.errors(Fixture.NET + "firewall:\n  ? [fw]\n  : {forward: [accept]}\n"));
    }

    @Test
    void aListKeyInAFlowMappingIsRefusedAtItsBracket() {
        assertEquals(List.of("t.yaml:9:12: not valid YAML: a key must be a name or number, not a list or a mapping"),
                Fixture.errors(Fixture.NET + "firewall: {[fw]: {forward: [accept]}}\n"));
    }

    @Test
    void aMappingAsAKeyIsRefusedInWords() {
        assertEquals(List.of("t.yaml:9:3: not valid YAML: a key must be a name or number, not a list or a mapping"),
                Fixture.errors(Fixture.NET + "? {a: 1}\n: 1\n"));
    }
}
