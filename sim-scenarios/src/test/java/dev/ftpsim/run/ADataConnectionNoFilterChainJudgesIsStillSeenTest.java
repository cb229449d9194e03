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
 * A firewall's connection tracking classifies a data connection's SYN even where none of its
 * filter chains meets it, and {@code data_path_<fw>} says so instead of "not seen" (which means
 * the SYN never reached that firewall). Measured with the real kernel by sim-lab's corpus cells:
 * nft(8)'s helper example (shared/rulesets/12, a prerouting chain only) as the server's own
 * firewall, PORT: the server's data SYN was RELATED (nftables 1.0.6, Linux 6.18, vsftpd 3.0.3,
 * curl 7.88.1 {@code -P -}).
 */
class ADataConnectionNoFilterChainJudgesIsStillSeenTest {
    @Test
    void aServersPreroutingOnlyHelperRulesetSeesItsActiveDataConnectionRelated(@TempDir final Path dir)
            throws Exception {
        final String path = dataPath(dir, """
                name: host-helper
                seed: 1
                stop: 60s
                hosts:
                  client: { address: 192.0.2.10/24 }
                  server: { address: 203.0.113.10/24 }
                routers:
                  r: { interfaces: { lan: 192.0.2.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, r.lan] }
                  - { ends: [r.wan, server] }
                firewall:
                  server: { nft: fw.rules }
                ftp:
                  server: { host: server, files: { /pub/f.bin: 100KB } }
                  clients:
                    - { host: client, mode: active }
                """, """
                table inet myhelpers {
                  ct helper ftp-standard {
                     type "ftp" protocol tcp
                  }
                  chain prerouting {
                      type filter hook prerouting priority filter;
                      tcp dport 21 ct helper set "ftp-standard"
                  }
                }
                """, "server");
        assertTrue(path.startsWith("RELATED (ftp PORT 203.0.113.10 -> 192.0.2.10:") && path.endsWith(
                ", accepted: no filter chain on its way"), path);
    }

    @Test
    void aRouterThatOnlyMasqueradesSeesItsPassiveDataConnectionNew(@TempDir final Path dir) throws Exception {
        final String path = dataPath(dir, """
                name: masquerade-only
                seed: 1
                stop: 60s
                hosts:
                  client: { address: 192.168.1.10/24 }
                  server: { address: 203.0.113.10/24 }
                routers:
                  fw: { interfaces: { lan: 192.168.1.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, fw.lan] }
                  - { ends: [fw.wan, server] }
                firewall:
                  fw: { iptables: fw.rules }
                ftp:
                  server: { host: server, files: { /pub/f.bin: 100KB } }
                  clients:
                    - { host: client, mode: passive }
                """, """
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                -A POSTROUTING -o wan -j MASQUERADE
                COMMIT
                """, "fw");
        assertEquals("NEW, accepted: no filter chain on its way", path);
    }

    private static String dataPath(final Path dir, final String scenario, final String rules, final String fw)
            throws Exception {
        Files.writeString(dir.resolve("t.yaml"), scenario);
        Files.writeString(dir.resolve("fw.rules"), rules);
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        assertEquals(1, o.rows().size());
        assertTrue(o.rows().get(0).record().ok(), o.rows().get(0).record().reasonText());
        return o.rows().get(0).dataPath().get(fw);
    }
}
