package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Port knocking with a dynamic set: a SYN to port 7000 adds its source to {@code @knocked} for 3 s
 * of simulated time ({@code add @set { ip saddr timeout 3s }}); port 22 is open to sources in the set
 * while their element lives.
 */
class SetTimeoutsExpireTest {
    private static final String RULESET = """
            table ip filter {
            	set knocked {
            		type ipv4_addr
            		flags dynamic, timeout
            		timeout 3s
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		tcp dport 7000 add @knocked { ip saddr } drop
            		tcp dport 22 ip saddr @knocked accept
            	}
            }
            """;

    @Test
    void aKnockOpensThePortUntilTheElementTimesOut() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(RULESET);
        n.serverTcp.listen(22, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear before = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, before);
        n.sim.runUntil(500 * NS_PER_MS);
        assertTrue(before.connectedAt < 0, "no knock yet: dropped");

        n.clientTcp.get(0).connect(FwNet.SERVER, 7000, new FwNet.Ear(n.sim));
        n.sim.runUntil(600 * NS_PER_MS);
        final FwNet.Ear during = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, during);
        n.sim.runUntil(NS_PER_S);
        assertTrue(during.connectedAt > 0, "knocked: open");

        // the retransmitted knock SYNs (1 s, 3 s after the first) refresh nothing: 'add' keeps the expiry
        n.sim.runUntil(3700 * NS_PER_MS + 3 * NS_PER_S);
        final long policyBefore = fw.policyCounter(fw.chain("filter/forward"))[0];
        final FwNet.Ear after = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, after);
        n.sim.runUntil(7 * NS_PER_S);
        assertTrue(after.connectedAt < 0, "the element expired: closed again");
        assertTrue(fw.policyCounter(fw.chain("filter/forward"))[0] > policyBefore);
    }
}
