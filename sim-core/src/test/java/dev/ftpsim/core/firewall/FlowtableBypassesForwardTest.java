package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code flow add @ft} offloads an established connection: from its next packet on it skips the
 * forward chain (its counters stop), and the prerouting and postrouting chains too, since the
 * flowtable forwards it from the ingress hook (nf_flow_table_ip.c), until a FIN or RST sends it
 * back; a connection with a helper is never offloaded (nft_flow_offload_eval).
 */
class FlowtableBypassesForwardTest {
    private static String ruleset(final boolean flowAdd) {
        return """
                table inet filter {
                	flowtable ft {
                		hook ingress priority filter
                		devices = { lan0, wan }
                	}
                	chain pre {
                		type filter hook prerouting priority mangle; policy accept;
                		ct state established counter
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		%s
                		ct state established,related counter accept
                		tcp dport 5001 ct state new accept
                	}
                }
                """.formatted(flowAdd ? "meta l4proto tcp flow add @ft" : "");
    }

    @Test
    void anOffloadedTransferNoLongerMeetsTheForwardChain() {
        final long slow = transfer(false);
        final long fast = transfer(true);
        assertTrue(slow > 1000, "without offload every packet is counted: " + slow);
        assertTrue(fast < 10, "offloaded after its first established packet: " + fast);
    }

    private static long transfer(final boolean flowAdd) {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(ruleset(flowAdd));
        n.serverTcp.listen(5001, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 5001, ear).send(2_000_000);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(ear.connectedAt > 0);
        final var forward = fw.chain("filter/forward");
        assertEquals(1, fw.counter(forward, flowAdd ? 2 : 1)[0], "the SYN");
        final long pre = fw.counter(fw.chain("filter/pre"), 0)[0];
        final long fwd = fw.counter(forward, flowAdd ? 1 : 0)[0];
        assertTrue(Math.abs(pre - fwd) < 10, "prerouting sees what forward sees: " + pre + " / " + fwd);
        return fwd;
    }
}
