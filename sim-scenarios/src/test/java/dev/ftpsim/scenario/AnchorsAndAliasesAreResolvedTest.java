package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * YAML anchors and aliases share a block as YAML means them, merge keys included; an error inside
 * a shared block is reported where the block is written; an alias bomb is refused.
 */
class AnchorsAndAliasesAreResolvedTest {
    private static final String SHARED = """
            hosts:
              client: { address: 198.51.100.10/24, tcp: &windows { syn-retries: 2, initial-rto: 3s } }
              server: { address: 203.0.113.10/24, tcp: *windows }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - &fast { ends: [client, fw.lan], bandwidth: 10Mbps, delay: &d 7ms }
              - { <<: *fast, ends: [fw.wan, server] }
            stop: *d
            """;

    @Test
    void anAliasIsTheAnchoredValue() throws ScenarioException {
        final Scenario s = Fixture.load(SHARED);
        assertEquals(s.tcp().get("client"), s.tcp().get("server"));
        assertEquals(2, s.tcp().get("server").synRetries());
        assertEquals(7_000_000L, s.stopNanos());
    }

    @Test
    void aMergeKeyCopiesTheKeysTheMappingDoesNotSet() throws ScenarioException {
        final Scenario s = Fixture.load(SHARED);
        assertEquals(10_000_000L, s.links().get(1).bandwidthBps());
        assertEquals(7_000_000L, s.links().get(1).delayNanos());
        assertEquals("fw.wan", s.links().get(1).a().toString());
    }

    @Test
    void anErrorInsideASharedBlockIsReportedWhereTheBlockIsWritten() {
        assertEquals(List.of(
                "t.yaml:2:69: hosts.client.tcp.syn-retries: 200 is out of range: expected a number of retries from 0"
                        + " to 127 (Linux: 6)",
                "t.yaml:2:69: hosts.server.tcp.syn-retries: 200 is out of range: expected a number of retries from 0"
                        + " to 127 (Linux: 6)"),
                errors(SHARED.replace("syn-retries: 2", "syn-retries: 200")));
    }

    @Test
    void anAliasOfAnUndefinedAnchorIsReported() {
        assertEquals(List.of("t.yaml:9:7: alias *e refers to no anchor: write &e on a value before it"),
                errors(SHARED.replace("stop: *d", "stop: *e")));
    }

    @Test
    void aMergeOfSomethingElseThanAMappingIsReported() {
        assertEquals(List.of("t.yaml:8:7: '<<' merges mappings: expected an alias of a mapping, like <<: *base, or"
                + " a list of them, got the string '7ms'"), errors(SHARED.replace("<<: *fast", "<<: *d")));
    }

    @Test
    void anAliasBombIsRefusedAtTheAliasThatCrossesTheBound() {
        final StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        // a3 holds 11,111 values; a4 repeats it ten times, and its eighth alias crosses the 100,000 bound.
        final List<String> e = errors(bomb.toString());
        assertEquals(List.of("t.yaml:5:45: aliases repeat more than 100000 values: the document would be too large"),
                e);
    }
}
