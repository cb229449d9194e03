package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.rules.vm.Program;
import java.util.List;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatefulPolicyTest {
    private static final String[] POLICY = {
        "ct state established,related accept",
        "iif lan0 oif wan tcp dport 80 ct state new accept",
        "tcp dport 22 reject with tcp reset",
        "tcp dport 23 reject with icmp admin-prohibited",
        "tcp dport 24 reject",
    };

    @Test
    void repliesToAnAllowedConnectionPassAndDataArrivesWhole() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.stateful(POLICY);
        final FwNet.Ear serverEar = new FwNet.Ear(n.sim);
        n.serverTcp.listen(80, c -> serverEar);
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 80, ear);
        c.send("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(NS_PER_S);
        assertTrue(ear.connectedAt > 0);
        assertEquals("GET / HTTP/1.0\r\n\r\n", serverEar.bytes.toString(StandardCharsets.US_ASCII));
        assertEquals(1, fw.conntrack().count());
        assertTrue(fw.conntrack().entries().get(0).is(dev.ftpsim.core.conntrack.ConnEntry.ASSURED));
        // SYN matched the "new" rule once; everything else was established.
        assertEquals(1, fw.counter(fw.chain("forward"), 1)[0]);
    }

    @Test
    void anUnsolicitedInboundConnectionIsDroppedAndTimesOut() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.stateful(POLICY);
        n.clientTcp.get(0).listen(8080, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.serverTcp.connect(n.clientIp(0), 8080, ear);
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(FailReason.TIMED_OUT, ear.failure);
        // Linux 6.5+: 1 s initial RTO, four linear retries then doubling, 6 + 4 retries: the
        // connect gives up after 131 s.
        assertEquals(131 * NS_PER_S, ear.failedAt, 50 * NS_PER_MS);
        assertEquals(11, fw.policyCounter(fw.chain("forward"))[0], "the SYN and its 10 retries");
    }

    @Test
    void rejectVariantsFailTheClientAtOnceWithTheRightReason() {
        final FwNet n = new FwNet(1, 1);
        n.stateful(POLICY);
        final FwNet.Ear reset = new FwNet.Ear(n.sim);
        final FwNet.Ear prohibited = new FwNet.Ear(n.sim);
        final FwNet.Ear portUnreachable = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, reset);
        n.clientTcp.get(0).connect(FwNet.SERVER, 23, prohibited);
        n.clientTcp.get(0).connect(FwNet.SERVER, 24, portUnreachable);
        n.sim.runUntil(NS_PER_S);
        assertEquals(FailReason.REFUSED, reset.failure);
        assertEquals(FailReason.UNREACHABLE, prohibited.failure);
        assertEquals(FailReason.REFUSED, portUnreachable.failure);
        // One round trip to the firewall: 2 ms plus serialization, far below any retransmission.
        for (final FwNet.Ear e : new FwNet.Ear[] {reset, prohibited, portUnreachable}) {
            assertTrue(e.failedAt < 5 * NS_PER_MS, "failed at " + e.failedAt);
        }
    }

    @Test
    void aDroppedConnectTimesOutInsteadOfFailingAtOnce() {
        final FwNet n = new FwNet(1, 1);
        n.stateful(POLICY);
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 443, ear);
        n.sim.runUntil(10 * NS_PER_S);
        assertNull(ear.failure, "still retrying after 10 s");
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(FailReason.TIMED_OUT, ear.failure);
    }

    @Test
    void theSameRulesetAsOneLinersAndAsAnNftablesFileGivesTheSameVerdictsAndCounters() {
        final String nft = """
                table ip filter {
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		ct state established,related accept
                		iif lan0 oif wan tcp dport 80 ct state new accept
                		tcp dport 22 reject with tcp reset
                		tcp dport 23 reject with icmp admin-prohibited
                		tcp dport 24 reject
                	}
                }
                """;
        final FwNet na = new FwNet(5, 1);
        final long[][] a = run(na, na.stateful(OneLiners.forward(true, POLICY), ConntrackConfig.linux()));
        final FwNet nb = new FwNet(5, 1);
        final Program prog = Compiler.compile(NftParser.parse("fw.nft", nft), Firewall.interfaceNames(nb.fw),
                r -> "");
        final long[][] b = run(nb, Firewall.stateful(nb.fw, prog, ConntrackConfig.linux(), List.of()));
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "counter " + i);
        }
    }

    /** Mixed traffic; returns every rule counter, the policy counter and the outcomes. */
    private static long[][] run(final FwNet n, final Firewall fw) {
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        n.clientTcp.get(0).listen(8080, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear[] ears = new FwNet.Ear[6];
        for (int i = 0; i < ears.length; i++) {
            ears[i] = new FwNet.Ear(n.sim);
        }
        final TcpConnection web = n.clientTcp.get(0).connect(FwNet.SERVER, 80, ears[0]);
        web.send(50_000);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, ears[1]);
        n.clientTcp.get(0).connect(FwNet.SERVER, 23, ears[2]);
        n.clientTcp.get(0).connect(FwNet.SERVER, 24, ears[3]);
        n.clientTcp.get(0).connect(FwNet.SERVER, 443, ears[4]);
        n.serverTcp.connect(n.clientIp(0), 8080, ears[5]);
        n.sim.runUntil(30 * NS_PER_S);
        final Program.ChainCode chain = fw.chain("forward") != null ? fw.chain("forward") : fw.chain("filter/forward");
        final long[][] out = new long[chain.size() + 2][];
        for (int i = 0; i < chain.size(); i++) {
            out[i] = fw.counter(chain, i);
        }
        out[chain.size()] = fw.policyCounter(chain);
        final long[] outcome = new long[ears.length * 2];
        for (int i = 0; i < ears.length; i++) {
            outcome[2 * i] = ears[i].connectedAt;
            outcome[2 * i + 1] = ears[i].failure == null ? -1 : ears[i].failure.ordinal();
        }
        out[chain.size() + 1] = outcome;
        return out;
    }
}
