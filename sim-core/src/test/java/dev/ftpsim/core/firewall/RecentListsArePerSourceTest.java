package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        n.nft(FwNet.filterTable(
                "-A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m recent --rcheck --seconds 60 --name ftp --rsource -j DROP",
                "-A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m recent --set --name ftp --rsource"), true);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final List<FwNet.Ear> ears = n.connectInTurn(21, 0, 0, 1);
        final FwNet.Ear a1 = ears.get(0);
        final FwNet.Ear a2 = ears.get(1);
        final FwNet.Ear b1 = ears.get(2);
        assertTrue(a1.connectedAt > 0);
        assertEquals(-1, a2.connectedAt, "client 0 was seen");
        assertTrue(b1.connectedAt > 0, "client 1 was not");
    }
}
