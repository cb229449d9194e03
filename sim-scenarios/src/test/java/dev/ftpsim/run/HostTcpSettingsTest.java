package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A host's tcp block changes how its connections fail: a black-holed connect gives up on its own schedule. */
class HostTcpSettingsTest {
    /** The server's firewall drops everything: the client's SYNs go unanswered. */
    private static String scenario(final String clientTcp) {
        return """
                name: black-hole
                stop: 300s
                hosts:
                  client: { address: 198.51.100.10/24%s }
                  server: { address: 203.0.113.10/24 }
                routers:
                  fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, fw.lan] }
                  - { ends: [fw.wan, server] }
                firewall:
                  fw:
                    forward: { policy: drop, rules: [] }
                ftp:
                  server: { host: server, files: { /pub/f.bin: 1KB } }
                  clients:
                    - { host: client }
                """.formatted(clientTcp);
    }

    private static double failedAfterSeconds(final String clientTcp) throws Exception {
        final Scenario s = ScenarioLoader.parse(scenario(clientTcp), "t.yaml", Path.of("."));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final var r = o.rows().get(0).record();
        assertEquals("control connect timed out", r.reasonText());
        return (r.timings().end() - r.timings().start()) / 1e9;
    }

    @Test
    void linuxGivesUpAfter131SecondsAnOlderLinuxAfter127AndAWindowsLikeHostAfter21() throws Exception {
        assertEquals(131.0, failedAfterSeconds(""), 0.01); // 1+1+1+1+1+2+4+8+16+32+64: 6.12's 6 + 4 retries
        assertEquals(127.0, failedAfterSeconds(", kernel: 5.15"), 0.01); // 1+2+4+8+16+32+64: tcp_syn_retries = 6
        assertEquals(21.0, failedAfterSeconds(", tcp: { syn-retries: 2, syn-linear-timeouts: 0, initial-rto: 3s }"),
                0.01); // 3+6+12
        assertEquals(7.0, failedAfterSeconds(", tcp: { syn-retries: 2 }"), 0.01); // tcp_model_timeout(2, 1 s) = 7 s
    }
}
