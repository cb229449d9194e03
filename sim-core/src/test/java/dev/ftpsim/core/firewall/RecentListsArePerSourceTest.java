package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * xt_recent keys its list by the source address under {@code --mask} (a whole address by default):
 * a client seen once is refused a second connection, while another client's first passes. (The
 * mask was once taken as the bits of the number 32, so clients shared entries.)
 */
class RecentListsArePerSourceTest {
    @Test
    void aSecondClientIsNotTheFirst() {
        final FwNet n = new FwNet(1, 2);
        n.nft("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m recent --rcheck --seconds 60 --name ftp --rsource -j DROP
                -A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m recent --set --name ftp --rsource
                COMMIT
                """, true);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear a1 = new FwNet.Ear(n.sim);
        final FwNet.Ear a2 = new FwNet.Ear(n.sim);
        final FwNet.Ear b1 = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, a1);
        n.sim.runUntil(10 * NS_PER_MS);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, a2);
        n.sim.runUntil(20 * NS_PER_MS);
        n.clientTcp.get(1).connect(FwNet.SERVER, 21, b1);
        n.sim.runUntil(500 * NS_PER_MS);
        assertTrue(a1.connectedAt > 0);
        assertEquals(-1, a2.connectedAt, "client 0 was seen");
        assertTrue(b1.connectedAt > 0, "client 1 was not");
    }
}
