package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICMP error a router's {@code reject} sends for a forwarded SYN carries the SYN's connection
 * (Linux's icmp_glue_bits calls nf_ct_attach), so its own output chain sees it as {@code ct state
 * related}, though that connection was never confirmed: a router whose output chain drops what is
 * invalid (shared/rulesets/09, a home router: {@code ct state vmap { invalid : jump ct_invalid_out,
 * ... related : accept }}) still lets the client learn at once that it was refused. Measured on
 * Linux 6.18 (nftables 1.0.6): a forward {@code tcp dport 21 reject} and an output chain counting
 * ICMP by state counted 1 related, 0 invalid; curl 7.88.1 said "connect to 203.0.113.10 port 21
 * failed: Connection refused". sim-lab's cell "corpus 09-voip" runs file 09 itself.
 */
class ARejectsIcmpErrorIsRelatedAtOutputTest {
    private static final String SCENARIO = """
            name: reject-related
            seed: 1
            stop: 60s
            hosts:
              client: { address: 192.0.2.10/24, tcp: { syn-retries: 2 } }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 192.0.2.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            firewall:
              fw: { nft: fw.nft }
            ftp:
              server: { host: server, files: { /pub/f.bin: 10KB } }
              clients:
                - { host: client, mode: passive }
            """;
    private static final String RULES = """
            table inet filter {
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		%s
            	}
            	chain output {
            		type filter hook output priority filter; policy drop;
            		ct state vmap { invalid : drop, established : accept, related : accept }
            	}
            }
            """;

    @Test
    void theClientIsRefusedAtOnceNotLeftToTimeOut(@TempDir final Path dir) throws Exception {
        refusedAtOnce(dir, "reject");
    }

    /**
     * The reset of {@code reject with tcp reset} likewise (nf_send_reset calls nf_ct_attach):
     * measured as above, 1 TCP packet related at output, 0 invalid; curl "Connection refused".
     */
    @Test
    void aResetFromTheFirewallIsRelatedToo(@TempDir final Path dir) throws Exception {
        refusedAtOnce(dir, "reject with tcp reset");
    }

    private static void refusedAtOnce(final Path dir, final String reject) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), SCENARIO);
        Files.writeString(dir.resolve("fw.nft"), RULES.formatted(reject));
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final FtpSessionRecord r = o.rows().get(0).record();
        assertEquals(FailReason.REFUSED, r.outcome().cause(), r.reasonText());
        final var drops = o.firewalls().get("fw").drops();
        assertTrue(drops.keySet().stream().noneMatch(k -> k.startsWith("filter/output")), drops.toString());
    }
}
