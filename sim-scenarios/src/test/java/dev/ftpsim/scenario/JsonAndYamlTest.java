package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON is read by extension and gives the same model as the equivalent YAML; its errors are located too. */
class JsonAndYamlTest {
    static final String YAML = """
            name: same
            seed: 5
            stop: 90s
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan], bandwidth: 100Mbps, delay: 5ms, queue: 64KB }
              - { ends: [fw.wan, server], loss: { gilbert-elliott: { p: 0.01, r: 0.5 } } }
            firewall:
              fw:
                conntrack: { max: 1000, timeouts: { established: 10s }, helpers: [ftp] }
                prerouting: ['tcp dport 21 ct helper set "ftp"']
                forward: { policy: drop, rules: ["ct state established,related accept"] }
                nat: { postrouting: [oif wan masquerade] }
            ftp:
              server: { host: server, passive-ports: 30000-30100, files: { /pub/a: 1MB } }
              clients:
                - { host: client, mode: epsv, sessions: 3, arrivals: poisson 10/s, script: [login anonymous, get /pub/a, put /up/x uniform 1KB-2KB] }
            record: { pcap: [fw.wan], timeseries: 500ms }
            sweep:
              replications: 2
              vary:
                ftp.clients[0].mode: [active, passive]
            """;

    static final String JSON = """
            {
              "name": "same", "seed": 5, "stop": "90s",
              "hosts": {
                "client": {"address": "198.51.100.10/24"},
                "server": {"address": "203.0.113.10/24"}
              },
              "routers": {"fw": {"interfaces": {"lan": "198.51.100.1/24", "wan": "203.0.113.1/24"}}},
              "links": [
                {"ends": ["client", "fw.lan"], "bandwidth": "100Mbps", "delay": "5ms", "queue": "64KB"},
                {"ends": ["fw.wan", "server"], "loss": {"gilbert-elliott": {"p": 0.01, "r": 0.5}}}
              ],
              "firewall": {"fw": {
                "conntrack": {"max": 1000, "timeouts": {"established": "10s"}, "helpers": ["ftp"]},
                "prerouting": ["tcp dport 21 ct helper set \\"ftp\\""],
                "forward": {"policy": "drop", "rules": ["ct state established,related accept"]},
                "nat": {"postrouting": ["oif wan masquerade"]}
              }},
              "ftp": {
                "server": {"host": "server", "passive-ports": "30000-30100", "files": {"/pub/a": "1MB"}},
                "clients": [{"host": "client", "mode": "epsv", "sessions": 3, "arrivals": "poisson 10/s",
                             "script": ["login anonymous", "get /pub/a", "put /up/x uniform 1KB-2KB"]}]
              },
              "record": {"pcap": ["fw.wan"], "timeseries": "500ms"},
              "sweep": {"replications": 2, "vary": {"ftp.clients[0].mode": ["active", "passive"]}}
            }
            """;

    @Test
    void jsonAndYamlGiveTheSameScenario() throws ScenarioException {
        final Scenario y = ScenarioLoader.parse(YAML, "same.yaml", Path.of("."));
        final Scenario j = ScenarioLoader.parse(JSON, "same.json", Path.of("."));
        assertEquals(y, j);
        assertEquals(2, j.sweepPoints().size());
    }

    @Test
    void jsonErrorsCarryJsonPositions() {
        assertEquals(List.of("t.json:4:47: hosts.client.gatway: unknown key 'gatway' (did you mean 'gateway'?);"
                + " expected one of address, address6, gateway, gateway6, kernel, tcp"),
                Fixture.errors(JSON.replace("{\"address\": \"198.51.100.10/24\"}",
                        "{\"address\": \"198.51.100.10/24\", \"gatway\": \"198.51.100.1\"}"),
                        "t.json", Path.of(".")));
    }

    @Test
    void brokenJsonIsReportedWhereTheParserStopped() {
        assertEquals(List.of("t.json:1:11: not valid JSON: expected a value (a string, number, array, object, true, false or"
                + " null), found '}'"),
                Fixture.errors("{\"hosts\": }", "t.json", Path.of(".")));
    }
}
