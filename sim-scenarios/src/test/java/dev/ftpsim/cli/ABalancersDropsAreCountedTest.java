package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure balancer with every backend down drops each SYN (the client's connect times out). The
 * run counted those drops nowhere: summary.json's drops and interfaceDrops were empty, the console
 * had no row, and report.html said "No packet was dropped".
 */
class ABalancersDropsAreCountedTest {
    @TempDir
    Path tmp;

    @Test
    void synsANoBackendBalancerDroppedAreReportedWhereTheUserLooks() throws Exception {
        final Path f = tmp.resolve("down.yaml");
        Files.writeString(f, """
                name: down
                seed: 1
                stop: 10s
                hosts:
                  client: { address: 198.51.100.10/24, gateway: 198.51.100.1 }
                  ftp1: { address: 10.1.1.10/24, gateway: 10.1.1.1 }
                routers:
                  lb: { interfaces: { front: 198.51.100.1/24, b1: 10.1.1.1/24 } }
                links:
                  - { ends: [client, lb.front], bandwidth: 100Mbps, delay: 10ms }
                  - { ends: [lb.b1, ftp1], bandwidth: 1Gbps, delay: 1ms }
                balancers:
                  lb: { profile: azure, virtual: 203.0.113.100, ports: [21], backends: [{ address: 10.1.1.10, down: true }] }
                ftp:
                  server: { host: ftp1 }
                  clients:
                    - { host: client, server: 203.0.113.100, mode: passive, sessions: 1, script: [login anonymous] }
                """);
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", f.toString(), "--no-progress", "--no-explain", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // Linux 6.5+'s SYNs within 10 s: at 0, 1, 2, 3, 4, 5 and 7 s
        assertTrue(r.out().matches("(?s).*\nlost at lb: no backend +7\n.*"), r.out());
        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(7, s.get("interfaceDrops").get("lb").get("no_backend").asLong(), s.toString());
        final String page = Files.readString(out.resolve("report.html"));
        assertFalse(page.contains("No packet was dropped"), page);
        assertTrue(page.contains("<td>lb</td><td>no backend</td><td class=\"num\">7</td>"), page);
    }
}
