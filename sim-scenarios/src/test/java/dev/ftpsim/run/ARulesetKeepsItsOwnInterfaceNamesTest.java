package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ruleset written for a router whose interfaces are eth0 (WAN) and br-lan runs unchanged on a
 * scenario router whose interfaces are wan and lan, once {@code interface-names} says which is
 * which: its forward rules match, FTP gets through, and the drop policy counts nothing else.
 */
class ARulesetKeepsItsOwnInterfaceNamesTest {
    private static final String SCENARIO = """
            name: renamed
            seed: 1
            stop: 60s
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            firewall:
              fw:
                nft: fw.nft
            %s
            ftp:
              server: { host: server, files: { /pub/f.bin: 100KB } }
              clients:
                - { host: client, mode: passive, sessions: 2, arrivals: every 1s }
            """;
    private static final String RULES = """
            table inet filter {
            	ct helper ftp-standard {
            		type "ftp" protocol tcp
            	}
            	chain pre {
            		type filter hook prerouting priority filter; policy accept;
            		iifname "br-lan" tcp dport 21 ct helper set "ftp-standard"
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		iifname "br-lan" oifname "eth0" tcp dport 21 accept
            	}
            }
            """;

    @Test
    void mappedNamesMatchTheScenariosInterfaces(@TempDir final Path dir) throws Exception {
        final ScenarioRunner.Outcome o = run(dir, "    interface-names: {eth0: wan, br-lan: lan}");
        assertEquals(2, o.rows().size());
        assertTrue(o.rows().stream().allMatch(r -> r.record().ok()), o.rows().toString());
        assertTrue(o.rows().get(0).dataPath().get("fw").startsWith("RELATED"), o.rows().get(0).dataPath().toString());
    }

    @Test
    void withoutTheMappingTheFileNamesUnknownInterfaces(@TempDir final Path dir) throws Exception {
        final ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> run(dir, ""));
        assertTrue(e.errors().get(0).toString().endsWith("t.yaml:14:10: firewall.fw.nft: fw.nft:7:3: unknown interface"
                + " 'br-lan'; this node's interfaces are lan, wan"), e.errors().get(0).toString());
    }

    private static ScenarioRunner.Outcome run(final Path dir, final String names) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), SCENARIO.formatted(names));
        Files.writeString(dir.resolve("fw.nft"), RULES);
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        return ScenarioRunner.run(s, s.seed(), null);
    }
}
