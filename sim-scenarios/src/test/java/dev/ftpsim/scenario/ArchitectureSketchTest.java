package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenario sketched in ARCHITECTURE.md loads as written, except for one YAML rule: a key
 * containing '[' cannot stand in a flow mapping, so sweep paths are written as block keys.
 */
class ArchitectureSketchTest {
    static final String SKETCH = """
            name: passive-through-stateful-firewall
            seed: 42
            stop: 120s
            hosts:
              client: { address: 198.51.100.10/24, gateway: 198.51.100.1 }
              server: { address: 203.0.113.10/24, gateway: 203.0.113.1 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan], bandwidth: 100Mbps, delay: 5ms }
              - { ends: [fw.wan, server], bandwidth: 1Gbps, delay: 1ms, loss: 0.001 }
            firewall:
              fw:
                conntrack: { max: 65536, helpers: [ftp] }
                forward:
                  policy: drop
                  rules:
                    - ct state established,related accept
                    - oif wan tcp dport 21 ct state new accept
            ftp:
              server: { host: server, passive-ports: 30000-30100, files: { /pub/big.bin: 100MB } }
              clients:
                - { host: client, mode: passive, sessions: 100, arrivals: poisson 10/s, script: [login anonymous, get /pub/big.bin] }
            sweep:
              replications: 10
            """;

    @Test
    void theSketchLoadsWithItsSweepPathsAsBlockKeys() throws ScenarioException {
        final Scenario s = Fixture.load(SKETCH + """
                  vary:
                    ftp.clients[0].mode: [active, passive, epsv]
                    links[1].loss: [0, 0.001, 0.01]
                """);
        assertEquals(9, s.sweepPoints().size());
        assertEquals(10, s.sweep().replications());
    }

    @Test
    void quotedPathsWorkInAFlowMapping() throws ScenarioException {
        assertEquals(9, Fixture.load(SKETCH + """
                  vary: { "ftp.clients[0].mode": [active, passive, epsv], "links[1].loss": [0, 0.001, 0.01] }
                """).sweepPoints().size());
    }

    @Test
    void unquotedPathsInAFlowMappingAreAYamlErrorAtTheBracket() {
        assertEquals(List.of("t.yaml:26:22: not valid YAML: while parsing a flow mapping: expected ',' or '}', but got"
                + " ["), Fixture.errors(SKETCH + """
                  vary: { ftp.clients[0].mode: [active, passive, epsv], links[1].loss: [0, 0.001, 0.01] }
                """));
    }
}
