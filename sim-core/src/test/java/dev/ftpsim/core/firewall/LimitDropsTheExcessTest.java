package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code limit rate 1/second burst 2 packets} is the kernel's token bucket in simulated time: a burst
 * of two passes at once, the rest is over the limit, and one more passes per second after.
 */
class LimitDropsTheExcessTest {
    @Test
    void fiveSimultaneousSynsPassTwoAndThenOnePerSecond() {
        final FwNet n = new FwNet(1, 5);
        final Firewall fw = n.nft("""
                table ip filter {
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		ct state established,related accept
                		tcp dport 21 ct state new limit rate 1/second burst 2 packets accept
                		tcp dport 21 log prefix "over limit: " drop
                	}
                }
                """);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        for (int i = 0; i < 5; i++) {
            n.clientTcp.get(i).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        }
        n.sim.runUntil(500 * NS_PER_MS);
        final var forward = fw.chain("filter/forward");
        assertEquals(2, fw.counter(forward, 1)[0], "the burst");
        assertEquals(3, fw.counter(forward, 2)[0], "over the limit");
        assertEquals(3, fw.log().size());
        assertEquals(true, fw.log().get(0).contains("over limit: filter/forward"), fw.log().get(0));
        // Linux retransmits the SYNs after 1 s: one token has come back by then.
        n.sim.runUntil(1500 * NS_PER_MS);
        assertEquals(3, fw.counter(forward, 1)[0], "one more a second later");
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(5, fw.counter(forward, 1)[0], "in the end every client got through");
    }
}
