package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.TcpConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ct count over 2} (nft_connlimit) drops the third concurrent connection; once one of the two
 * is reset (conntrack's CLOSE state: nf_conncount's already_closed), it no longer counts and the third
 * one's retransmitted SYN gets through.
 * iptables' {@code -m connlimit --connlimit-above 2} (xt_connlimit) counts per masked source address:
 * a client's third connection is dropped, another client's first is not.
 */
class CtCountOverDropsTheNextConnectionTest {
    private static final String NFT = """
            table ip t {
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		tcp dport 21 ct state new ct count over 2 counter drop
            	}
            }
            """;

    @Test
    void theThirdConnectionWaitsUntilOneCloses() {
        final FwNet n = new FwNet(1, 3);
        final Firewall fw = n.nft(NFT);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final List<FwNet.Ear> ears = new ArrayList<>();
        final List<TcpConnection> conns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final FwNet.Ear ear = new FwNet.Ear(n.sim);
            ears.add(ear);
            conns.add(n.clientTcp.get(i).connect(FwNet.SERVER, 21, ear));
            n.sim.runUntil((i + 1) * 10 * NS_PER_MS);
        }
        n.sim.runUntil(500 * NS_PER_MS);
        assertTrue(ears.get(0).connectedAt > 0 && ears.get(1).connectedAt > 0);
        assertEquals(-1, ears.get(2).connectedAt, "the third is over the count");
        assertEquals(1, fw.counter(fw.chain("t/forward"), 0)[0], "its SYN dropped once");
        conns.get(0).abort();
        n.sim.runUntil(2000 * NS_PER_MS);
        assertTrue(ears.get(2).connectedAt > 0, "after the first was reset, the retransmitted SYN passes");
    }

    @Test
    void connlimitCountsPerSourceAddress() {
        final FwNet n = new FwNet(1, 2);
        n.nft(FwNet.filterTable(
                "-A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr -j DROP"), true);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final List<FwNet.Ear> ears = n.connectInTurn(21, 0, 0, 0, 1);
        final List<FwNet.Ear> first = ears.subList(0, 3);
        final FwNet.Ear other = ears.get(3);
        assertTrue(first.get(0).connectedAt > 0 && first.get(1).connectedAt > 0);
        assertEquals(-1, first.get(2).connectedAt, "client 0's third connection");
        assertTrue(other.connectedAt > 0, "client 1 has its own count");
    }
}
