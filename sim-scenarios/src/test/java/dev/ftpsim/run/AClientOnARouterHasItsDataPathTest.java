package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client running on a router (a job on a Kubernetes node or a Docker host) has its data
 * connection judged by the router's own firewall, and {@code data_path_<fw>} says how, whatever
 * the router's interfaces are called and whichever of them the connection leaves by. Before, the
 * run died at the session's end when the router had no interface called eth0, and said "not
 * seen" when the connection left by another than eth0.
 */
class AClientOnARouterHasItsDataPathTest {
    private static final String SCENARIO = """
            name: router-client
            seed: 1
            stop: 60s
            hosts:
              server: { address: 203.0.113.10/24 }
              other: { address: 192.0.2.10/24 }
            routers:
              gw: { interfaces: { %s: 192.0.2.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [other, gw.%1$s] }
              - { ends: [gw.wan, server] }
            firewall:
              gw: { nft: gw.nft }
            ftp:
              server: { host: server, files: { /pub/f.bin: 100KB } }
              clients:
                - { host: gw, server: server, mode: passive }
            """;
    /** The helper on the router's own control connection (output), as a host assigns it. */
    private static final String RULES = """
            table inet filter {
            	ct helper ftp-standard {
            		type "ftp" protocol tcp
            	}
            	chain out {
            		type filter hook output priority filter; policy accept;
            		tcp dport 21 ct helper set "ftp-standard"
            	}
            }
            """;

    @Test
    void aRouterWithoutEth0RunsAndSaysHowItsDataConnectionWasJudged(@TempDir final Path dir) throws Exception {
        final ScenarioRunner.Outcome o = run(dir, "lan");
        assertEquals(1, o.rows().size());
        assertTrue(o.rows().get(0).record().ok(), o.rows().get(0).record().reasonText());
        final String path = o.rows().get(0).dataPath().get("gw");
        assertTrue(path.startsWith("RELATED (ftp PASV 203.0.113.1 -> 203.0.113.10:") && path.contains(
                "accepted by filter/out policy accept"), path);
    }

    @Test
    void aDataConnectionLeavingByAnotherInterfaceThanEth0IsFound(@TempDir final Path dir) throws Exception {
        // eth0 is the LAN side; the connection to the server leaves by wan, from 203.0.113.1
        final ScenarioRunner.Outcome o = run(dir, "eth0");
        assertTrue(o.rows().get(0).record().ok(), o.rows().get(0).record().reasonText());
        final String path = o.rows().get(0).dataPath().get("gw");
        assertTrue(path.startsWith("RELATED (ftp PASV 203.0.113.1 -> 203.0.113.10:"), path);
    }

    private static ScenarioRunner.Outcome run(final Path dir, final String lan) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), SCENARIO.formatted(lan));
        Files.writeString(dir.resolve("gw.nft"), RULES);
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        return ScenarioRunner.run(s, s.seed(), null);
    }
}
