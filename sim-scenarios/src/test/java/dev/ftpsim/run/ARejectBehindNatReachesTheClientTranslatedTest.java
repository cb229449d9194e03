package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A firewall's reject of a connection it translates must reach the client with the addresses the
 * client dialled, or the client's TCP ignores it and times out. Linux: the reset (nf_send_reset) or
 * ICMP error (icmp_glue_bits) is attached to the rejected SYN's connection (nf_ct_attach,
 * RELATED in the reply direction); at POSTROUTING nf_nat_packet rewrites the reset's source back
 * to the forwarded address (the reply direction of a DST_NAT connection) and
 * nf_nat_icmp_reply_translation rewrites the error's quoted header (net/netfilter/nf_nat_core.c,
 * nf_nat_proto.c). The kernel also runs the postrouting nat chains for the reset (its connection
 * has no source binding yet), but whatever they bind, nf_nat_packet only rewrites a reply by the
 * other direction's status bit, so the reset leaves the same.
 */
class ARejectBehindNatReachesTheClientTranslatedTest {
    private static final String SCENARIO = """
            name: reject-behind-nat
            seed: 1
            stop: 60s
            hosts:
              client: { address: %s, gateway: %s, tcp: { syn-retries: 2 } }
              server: { address: %s, gateway: %s }
            routers:
              fw: { interfaces: { lan: 10.0.0.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.%s] }
              - { ends: [fw.%s, server] }
            firewall:
              fw: { nft: fw.nft }
            ftp:
              server: { host: server, files: { /pub/f.bin: 10KB } }
              clients:
                - { host: client, server: %s, port: %d, mode: passive }
            """;

    private static final String OUTSIDE_CLIENT = "203.0.113.10/24";
    private static final String INSIDE_SERVER = "10.0.0.2/24";

    private static final String PORT_FORWARD = """
            table ip nat {
            	chain prerouting {
            		type nat hook prerouting priority dstnat;
            		iifname "wan" tcp dport 2121 dnat to 10.0.0.2:21
            	}
            	chain postrouting {
            		type nat hook postrouting priority srcnat;
            		oifname "wan" masquerade
            	}
            }
            table inet filter {
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		tcp dport 21 %s
            	}
            }
            """;

    /**
     * Measured on Linux 6.18, nft 1.0.6 (namespaces client 203.0.113.10, router wan 203.0.113.1 lan
     * 10.0.0.1, server 10.0.0.2; python3 connect to 203.0.113.1:2121, tshark at the client): the
     * reset came from 203.0.113.1:2121, "Connection refused", and the postrouting rule
     * {@code oifname "wan" counter masquerade} counted 1 packet: the reset itself (nf_nat_inet_fn
     * runs the nat chains for a RELATED packet whose connection has no source binding yet).
     */
    @Test
    void aPortForwardsResetComesFromTheForwardedAddressAndPort(@TempDir final Path dir) throws Exception {
        final ScenarioRunner.Outcome o = assertRefused(dir, SCENARIO.formatted(OUTSIDE_CLIENT, "203.0.113.1",
                INSIDE_SERVER, "10.0.0.1", "wan", "lan", "203.0.113.1", 2121),
                PORT_FORWARD.formatted("reject with tcp reset"));
        final Firewall fw = o.firewalls().get("fw");
        assertTrue(rejected(fw) > 0);
        assertEquals(rejected(fw), masqueraded(fw), "each reset met the postrouting nat chain, as on Linux");
    }

    /**
     * Measured as above with {@code reject}: an ICMP port unreachable from 203.0.113.1 quoting
     * 203.0.113.10 -> 203.0.113.1:2121, "Connection refused", and the masquerade rule counted 0
     * (nf_nat_ipv4_fn translates a RELATED ICMP error and returns before the nat chains).
     */
    @Test
    void aPortForwardsIcmpErrorQuotesTheForwardedAddressAndPort(@TempDir final Path dir) throws Exception {
        final ScenarioRunner.Outcome o = assertRefused(dir, SCENARIO.formatted(OUTSIDE_CLIENT, "203.0.113.1",
                INSIDE_SERVER, "10.0.0.1", "wan", "lan", "203.0.113.1", 2121), PORT_FORWARD.formatted("reject"));
        final Firewall fw = o.firewalls().get("fw");
        assertTrue(rejected(fw) > 0);
        assertEquals(0, masqueraded(fw));
    }

    private static long rejected(final Firewall fw) {
        return count(fw, "filter/forward", 1);
    }

    private static long masqueraded(final Firewall fw) {
        return count(fw, "nat/postrouting", 0);
    }

    private static long count(final Firewall fw, final String chain, final int rule) {
        for (final Program.ChainCode c : fw.program().chains()) {
            if (c.name().equals(chain)) {
                return fw.counter(c, rule)[0];
            }
        }
        throw new AssertionError("no chain " + chain + " in " + fw.program().chains().stream().map(c -> c.name()).toList());
    }

    private static final String MASQUERADE = """
            table ip nat {
            	chain postrouting {
            		type nat hook postrouting priority srcnat;
            		masquerade
            	}
            }
            table inet filter {
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		%s
            	}
            }
            """;

    /**
     * Linux 6.18, client 10.0.0.2 inside: the reset came from 203.0.113.10:21 to 10.0.0.2, and the
     * unconditional {@code counter masquerade} counted it (1 packet), without changing it.
     */
    @Test
    void anInsideClientBehindMasqueradeIsRefusedByReset(@TempDir final Path dir) throws Exception {
        final ScenarioRunner.Outcome o = assertRefused(dir, SCENARIO.formatted("10.0.0.2/24", "10.0.0.1", "203.0.113.10/24", "203.0.113.1", "lan", "wan",
                "203.0.113.10", 21), MASQUERADE.formatted("tcp dport 21 reject with tcp reset"));
        final Firewall fw = o.firewalls().get("fw");
        assertTrue(rejected(fw) > 0);
        assertEquals(rejected(fw), masqueraded(fw));
    }

    @Test
    void anInsideClientBehindMasqueradeIsRefusedByIcmp(@TempDir final Path dir) throws Exception {
        assertRefused(dir, SCENARIO.formatted("10.0.0.2/24", "10.0.0.1", "203.0.113.10/24", "203.0.113.1", "lan", "wan",
                "203.0.113.10", 21), MASQUERADE.formatted("tcp dport 21 reject"));
    }

    private static final String REDIRECT = """
            table ip nat {
            	chain prerouting {
            		type nat hook prerouting priority dstnat;
            		tcp dport 2121 redirect to :21
            	}
            }
            table inet filter {
            	chain input {
            		type filter hook input priority filter; policy accept;
            		tcp dport 21 %s
            	}
            }
            """;

    @Test
    void aRedirectToTheRouterRejectedAtInputIsRefusedByReset(@TempDir final Path dir) throws Exception {
        assertRefused(dir, SCENARIO.formatted(OUTSIDE_CLIENT, "203.0.113.1", INSIDE_SERVER, "10.0.0.1", "wan", "lan",
                "203.0.113.1", 2121), REDIRECT.formatted("reject with tcp reset"));
    }

    @Test
    void aRedirectToTheRouterRejectedAtInputIsRefusedByIcmp(@TempDir final Path dir) throws Exception {
        assertRefused(dir, SCENARIO.formatted(OUTSIDE_CLIENT, "203.0.113.1", INSIDE_SERVER, "10.0.0.1", "wan", "lan",
                "203.0.113.1", 2121), REDIRECT.formatted("reject"));
    }

    private static ScenarioRunner.Outcome assertRefused(final Path dir, final String scenario, final String rules) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), scenario);
        Files.writeString(dir.resolve("fw.nft"), rules);
        final Scenario s = ScenarioLoader.load(dir.resolve("t.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final FtpSessionRecord r = o.rows().get(0).record();
        assertEquals(FailReason.REFUSED, r.outcome().cause(), r.reasonText());
        return o;
    }
}
