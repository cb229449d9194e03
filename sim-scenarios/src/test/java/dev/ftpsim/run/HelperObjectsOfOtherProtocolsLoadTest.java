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
 * A ruleset that declares helper objects for other protocols besides ftp, as OpenWrt's fw4 and
 * Shorewall do (sip, tftp, irc, ...), loads: those helpers are assigned by name and match
 * {@code ct helper "sip"}, and inspect nothing, so the FTP control connection that a rule gives the
 * sip helper gets no expectation and its passive data connection is dropped, while the one given
 * ftp works.
 */
class HelperObjectsOfOtherProtocolsLoadTest {
    private static final String SCENARIO = """
            name: helpers
            seed: 1
            stop: 300s
            hosts:
              client: { address: 198.51.100.10/24 }
              other: { address: 198.51.101.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, lan2: 198.51.101.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [other, fw.lan2] }
              - { ends: [fw.wan, server] }
            firewall:
              fw: { nft: fw.nft }
            ftp:
              server: { host: server, files: { /pub/f.bin: 20KB } }
              clients:
                - { host: client, mode: passive }
                - { host: other, mode: passive }
            """;
    private static final String RULES = """
            table inet filter {
            	ct helper ftp { type "ftp" protocol tcp; }
            	ct helper sip { type "sip" protocol udp; }
            	ct helper tftp { type "tftp" protocol udp; }
            	chain pre {
            		type filter hook prerouting priority filter; policy accept;
            		iifname "lan" tcp dport 21 ct helper set "ftp"
            		iifname "lan2" tcp dport 21 ct helper set "sip"
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		ct helper "sip" counter
            		tcp dport 21 accept
            	}
            }
            """;

    @Test
    void theyLoadAndInspectNothing(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), SCENARIO);
        Files.writeString(dir.resolve("fw.nft"), RULES);
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final var byClient = new java.util.TreeMap<String, String>();
        o.rows().forEach(r -> byClient.put(r.record().identity().client(), r.record().ok() ? "ok"
                : r.record().reasonText()));
        assertEquals(java.util.Map.of("client", "ok", "other", "data connect timed out"), byClient);
        assertTrue(o.firewalls().get("fw").conntrack().stats().expectCreated == 1, "only the ftp helper expected");
    }
}
