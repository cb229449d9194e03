package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code jhash ip saddr . tcp sport mod 2} (nft_hash.c) sends every packet of a flow the same way,
 * not only its first: one connection's packets all meet one chain; many connections use both.
 */
class JhashKeepsAFlowOnOneTargetTest {
    private static final String RULESET = """
            table ip lb {
            	chain a {
            		counter
            	}
            	chain b {
            		counter
            	}
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		tcp dport 80 jhash ip saddr . tcp sport mod 2 seed 0xfeed vmap { 0 : jump a, 1 : jump b }
            	}
            }
            """;

    @Test
    void oneFlowOneChainManyFlowsBoth() {
        final long[] one = run(1, 1);
        assertTrue(one[0] + one[1] > 100, "a bulk transfer's packets");
        assertTrue(one[0] == 0 || one[1] == 0, one[0] + " / " + one[1]);
        final long[] many = run(4, 5);
        assertTrue(many[0] > 0 && many[1] > 0, many[0] + " / " + many[1]);
        assertEquals(many[0] + many[1], run(4, 5)[0] + run(4, 5)[1], "the same every run");
    }

    private static long[] run(final int clients, final int each) {
        final FwNet n = new FwNet(1, clients);
        final Firewall fw = n.nft(RULESET);
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        for (int k = 0; k < each; k++) {
            for (int i = 0; i < clients; i++) {
                n.clientTcp.get(i).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim)).send(200_000);
            }
        }
        n.sim.runUntil(3 * NS_PER_S);
        return new long[] {fw.counter(fw.chain("lb/a"), 0)[0], fw.counter(fw.chain("lb/b"), 0)[0]};
    }
}
