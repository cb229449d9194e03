package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.DropCause;
import org.junit.jupiter.api.Test;

/**
 * SNAT to an address of the server's subnet that no interface holds: the server's answer goes to
 * it on-link, its ARP request is never answered, and the connection is never established. Linux
 * 6.18: 'ip neigh' showed the address FAILED and connect() gave EHOSTUNREACH, while an address the
 * router holds on another interface was answered (arp_ignore=0). A route to it via the router mends it.
 */
class ASnatAddressNobodyHoldsIsUnreachableTest {
    private final FwNet n = new FwNet(1, 1);

    private FwNet.Ear connectThroughSnat() {
        n.nft("""
                table ip nat {
                  chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "wan" snat to 203.0.113.99
                  }
                }
                """);
        n.serverTcp.listen(21, c -> new dev.ftpsim.core.tcp.TcpHandler() { });
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, ear);
        return ear;
    }

    @Test
    void withoutARouteTheServersAnswerFindsNoNeighbour() {
        final FwNet.Ear ear = connectThroughSnat();
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(ear.connectedAt < 0, "never established");
        assertTrue(n.server.iface("eth0").counters().drops(DropCause.NO_ROUTE) > 0);
    }

    @Test
    void aRouteToTheAddressViaTheRouterBringsTheAnswerBack() {
        n.server.addRoute("203.0.113.99/32", "203.0.113.1");
        final FwNet.Ear ear = connectThroughSnat();
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(ear.connectedAt > 0);
    }
}
