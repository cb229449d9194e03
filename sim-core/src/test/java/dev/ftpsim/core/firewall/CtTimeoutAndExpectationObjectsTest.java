package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code ct timeout set} gives a new connection an object's per-state timeouts (an idle established
 * connection is forgotten after the object's 2 s instead of the kernel's 5 days), and
 * {@code ct expectation set} makes a new connection expect one back from its peer to a port: that
 * connection is RELATED and passes a firewall that admits nothing else (nft_ct.c).
 */
class CtTimeoutAndExpectationObjectsTest {
    private static final String TIMEOUTS = """
            table ip t {
            	ct timeout short {
            		protocol tcp
            		l3proto ip
            		policy = { established : 2s }
            	}
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		%s
            	}
            }
            """;

    @Test
    void anIdleConnectionOutlivesTheDefaultButNotTheObjectsTimeout() {
        assertEquals(1, trackedAfterIdle(""), "the kernel's 5-day established timeout keeps it");
        assertEquals(0, trackedAfterIdle("tcp dport 21 ct timeout set \"short\""), "2 s idle: gone");
    }

    private static int trackedAfterIdle(final String rule) {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(TIMEOUTS.formatted(rule));
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, ear).send(100);
        n.sim.runUntil(10 * NS_PER_S);
        assertTrue(ear.connectedAt > 0);
        return fw.conntrack().entries().size();
    }

    private static final String EXPECT = """
            table ip t {
            	ct expectation back {
            		protocol tcp
            		dport 5000
            		timeout 1m
            		size 2
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		tcp dport 21 ct state new %s accept
            	}
            }
            """;

    @Test
    void anExpectedConnectionIsRelatedAndPasses() {
        assertTrue(callBack(" ct expectation set \"back\"") > 0, "expected: RELATED, accepted");
        assertEquals(-1, callBack(""), "unexpected: the policy drops the server's SYN");
    }

    /** When the server's connection back to the client's port 5000 was established, or -1. */
    private static long callBack(final String stmt) {
        final FwNet n = new FwNet(1, 1);
        n.nft(EXPECT.formatted(stmt));
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        n.clientTcp.get(0).listen(5000, c -> new FwNet.Ear(n.sim));
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        n.sim.runUntil(NS_PER_S);
        final FwNet.Ear back = new FwNet.Ear(n.sim);
        n.serverTcp.connect(n.clientIp(0), 5000, back);
        n.sim.runUntil(3 * NS_PER_S);
        return back.connectedAt;
    }
}
