package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Verdict maps on ct state and interfaces, and named sets of ports and concatenations, decide packets. */
class VerdictMapsAndSetsTest {
    private static final String RULESET = """
            table inet filter {
            	set allowed {
            		type ipv4_addr . inet_service
            		flags interval
            		elements = { 10.1.0.0/24 . 21, 10.1.0.2 . 5000-5010 }
            	}
            	chain from_lan {
            		ip saddr . tcp dport @allowed accept
            		reject with tcp reset
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state vmap { established : accept, related : accept, invalid : drop }
            		iifname vmap { "lan*" : jump from_lan, "wan" : drop }
            	}
            }
            """;

    @Test
    void aCtStateVmapAcceptsRepliesAndAnIfnameVmapJumpsToASetLookup() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(RULESET);
        final int[] ports = {21, 5005, 5011};
        final FwNet.Ear[] ears = new FwNet.Ear[ports.length];
        for (int i = 0; i < ports.length; i++) {
            n.serverTcp.listen(ports[i], c -> new FwNet.Ear(n.sim));
            ears[i] = new FwNet.Ear(n.sim);
            n.clientTcp.get(0).connect(FwNet.SERVER, ports[i], ears[i]);
        }
        n.clientTcp.get(0).listen(8080, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear inbound = new FwNet.Ear(n.sim);
        n.serverTcp.connect(n.clientIp(0), 8080, inbound);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(ears[0].connectedAt > 0, "21 from the lan prefix");
        assertTrue(ears[1].connectedAt > 0, "5005 inside the host's port range");
        assertEquals(dev.ftpsim.core.tcp.FailReason.REFUSED, ears[2].failure, "5011 outside it: reset");
        assertTrue(inbound.connectedAt < 0, "from wan: the vmap drops");
        final var forward = fw.chain("filter/forward");
        assertTrue(fw.counter(forward, 0)[0] > 4, "the replies went through the ct state vmap");
    }
}
